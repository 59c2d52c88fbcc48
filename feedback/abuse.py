"""Spam and flood checks for page feedback, reusing the contact form's keyed client hash.

The form sits on pages the cache may serve to everyone, so its token is the same for every
visitor and never expires: it is the page id, signed. A bot must fetch a real page to post for it,
and the honeypot and the per-client rate limit do the rest.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils import timezone

from enquiries.abuse import client_hash

from .models import PageFeedback

PAGE_TOKEN_SALT = "feedback.page"  # noqa: S105 (a signing salt, not a secret)
RESPONSE_TOKEN_SALT = "feedback.response"  # noqa: S105
# The "what were you looking for?" step must follow its "no" within this time.
COMMENT_STEP_MAX_AGE = 60 * 60


def page_token(page_id: int) -> str:
    """The page id, signed without a timestamp: the same bytes on every render of the page."""
    return signing.Signer(salt=PAGE_TOKEN_SALT).sign_object(page_id)


def page_id_from_token(token: str) -> int | None:
    try:
        value = signing.Signer(salt=PAGE_TOKEN_SALT).unsign_object(token)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return value if isinstance(value, int) else None


def response_token(response_id: int) -> str:
    return signing.dumps(response_id, salt=RESPONSE_TOKEN_SALT)


def response_id_from_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=RESPONSE_TOKEN_SALT, max_age=COMMENT_STEP_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return value if isinstance(value, int) else None


def feedback_client(request: HttpRequest) -> str:
    return client_hash(request)


def forget_old_clients() -> None:
    """Blank client hashes older than the rate-limit window: they are kept for nothing else."""
    since = timezone.now() - timedelta(seconds=settings.FEEDBACK_RATE_LIMIT_WINDOW_SECONDS)
    PageFeedback.objects.filter(created_at__lt=since).exclude(client_hash="").update(client_hash="")


def is_rate_limited(hashed_client: str) -> bool:
    """True once this client has answered FEEDBACK_RATE_LIMIT_COUNT times in the window."""
    since = timezone.now() - timedelta(seconds=settings.FEEDBACK_RATE_LIMIT_WINDOW_SECONDS)
    recent = PageFeedback.objects.filter(client_hash=hashed_client, created_at__gte=since)
    return recent.count() >= settings.FEEDBACK_RATE_LIMIT_COUNT
