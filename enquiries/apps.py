from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = "Contact enquiries"

    def ready(self) -> None:
        post_migrate.connect(start_maintenance_chain, sender=self)


def start_maintenance_chain(using: str = "default", **kwargs) -> None:
    """After `migrate`, make sure the self-rescheduling maintenance task is queued."""
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult._meta.db_table not in connections[using].introspection.table_names():
        return
    from .maintenance import ensure_maintenance_scheduled

    ensure_maintenance_scheduled()
