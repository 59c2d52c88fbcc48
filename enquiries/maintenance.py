"""Housekeeping that must run without cron: the sweep for stuck enquiries and the retention purge.

`enquiry_maintenance` is a task on the database queue that re-schedules itself (`run_after`) every
ENQUIRY_MAINTENANCE_INTERVAL_SECONDS. The chain is started by `migrate` (a post_migrate handler
calls `ensure_maintenance_scheduled`), re-started by the `sweep_enquiries` command, and survives
errors because the next run is scheduled in a `finally`. So a running `db_worker` is all it needs.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .delivery import enqueue_send
from .models.enquiry import Enquiry, Status
from .retention import purge_expired_enquiries

logger = logging.getLogger("enquiries")

WAITING = {Status.QUEUED, Status.RETRYING}


def _stale_before():
    return timezone.now() - timedelta(seconds=settings.ENQUIRY_STALE_SENDING_SECONDS)


def _live_task_ids(task_ids: list[str]) -> set[str]:
    """Task rows that will still run: ready, or running and not yet stale."""
    rows = DBTaskResult.objects.filter(id__in=[t for t in task_ids if t]).filter(
        Q(status="READY") | Q(status="RUNNING", started_at__gte=_stale_before())
    )
    return {str(pk) for pk in rows.values_list("id", flat=True)}


def sweep_stuck_enquiries() -> int:
    """Re-queue enquiries a killed worker left 'sending', or whose task row is gone or dead."""
    stale = _stale_before()
    stuck_sending = list(
        Enquiry.objects.filter(status=Status.SENDING, sending_started_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    waiting = list(Enquiry.objects.filter(status__in=WAITING).values_list("pk", "task_id"))
    live = _live_task_ids([task_id for _, task_id in waiting])
    orphaned = [pk for pk, task_id in waiting if task_id not in live]

    requeued = 0
    for pk in [*stuck_sending, *orphaned]:
        with transaction.atomic():
            enquiry = Enquiry.objects.select_for_update().filter(pk=pk).first()
            if enquiry is None or not _still_stuck(enquiry, stale):
                continue
            enquiry.status = Status.QUEUED
            enquiry.save(update_fields=["status"])
            enqueue_send(enquiry)
            requeued += 1
            logger.warning("Enquiry %s re-queued by the sweep", enquiry.reference)
    return requeued


def _still_stuck(enquiry: Enquiry, stale) -> bool:
    """Re-checked under the row lock, as a send may have moved on since the first look."""
    if enquiry.status == Status.SENDING:
        return enquiry.sending_started_at is None or enquiry.sending_started_at < stale
    if enquiry.status in WAITING:
        return enquiry.task_id not in _live_task_ids([enquiry.task_id])
    return False


def ensure_maintenance_scheduled(*, from_running_task: bool = False) -> bool:
    """Queue the next maintenance run unless one is already waiting. Returns True if queued."""
    pending = DBTaskResult.objects.filter(task_path=enquiry_maintenance.module_path)
    busy = Q(status="READY")
    if not from_running_task:
        busy |= Q(status="RUNNING", started_at__gte=_stale_before())
    if pending.filter(busy).exists():
        return False
    run_after = None
    if from_running_task:
        run_after = timezone.now() + timedelta(
            seconds=settings.ENQUIRY_MAINTENANCE_INTERVAL_SECONDS
        )
    (enquiry_maintenance.using(run_after=run_after) if run_after else enquiry_maintenance).enqueue()
    return True


def prune_maintenance_rows() -> int:
    """Finished maintenance task rows older than a day are of no further use."""
    cutoff = timezone.now() - timedelta(days=1)
    deleted, _ = DBTaskResult.objects.filter(
        task_path=enquiry_maintenance.module_path,
        status__in=["SUCCESSFUL", "FAILED"],
        finished_at__lt=cutoff,
    ).delete()
    return deleted


def run_maintenance() -> dict[str, int]:
    """One run: sweep, purge, prune. The next run is scheduled even if this one fails."""
    try:
        return {
            "requeued": sweep_stuck_enquiries(),
            "purged": purge_expired_enquiries(),
            "pruned": prune_maintenance_rows(),
        }
    finally:
        ensure_maintenance_scheduled(from_running_task=True)


@task(backend="database", queue_name="maintenance")
def enquiry_maintenance() -> dict[str, int]:
    """Re-queue stuck enquiries and purge expired ones, then schedule the next run."""
    return run_maintenance()


def schedule_after_migrate(using: str = "default", **kwargs) -> None:
    """post_migrate handler: make sure the self-rescheduling maintenance task is queued."""
    if DBTaskResult._meta.db_table in connections[using].introspection.table_names():
        ensure_maintenance_scheduled()
