from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = "Contact enquiries"

    def ready(self) -> None:
        # Imported here, as Django's signal-handler idiom: the handler uses the app's models.
        from .maintenance import MAINTENANCE

        post_migrate.connect(MAINTENANCE.after_migrate, sender=self)
