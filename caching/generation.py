"""The content generation: one shared number that changes whenever public content changes.

Everything cached across requests (whole pages, fragments of the site chrome) keys on it, so a
single atomic change of this number retires all of it at once, on every app server that shares
the cache. ``bump_generation`` runs on ``signals.content_changed``.
"""

from __future__ import annotations

from django.core.cache import cache

GENERATION_KEY = "caching:generation"


def current_generation() -> int:
    """The current generation (starts at 1 on an empty cache)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def bump_generation(**_kwargs: object) -> None:
    """Retire everything cached so far (a signal receiver, hence the keyword arguments)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet
        cache.set(GENERATION_KEY, current_generation() + 1, timeout=None)
