"""A page as the page cache keeps it, and the HTTP answer it gives a request.

The stored copy has every header the rendered response had (Content-Security-Policy and the
other security headers included) except those worked out per answer: the content coding and
length, ``Vary``, ``ETag`` and ``Cache-Control``. One body per content coding, compressed when it
was stored. A request whose ``If-None-Match`` names the page's ETag gets a 304.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus

from django.conf import settings
from django.utils import timezone

from .encoding import IDENTITY, choose_coding

# Headers never copied into the stored page: recomputed for each answer, or the server's own.
PER_ANSWER_HEADERS = frozenset(
    {
        "content-length",
        "content-encoding",
        "vary",
        "etag",
        "cache-control",
        "expires",
        "last-modified",
        "date",
        "age",
        "set-cookie",
    }
)
VARY = "Accept-Encoding"
OK = f"{HTTPStatus.OK.value} {HTTPStatus.OK.phrase}"
NOT_MODIFIED = f"{HTTPStatus.NOT_MODIFIED.value} {HTTPStatus.NOT_MODIFIED.phrase}"


def now_timestamp() -> float:
    """The page cache's clock (Django's ``timezone.now``, as the content's own time checks)."""
    return timezone.now().timestamp()


def etag_for(body: bytes) -> str:
    """A weak validator: the same for every content coding of the same bytes."""
    return f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'


@dataclass(frozen=True, slots=True)
class StoredPage:
    generation: int
    expires_at: float  # Unix time, on ``now_timestamp``'s clock
    etag: str
    headers: tuple[tuple[str, str], ...]
    bodies: Mapping[str, bytes]  # by content coding; always has "identity"
    time_bound: bool = False  # shows something that goes stale at a set time (cache_until)

    def is_current(self, generation: int, now: float) -> bool:
        return self.generation == generation and now < self.expires_at


def stored_headers(headers: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, value) for name, value in headers.items() if name.lower() not in PER_ANSWER_HEADERS
    )


def shared_cache_control(seconds: int | None = None) -> str:
    """Browsers revalidate every time (cheap: a 304); a shared cache (the edge) may keep the
    page for ``seconds``, at most PAGE_CACHE_EDGE_SECONDS."""
    limit = settings.PAGE_CACHE_EDGE_SECONDS
    return f"public, max-age=0, s-maxage={limit if seconds is None else min(limit, seconds)}"


def public_cache_control(expires_at: float, now: float) -> str:
    """``shared_cache_control``, never past the moment the page's content goes stale."""
    return shared_cache_control(max(0, int(expires_at - now)))


def matches_etag(if_none_match: str, etag: str) -> bool:
    """Weak comparison, as If-None-Match asks (RFC 9110, 13.1.2)."""
    if if_none_match.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(
        candidate.strip().removeprefix("W/") == opaque for candidate in if_none_match.split(",")
    )


def answer(
    page: StoredPage, environ: Mapping[str, object], now: float
) -> tuple[str, list[tuple[str, str]], bytes]:
    """Status line, headers and body answering a GET or HEAD from ``page``."""
    validators = [
        ("ETag", page.etag),
        ("Cache-Control", public_cache_control(page.expires_at, now)),
        ("Vary", VARY),
    ]
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if isinstance(if_none_match, str) and matches_etag(if_none_match, page.etag):
        return NOT_MODIFIED, validators, b""
    accept_encoding = environ.get("HTTP_ACCEPT_ENCODING")
    coding = (
        choose_coding(accept_encoding, tuple(page.bodies))
        if isinstance(accept_encoding, str)
        else IDENTITY
    )
    body = page.bodies[coding]
    headers = [*page.headers, *validators, ("Content-Length", str(len(body)))]
    if coding != IDENTITY:
        headers.append(("Content-Encoding", coding))
    if environ.get("REQUEST_METHOD") == "HEAD":
        body = b""
    return OK, headers, body
