"""Send one enquiry's email: queue it, claim it under a row lock, send, record, or retry.

`send_enquiry_email` is the task the database-backed worker (`manage.py db_worker`) runs; its
only argument is the enquiry's id.

Exactly-once, as far as SMTP allows: the claim and the "sent" record happen under
`select_for_update`, a claimed enquiry is not claimed again until it goes stale, and the
Message-ID is derived from the enquiry, so even the one unavoidable duplicate (a worker killed
after the relay accepted the message but before `sent_at` was stored) carries the same id.

A relay that takes the whole team email but confirms it later than EMAIL_TIMEOUT may well
deliver it (`DeliveryUnconfirmed`). That is not retried like a refusal: the enquiry is sent once
more, waiting EMAIL_CONFIRM_TIMEOUT for the reply, and if that is unconfirmed too it is left
"Sent, not confirmed by the mail server" (`Status.UNCONFIRMED`), never sent a third time. An
unconfirmed acknowledgement is never resent. Retries queue behind fresh enquiries
(`RETRY_PRIORITY`).
Nothing personal goes into logs or task results: only the enquiry's id and reference.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from outbox.delivery import RETRY_PRIORITY, delivery_connection
from outbox.smtp import DeliveryUnconfirmed
from pages.models.service_settings import ServiceSettings

from .emails import acknowledgement_email, team_email
from .models.enquiry import AcknowledgementStatus, Enquiry, Status
from .routing import NoInboxError, routed_inbox

logger = logging.getLogger("enquiries")

SENT = "sent"
SKIPPED = "skipped"
RETRY = "retry scheduled"
FAILED = "failed"
UNCONFIRMED = "sent, not confirmed"


def retry_delay(attempts: int, queued_at, now) -> timedelta | None:
    """Backoff after `attempts` failed attempts, or None once it is time to give up."""
    delays = settings.ENQUIRY_RETRY_DELAYS
    seconds = (
        delays[attempts - 1] if attempts <= len(delays) else settings.ENQUIRY_RETRY_REPEAT_SECONDS
    )
    delay = timedelta(seconds=seconds)
    if now + delay > queued_at + timedelta(seconds=settings.ENQUIRY_RETRY_GIVE_UP_SECONDS):
        return None
    return delay


def describe_error(exc: BaseException) -> str:
    """Error class, SMTP code and underlying socket error only: server replies can quote
    addresses, so their text is never stored. Our own routing error says what to fix."""
    if isinstance(exc, NoInboxError):
        return str(exc)
    code = getattr(exc, "smtp_code", None) or getattr(exc, "errno", None)
    described = type(exc).__name__ + (f" ({code})" if code else "")
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, OSError) and cause is not exc:
        described += f" after {type(cause).__name__}"
    return described[:200]


DONE = {Status.SENT, Status.UNCONFIRMED, Status.SPAM, Status.FAILED}


def _claim(enquiry_id: int) -> Enquiry | None:
    now = timezone.now()
    stale = now - timedelta(seconds=settings.ENQUIRY_STALE_SENDING_SECONDS)
    with transaction.atomic():
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("topic")
            .filter(pk=enquiry_id)
            .first()
        )
        if enquiry is None or enquiry.status in DONE:
            return None
        if (
            enquiry.status == Status.SENDING
            and enquiry.sending_started_at
            and (enquiry.sending_started_at > stale)
        ):
            return None  # another worker is sending it right now
        enquiry.status = Status.SENDING
        enquiry.sending_started_at = now
        enquiry.attempts += 1
        enquiry.save(update_fields=["status", "sending_started_at", "attempts"])
    return enquiry


def _record_team_sent(enquiry: Enquiry, recipient: str) -> None:
    with transaction.atomic():
        locked = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        if locked.sent_at is None:
            locked.sent_at = timezone.now()
            locked.recipient = recipient
            locked.save(update_fields=["sent_at", "recipient"])
        enquiry.sent_at, enquiry.recipient = locked.sent_at, locked.recipient


def _record_acknowledgement(enquiry: Enquiry, outcome: str) -> None:
    Enquiry.objects.filter(pk=enquiry.pk).update(acknowledgement=outcome)
    enquiry.acknowledgement = outcome


def _send_acknowledgement(
    connection: BaseEmailBackend, enquiry: Enquiry, service: ServiceSettings | None, inbox: str
) -> None:
    if not settings.ENQUIRY_SEND_ACKNOWLEDGEMENT:
        _record_acknowledgement(enquiry, AcknowledgementStatus.NOT_WANTED)
        return
    try:
        connection.send_messages([acknowledgement_email(enquiry, service, inbox)])
    except smtplib.SMTPRecipientsRefused:
        _record_acknowledgement(enquiry, AcknowledgementStatus.REFUSED)
    except DeliveryUnconfirmed:  # the relay probably has it: never a second copy
        _record_acknowledgement(enquiry, AcknowledgementStatus.UNCONFIRMED)
    else:
        _record_acknowledgement(enquiry, AcknowledgementStatus.SENT)


def _finish(enquiry: Enquiry) -> None:
    Enquiry.objects.filter(pk=enquiry.pk).update(
        status=Status.SENT, next_attempt_at=None, last_error="", failed_at=None
    )


def _after_failure(enquiry: Enquiry, exc: BaseException) -> str:
    now = timezone.now()
    with transaction.atomic():
        locked = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        locked.last_error = describe_error(exc)
        delay = retry_delay(locked.attempts, locked.queued_at, now)
        if delay is None and locked.sent_at is not None:
            # The team has the enquiry; only the acknowledgement could not be sent.
            locked.status = Status.SENT
            locked.next_attempt_at = None
            locked.save(update_fields=["status", "next_attempt_at", "last_error"])
            outcome = FAILED
        elif delay is None and locked.unconfirmed_sends:
            # The relay may have the one unconfirmed copy: not a failure to resend blindly.
            locked.status = Status.UNCONFIRMED
            locked.next_attempt_at = None
            locked.save(update_fields=["status", "next_attempt_at", "last_error"])
            outcome = UNCONFIRMED
        elif delay is None:
            locked.status = Status.FAILED
            locked.failed_at = now
            locked.next_attempt_at = None
            locked.save(update_fields=["status", "failed_at", "next_attempt_at", "last_error"])
            outcome = FAILED
        else:
            locked.status = Status.RETRYING
            locked.save(update_fields=["status", "last_error"])
            enqueue_send(locked, run_after=now + delay, retry=True)
            outcome = RETRY
    logger.warning(
        "Enquiry %s: send attempt %d failed (%s); %s",
        enquiry.reference,
        enquiry.attempts,
        describe_error(exc),
        outcome,
    )
    return outcome


def _after_unconfirmed(enquiry: Enquiry, inbox: str, exc: DeliveryUnconfirmed) -> str:
    """The relay has the team email but did not say so in time: retry once, then stop."""
    now = timezone.now()
    with transaction.atomic():
        locked = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        locked.unconfirmed_sends += 1
        locked.last_error = f"Sent, but the mail server did not confirm it in time ({exc})"
        delay = retry_delay(locked.attempts, locked.queued_at, now)
        if locked.unconfirmed_sends >= 2 or delay is None:
            locked.status = Status.UNCONFIRMED
            locked.recipient = inbox
            locked.next_attempt_at = None
            outcome = UNCONFIRMED
        else:
            locked.status = Status.RETRYING
            outcome = RETRY
        locked.save(
            update_fields=[
                "unconfirmed_sends",
                "last_error",
                "status",
                "recipient",
                "next_attempt_at",
            ]
        )
        if delay is not None and outcome == RETRY:
            enqueue_send(locked, run_after=now + delay, retry=True)
    logger.warning(
        "Enquiry %s: send attempt %d not confirmed by the relay; %s",
        enquiry.reference,
        enquiry.attempts,
        outcome if outcome == RETRY else "left as sent, not sent again",
    )
    return outcome


def deliver(enquiry_id: int) -> str:
    """Send the team email (and the acknowledgement) for one enquiry, once."""
    enquiry = _claim(enquiry_id)
    if enquiry is None:
        return SKIPPED
    service = ServiceSettings.for_default_site()
    inbox = ""
    # Already in the worker: straight to the relay, not re-queued. After an unconfirmed send,
    # the one more attempt waits longer for the relay's reply.
    confirming = enquiry.unconfirmed_sends > 0 and enquiry.sent_at is None
    try:
        inbox = routed_inbox(enquiry, service)
        with delivery_connection(confirming=confirming) as connection:
            if enquiry.sent_at is None:
                connection.send_messages([team_email(enquiry, inbox, service)])
                _record_team_sent(enquiry, inbox)
            if enquiry.acknowledgement == AcknowledgementStatus.PENDING:
                _send_acknowledgement(connection, enquiry, service, inbox)
    except DeliveryUnconfirmed as exc:  # only the team email gets here
        return _after_unconfirmed(enquiry, inbox, exc)
    except Exception as exc:  # any SMTP, socket or timeout error: keep it and retry
        return _after_failure(enquiry, exc)
    _finish(enquiry)
    logger.info("Enquiry %s sent", enquiry.reference)
    return SENT


@task(backend="database", queue_name="enquiries")
def send_enquiry_email(enquiry_id: int) -> str:
    """Email one stored enquiry to its topic's inbox; retries itself with backoff on failure."""
    return deliver(enquiry_id)


def enqueue_send(
    enquiry: Enquiry, run_after: datetime | None = None, *, retry: bool = False
) -> str:
    """Queue the send task (its only argument is the id) and remember the task row's id.

    Call inside the transaction that stores or changes the enquiry. The database backend writes
    the task row on the current connection, inside that transaction: the enquiry and its task
    are committed together or not at all. (No `transaction.on_commit`: deferring the enqueue
    would open a window where a committed enquiry has no task, which is exactly the loss this
    design rules out.) `retry`: a retry or re-queue, which waits behind fresh enquiries.
    """
    options: dict[str, Any] = {"run_after": run_after} if run_after else {}
    if retry:  # behind every fresh enquiry that is due
        options["priority"] = RETRY_PRIORITY
    queued = send_enquiry_email.using(**options) if options else send_enquiry_email
    result = queued.enqueue(enquiry.pk)
    enquiry.task_id = str(result.id)
    enquiry.next_attempt_at = run_after
    Enquiry.objects.filter(pk=enquiry.pk).update(task_id=enquiry.task_id, next_attempt_at=run_after)
    return enquiry.task_id
