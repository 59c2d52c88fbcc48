"""The worker's side: send one queued message through the relay, or retry later. Never dropped."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .delivery import delivery_connection
from .messages import deserialise

logger = logging.getLogger("outbox")

SENT = "sent"
RETRY = "retry scheduled"


def retry_delay(attempt: int) -> timedelta:
    """Backoff after the `attempt`th failure: the listed delays, then a steady repeat."""
    delays = settings.OUTBOX_RETRY_DELAYS
    seconds = (
        delays[attempt - 1] if attempt <= len(delays) else settings.OUTBOX_RETRY_REPEAT_SECONDS
    )
    return timedelta(seconds=seconds)


def forget_finished(task_path: str) -> None:
    """Delete the finished rows of a task: their arguments hold addresses and whole messages
    (password reset links among them), which nothing needs once sent. Rows still waiting or
    running, and failed ones, stay."""
    DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.SUCCESSFUL).delete()


@task(backend="database", queue_name="email")
def send_queued_email(payload: dict[str, Any], attempt: int = 1) -> str:
    """Send one message queued by `QueuedEmailBackend`; on any failure queue the next attempt."""
    forget_finished(send_queued_email.module_path)
    message = deserialise(payload)
    try:
        with delivery_connection() as connection:
            connection.send_messages([message])
    except Exception as exc:  # any SMTP, socket or timeout error: try again later
        delay = retry_delay(attempt)
        send_queued_email.using(run_after=timezone.now() + delay).enqueue(payload, attempt + 1)
        # The error's class only: server replies can quote addresses.
        logger.warning(
            "Queued email: attempt %d failed (%s); next attempt in %ds",
            attempt,
            type(exc).__name__,
            delay.total_seconds(),
        )
        return RETRY
    return SENT
