"""Password reset that takes the same time whatever the address: the web request only records
the request and queues a task; the worker looks the account up and (if any) queues the email.

Rate limits count stored requests, per client and per address, across every gunicorn process.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_tasks import task
from wagtail.admin.views.account import get_password_reset_form

from enquiries.abuse import client_ip
from outbox.tasks import forget_finished

from .models import PasswordResetRequest

EMAIL_TEMPLATE = "wagtailadmin/account/password_reset/email.txt"
SUBJECT_TEMPLATE = "wagtailadmin/account/password_reset/email_subject.txt"


def _hash(kind: str, value: str) -> str:
    return salted_hmac(f"accounts.password-reset.{kind}", value, algorithm="sha256").hexdigest()


def is_rate_limited(request: HttpRequest, email: str) -> bool:
    """True once this client, or this address, has asked PASSWORD_RESET_RATE_LIMIT_COUNT times
    in the window (whether or not an account has that address)."""
    since = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_RATE_LIMIT_WINDOW_SECONDS)
    recent = PasswordResetRequest.objects.filter(created_at__gte=since)
    limit = settings.PASSWORD_RESET_RATE_LIMIT_COUNT
    return (
        recent.filter(client_hash=_hash("client", client_ip(request))).count() >= limit
        or recent.filter(address_hash=_hash("address", email.strip().lower())).count() >= limit
    )


def queue_reset(request: HttpRequest, email: str) -> None:
    """Record the request and queue the lookup-and-send, in one transaction."""
    window = timedelta(seconds=settings.PASSWORD_RESET_RATE_LIMIT_WINDOW_SECONDS)
    with transaction.atomic():
        PasswordResetRequest.objects.filter(created_at__lt=timezone.now() - window).delete()
        PasswordResetRequest.objects.create(
            client_hash=_hash("client", client_ip(request)),
            address_hash=_hash("address", email.strip().lower()),
        )
        send_password_reset.enqueue(email)


@task(backend="database", queue_name="email")
def send_password_reset(email: str) -> str:
    """Queue Wagtail's reset email for each active account with this address (maybe none).

    The result says nothing about whether an account exists.
    """
    forget_finished(send_password_reset.module_path)
    form = get_password_reset_form()({"email": email})
    if form.is_valid():
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        form.save(
            domain_override=base.netloc,
            use_https=base.scheme == "https",
            subject_template_name=SUBJECT_TEMPLATE,
            email_template_name=EMAIL_TEMPLATE,
        )
    return "processed"
