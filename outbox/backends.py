"""EMAIL_BACKEND for the whole site: each message becomes a task on the database queue.

Nothing talks to the relay inside a web request. The task row is written on the current
database connection, so a message queued inside a transaction that rolls back is never sent.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from .messages import serialise
from .tasks import send_queued_email


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            send_queued_email.enqueue(serialise(message))
            queued += 1
        return queued
