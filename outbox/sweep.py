"""Queued emails a killed worker left "running": django-tasks-db never looks at them again.

`requeue_abandoned_email` puts each such row back in the queue (the enquiries' maintenance
sweep calls it every ENQUIRY_MAINTENANCE_INTERVAL_SECONDS). The worker may have been killed after
the relay took the message, so the re-queued attempt counts as unconfirmed: it waits
EMAIL_CONFIRM_TIMEOUT, and is the last copy if the relay again does not confirm.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .delivery import RETRY_PRIORITY
from .tasks import send_queued_email

logger = logging.getLogger("outbox")


def requeue_abandoned_email() -> int:
    """Re-queue queued emails that have been running longer than OUTBOX_STALE_RUNNING_SECONDS;
    return how many."""
    stale = timezone.now() - timedelta(seconds=settings.OUTBOX_STALE_RUNNING_SECONDS)
    with transaction.atomic():
        rows = list(
            DBTaskResult.objects.select_for_update(skip_locked=True).filter(
                task_path=send_queued_email.module_path,
                status=TaskResultStatus.RUNNING,
                started_at__lt=stale,
            )
        )
        for row in rows:
            row.args_kwargs["kwargs"] = {**row.args_kwargs.get("kwargs", {}), "unconfirmed": 1}
            row.status = TaskResultStatus.READY
            row.started_at = None
            row.priority = RETRY_PRIORITY
            row.run_after = timezone.now()
            row.save(update_fields=["args_kwargs", "status", "started_at", "priority", "run_after"])
    for row in rows:
        logger.warning("Queued email %s: abandoned by a killed worker; re-queued", row.pk)
    return len(rows)
