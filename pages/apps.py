from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self) -> None:
        # Imported here, as Django's signal-handler idiom: the handler uses the task queue's models.
        from .scheduled_publishing import schedule_after_migrate

        post_migrate.connect(schedule_after_migrate, sender=self)
