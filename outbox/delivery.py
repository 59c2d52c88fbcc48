"""The real way out (SMTP unless EMAIL_DELIVERY_BACKEND says otherwise), used only by workers."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

from .smtp import ConfirmingSMTPBackend

DJANGO_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# Retries and re-queued sends go behind fresh messages on the same worker (django-tasks-db takes
# the highest priority first, then the earliest run_after). Fresh tasks have the default, 0.
RETRY_PRIORITY = -10


def delivery_connection(*, confirming: bool = False) -> BaseEmailBackend:
    """A connection to the relay itself, never to the queue: for code already in the worker.

    Django's SMTP backend is swapped for `ConfirmingSMTPBackend`, which raises
    `DeliveryUnconfirmed` when the relay took the message but did not confirm it in time.
    `confirming`: the one retry after such a failure, which waits EMAIL_CONFIRM_TIMEOUT
    instead of EMAIL_TIMEOUT for the relay's reply.
    """
    backend = settings.EMAIL_DELIVERY_BACKEND
    if backend == DJANGO_SMTP_BACKEND:
        backend = f"{ConfirmingSMTPBackend.__module__}.{ConfirmingSMTPBackend.__qualname__}"
    timeout = settings.EMAIL_CONFIRM_TIMEOUT if confirming else settings.EMAIL_TIMEOUT
    return get_connection(backend, timeout=timeout)
