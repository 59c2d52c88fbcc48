"""How long a response may be cached, when its content is known to go stale at a given time.

A template tag that shows something time-bound (a site notice inside its window, group sessions
that drop off at the end of their day) calls ``cache_until(request, moment)``; the page cache and
the ``Cache-Control`` header then never keep that response past ``moment``.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest

_ATTRIBUTE = "_cache_until"


def cache_until(request: HttpRequest | None, moment: datetime | None) -> None:
    """Cap the cache lifetime of the response to ``request`` at ``moment`` (earliest wins).

    No request (a template rendered outside one) or no moment (nothing due to change) is a no-op.
    """
    if request is None or moment is None:
        return
    current: datetime | None = getattr(request, _ATTRIBUTE, None)
    if current is None or moment < current:
        setattr(request, _ATTRIBUTE, moment)


def cache_deadline(request: HttpRequest) -> datetime | None:
    """The earliest moment passed to ``cache_until`` for this request, if any."""
    return getattr(request, _ATTRIBUTE, None)
