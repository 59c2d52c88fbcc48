from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LinkcheckConfig(AppConfig):
    name = "linkcheck"
    verbose_name = "Link checker"

    def ready(self) -> None:
        # Imported here, as Django's signal-handler idiom: the handler uses the task queue's models.
        from .tasks import LINK_CHECK

        post_migrate.connect(LINK_CHECK.after_migrate, sender=self)
