"""Contact topics (editable routing) and the enquiries people send through the contact form."""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.utils import timezone

REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U: easy to read aloud


def new_reference() -> str:
    """A short reference people can read over the phone, like IMH-7K3P-Q9XD."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"IMH-{chars[:4]}-{chars[4:]}"


class ContactTopic(models.Model):
    """What an enquiry is about, and which inbox it goes to."""

    name = models.CharField(
        max_length=100,
        help_text="Shown to people choosing what their message is about, for example "
        "'Solihull Approach training courses'. Also used in the email subject.",
    )
    inbox = models.EmailField(
        blank=True,
        help_text="Where enquiries on this topic are emailed. Leave empty to use the service "
        "inbox set in Settings › Service settings.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Topics are listed from the lowest number to the highest."
    )
    is_active = models.BooleanField(
        default=True,
        help_text="Untick to stop offering this topic on the form. Enquiries already sent about "
        "it are kept.",
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "contact topic"

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PARENT = "parent", "A parent or carer"
    PROFESSIONAL = "professional", "A professional"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    RETRYING = "retrying", "Waiting to retry"
    SENT = "sent", "Sent"
    # The relay took the team email twice without confirming it in time: it has very likely
    # arrived; it is never sent a third time (check the inbox, resend by hand if it is not there).
    UNCONFIRMED = "unconfirmed", "Sent, not confirmed by the mail server"
    FAILED = "failed", "Failed: needs resending"
    SPAM = "spam", "Held as suspected spam"


class AcknowledgementStatus(models.TextChoices):
    PENDING = "pending", "Not sent yet"
    SENT = "sent", "Sent"
    NOT_WANTED = "not_wanted", "Switched off"
    REFUSED = "refused", "Refused by the mail server"
    UNCONFIRMED = "unconfirmed", "Sent, not confirmed by the mail server"


class Enquiry(models.Model):
    """One message from the contact form. Stored before any email is attempted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Given on first save (not a field default, so migrations need no import of this module).
    reference = models.CharField(max_length=16, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    name = models.CharField(max_length=200)
    email = models.EmailField(db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    role = models.CharField("I am", max_length=20, choices=Role.choices)
    topic = models.ForeignKey(
        ContactTopic, null=True, blank=True, on_delete=models.SET_NULL, related_name="enquiries"
    )
    topic_name = models.CharField(
        "topic", max_length=100, help_text="The topic's name when the enquiry was sent."
    )
    message = models.TextField()

    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    flagged_as_spam = models.BooleanField(default=False, db_index=True)
    spam_reason = models.CharField(max_length=100, blank=True)
    client_hash = models.CharField(
        max_length=64, blank=True, help_text="Keyed hash of the sender's IP address (rate limit)."
    )

    attempts = models.PositiveIntegerField(default=0)
    queued_at = models.DateTimeField(
        default=timezone.now, help_text="When sending last started (retries give up 2 days on)."
    )
    sending_started_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient = models.EmailField(blank=True, help_text="The inbox the enquiry was emailed to.")
    acknowledgement = models.CharField(
        max_length=12, choices=AcknowledgementStatus.choices, default=AcknowledgementStatus.PENDING
    )
    failed_at = models.DateTimeField(null=True, blank=True)
    unconfirmed_sends = models.PositiveSmallIntegerField(
        default=0,
        help_text="Times the mail server received the team email but did not confirm it in time.",
    )
    last_error = models.CharField(max_length=200, blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "enquiry"
        verbose_name_plural = "enquiries"
        indexes = [models.Index(fields=["client_hash", "created_at"], name="enquiry_client_recent")]

    def __str__(self) -> str:
        return f"{self.reference} ({self.topic_name})"

    def save(self, *args, **kwargs) -> None:
        if not self.reference:
            self.reference = new_reference()
        super().save(*args, **kwargs)
