from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self) -> None:
        # Imported here, as Django's signal-handler idiom: the handler uses Wagtail's models.
        from .site_address import apply_site_address_after_migrate

        post_migrate.connect(apply_site_address_after_migrate, sender=self)
