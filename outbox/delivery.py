"""The real way out (SMTP unless EMAIL_DELIVERY_BACKEND says otherwise), used only by workers."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend


def delivery_connection() -> BaseEmailBackend:
    """A connection to the relay itself, never to the queue: for code already in the worker."""
    return get_connection(settings.EMAIL_DELIVERY_BACKEND, timeout=settings.EMAIL_TIMEOUT)
