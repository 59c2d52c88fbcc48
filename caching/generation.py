"""The content generation: one shared number that changes whenever public content changes.

Everything cached across requests (whole pages, fragments of the site chrome) keys on it, so a
single atomic change of this number retires all of it at once, on every app server that shares
the cache. ``bump_generation`` runs on ``signals.content_changed``.

Where the number lives follows the default cache, so it is shared exactly as widely:

- the file cache (the default: one machine): the size of an append-only file in the cache's
  folder. A bump appends one byte (``O_APPEND`` writes are atomic between processes), a read is
  one ``stat`` call: no lock, no server, a few microseconds;
- any other cache (Redis, or the in-memory cache of the tests): a cache key changed with
  ``cache.incr``, atomic on Redis (INCR) and within one process for the in-memory cache. A key
  that has gone (an evicted or flushed Redis) starts again from the clock in microseconds, above
  any number handed out before, so nothing stored earlier can become current again.
"""

from __future__ import annotations

import os
import time
from functools import cache as memoize
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed

GENERATION_KEY = "caching:generation"
GENERATION_FILE = "generation"
FILE_CACHE_BACKEND = "django.core.cache.backends.filebased.FileBasedCache"


def _fresh_start() -> int:
    return time.time_ns() // 1_000


class CacheCounter:
    """The generation as a cache key (atomic ``incr`` on Redis)."""

    def read(self) -> int:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, _fresh_start(), timeout=None)
            value = cache.get(GENERATION_KEY, 0)
        return int(value)

    def bump(self) -> None:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # gone: start again above every number handed out so far
            cache.add(GENERATION_KEY, _fresh_start(), timeout=None)


class FileCounter:
    """The generation as the size of an append-only file beside the file cache's entries."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / GENERATION_FILE

    def read(self) -> int:
        try:
            return os.stat(self.path).st_size
        except FileNotFoundError:
            self._create()
            return os.stat(self.path).st_size

    def bump(self) -> None:
        try:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        except FileNotFoundError:
            self._create()
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(descriptor, b".")
        finally:
            os.close(descriptor)

    def _create(self) -> None:
        """A new counter starts a new cache: whoever creates it clears what the folder holds,
        so an entry stored under an earlier counter's number can never match again."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return
        os.close(descriptor)
        cache.clear()


@memoize
def _counter() -> CacheCounter | FileCounter:
    default = settings.CACHES["default"]
    if default["BACKEND"] == FILE_CACHE_BACKEND:
        return FileCounter(Path(str(default["LOCATION"])))
    return CacheCounter()


def _forget_counter(*, setting: str, **_kwargs: object) -> None:
    if setting == "CACHES":
        _counter.cache_clear()


setting_changed.connect(_forget_counter, dispatch_uid="caching.generation.forget_counter")


def current_generation() -> int:
    """The current generation (cheap: a ``stat`` call, or one cache read on Redis)."""
    return _counter().read()


def bump_generation(**_kwargs: object) -> None:
    """Retire everything cached so far (a signal receiver, hence the keyword arguments)."""
    _counter().bump()
