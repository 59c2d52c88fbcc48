"""Store a valid submission and queue its email in one transaction; queue one again later."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from .abuse import is_rate_limited, spam_reason
from .delivery import enqueue_send
from .forms import EnquiryForm
from .models.enquiry import Enquiry, Status

logger = logging.getLogger("enquiries")


def store_enquiry(form: EnquiryForm, hashed_client: str) -> Enquiry | None:
    """Both the enquiry and its send task are committed, or neither. None when the client is
    rate limited: nothing is stored.

    Suspected spam is stored and flagged but not queued. The rate limit is checked inside the
    same transaction, so concurrent submissions from one client are counted one after another
    (SQLite takes the write lock at BEGIN IMMEDIATE; on PostgreSQL the limit may overshoot by the
    number of truly simultaneous requests, which is harmless).
    """
    data = form.cleaned_data
    reason = spam_reason(honeypot=data.get("website", ""), form_token=data.get("form_token", ""))
    with transaction.atomic():
        if is_rate_limited(hashed_client):
            return None
        topic = data["topic"]
        enquiry = Enquiry.objects.create(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            role=data["role"],
            topic=topic,
            topic_name=topic.name,
            message=data["message"],
            client_hash=hashed_client,
            status=Status.SPAM if reason else Status.QUEUED,
            flagged_as_spam=bool(reason),
            spam_reason=reason,
        )
        if not reason:
            enqueue_send(enquiry)
    if reason:
        logger.info("Enquiry %s held as suspected spam: %s", enquiry.reference, reason)
    else:
        logger.info("Enquiry %s stored and queued", enquiry.reference)
    return enquiry


def requeue(enquiry_id: int, from_status: Status) -> bool:
    """An editor queues an enquiry again: a failed one (resend) or one held as spam (release).

    Only from `from_status`, so a double click or a stale page changes nothing. The enquiry gets
    a fresh retry budget; the spam flag stays for the record.
    """
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().filter(pk=enquiry_id).first()
        if enquiry is None or enquiry.status != from_status:
            return False
        enquiry.status = Status.QUEUED
        enquiry.attempts = 0
        enquiry.failed_at = None
        enquiry.queued_at = timezone.now()
        enquiry.save(update_fields=["status", "attempts", "failed_at", "queued_at"])
        enqueue_send(enquiry)
    logger.info("Enquiry %s queued again by an editor (was %s)", enquiry.reference, from_status)
    return True
