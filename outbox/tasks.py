"""The worker's side: send one queued message through the relay, or retry later. Never dropped,
and never sent more than twice (see `send_queued_email`)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .delivery import RETRY_PRIORITY, delivery_connection
from .messages import deserialise
from .smtp import DeliveryUnconfirmed

logger = logging.getLogger("outbox")

SENT = "sent"
RETRY = "retry scheduled"
UNCONFIRMED = "sent, not confirmed"


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
def send_queued_email(payload: dict[str, Any], attempt: int = 1, unconfirmed: int = 0) -> str:
    """Send one message queued by `QueuedEmailBackend`; on any failure queue the next attempt.

    `unconfirmed` counts earlier attempts that may have reached the relay (the body went out,
    no reply came; or a worker was killed mid-send). After one, the next attempt waits
    EMAIL_CONFIRM_TIMEOUT for the reply; if that one is unconfirmed too, the message is left
    as sent: at most one duplicate, never a flood.
    """
    forget_finished(send_queued_email.module_path)
    message = deserialise(payload)
    try:
        with delivery_connection(confirming=unconfirmed > 0) as connection:
            connection.send_messages([message])
    except DeliveryUnconfirmed as exc:
        if unconfirmed:
            logger.warning(
                "Queued email: attempt %d sent but not confirmed (%s) again; not sent again",
                attempt,
                exc,
            )
            return UNCONFIRMED
        return _retry(payload, attempt, 1, exc)
    except Exception as exc:  # any SMTP, socket or timeout error before the relay had it
        return _retry(payload, attempt, unconfirmed, exc)
    return SENT


def _retry(payload: dict[str, Any], attempt: int, unconfirmed: int, exc: BaseException) -> str:
    delay = retry_delay(attempt)
    extra = {"unconfirmed": unconfirmed} if unconfirmed else {}
    send_queued_email.using(run_after=timezone.now() + delay, priority=RETRY_PRIORITY).enqueue(
        payload, attempt + 1, **extra
    )
    # The error's class only: server replies can quote addresses.
    logger.warning(
        "Queued email: attempt %d failed (%s); next attempt in %ds",
        attempt,
        "not confirmed" if isinstance(exc, DeliveryUnconfirmed) else type(exc).__name__,
        delay.total_seconds(),
    )
    return RETRY
