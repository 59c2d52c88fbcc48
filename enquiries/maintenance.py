"""Housekeeping that must run without cron: the sweeps for stuck enquiries and for queued emails
a killed worker left running (outbox.sweep), and the retention purge.

`enquiry_maintenance` is a repeating task (`pages.repeating_task`) that runs every
ENQUIRY_MAINTENANCE_INTERVAL_SECONDS; `migrate` starts it and the `sweep_enquiries` command
re-starts it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from outbox.sweep import requeue_abandoned_email
from pages.repeating_task import RepeatingTask

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
            enqueue_send(enquiry, retry=True)
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


def _upkeep() -> dict[str, int]:
    return {
        "requeued": sweep_stuck_enquiries(),
        "requeued_email": requeue_abandoned_email(),
        "purged": purge_expired_enquiries(),
    }


@task(backend="database", queue_name="maintenance")
def enquiry_maintenance() -> dict[str, int]:
    """Re-queue stuck enquiries and abandoned queued emails, purge expired enquiries, then
    schedule the next run."""
    return MAINTENANCE.run(_upkeep)


MAINTENANCE = RepeatingTask(
    enquiry_maintenance,
    interval_setting="ENQUIRY_MAINTENANCE_INTERVAL_SECONDS",
    stale_after=lambda: timedelta(seconds=settings.ENQUIRY_STALE_SENDING_SECONDS),
)
