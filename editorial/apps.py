from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial roles and reminders"

    def ready(self) -> None:
        # Imported here, as Django's signal-handler idiom: the handler uses the task queue's
        # models, which are not ready when this module is imported.
        from .reminders import REVIEW_REMINDERS

        post_migrate.connect(REVIEW_REMINDERS.after_migrate, sender=self)
