"""Tasks run by the database-backed worker (`manage.py db_worker`). Arguments are ids only."""

from __future__ import annotations

from django_tasks import task

from .delivery import deliver
from .maintenance import run_maintenance


@task(backend="database", queue_name="enquiries")
def send_enquiry_email(enquiry_id: int) -> str:
    """Email one stored enquiry to its topic's inbox; retries itself with backoff on failure."""
    return deliver(enquiry_id)


@task(backend="database", queue_name="maintenance")
def enquiry_maintenance() -> dict[str, int]:
    """Re-queue stuck enquiries and purge expired ones, then schedule the next run."""
    return run_maintenance()
