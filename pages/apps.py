from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self) -> None:
        # Imported here, as Django's signal-handler idiom: the handlers use Wagtail's and the task
        # queue's models, which are not ready when this module is imported.
        from .scheduled_publishing import SCHEDULED_PUBLISHING
        from .site_address import apply_site_address_after_migrate

        post_migrate.connect(apply_site_address_after_migrate, sender=self)
        post_migrate.connect(SCHEDULED_PUBLISHING.after_migrate, sender=self)
