"""Spam and flood checks: client identity, rate limit, honeypot and minimum fill time."""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models.enquiry import Enquiry

FORM_TOKEN_SALT = "enquiries.form-started"  # noqa: S105 (a signing salt, not a secret)


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address our own proxies recorded when TRUSTED_PROXY_COUNT says so.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so with N proxies the
    client is the Nth entry from the right; entries further left are whatever the client sent.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request: HttpRequest) -> str:
    """Keyed hash of the client address: enough to count submissions, without storing the IP."""
    return salted_hmac("enquiries.client", client_ip(request), algorithm="sha256").hexdigest()


def is_rate_limited(hashed_client: str) -> bool:
    """True once this client has sent ENQUIRY_RATE_LIMIT_COUNT enquiries in the window.

    Counts stored enquiries (spam included), so it holds across every gunicorn process and the
    web server needs no shared cache.
    """
    since = timezone.now() - timedelta(seconds=settings.ENQUIRY_RATE_LIMIT_WINDOW_SECONDS)
    recent = Enquiry.objects.filter(client_hash=hashed_client, created_at__gte=since)
    return recent.count() >= settings.ENQUIRY_RATE_LIMIT_COUNT


def new_form_token() -> str:
    """Signed time the form was shown, checked on submit for the minimum fill time."""
    return signing.dumps(time.time(), salt=FORM_TOKEN_SALT)


def spam_reason(*, honeypot: str, form_token: str) -> str:
    """Why a submission looks automated, or "" if it looks human."""
    if honeypot:
        return "Filled in the hidden field"
    try:
        started = float(signing.loads(form_token, salt=FORM_TOKEN_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return "Form token missing or altered"
    if time.time() - started < settings.ENQUIRY_MIN_FILL_SECONDS:
        return "Sent too quickly after the form was shown"
    return ""
