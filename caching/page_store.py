"""Where cached pages live: the shared cache (Django's default cache, shared by every process
and, on Redis, every server), with a small per-process copy of the pages asked for most.

The shared key holds the generation, so a bump makes every earlier entry unreachable at once
(they expire by themselves), and the release of the code (``release.release_fingerprint``), so
pages rendered by other code are never served. Each process's copy is checked against the shared generation and
the page's own expiry on every use, so it is never staler than the shared cache.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

from .release import release_fingerprint
from .stored_page import StoredPage

KEY_PREFIX = "caching:page"


def shared_key(key: str, generation: int) -> str:
    digest = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return f"{KEY_PREFIX}:{release_fingerprint()}:{generation}:{digest}"


class PageStore:
    def __init__(self) -> None:
        self._memory: OrderedDict[str, StoredPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, generation: int, now: float) -> StoredPage | None:
        """The page stored under ``key`` for this generation, if it has not expired."""
        page = self._memory.get(key)
        if page is not None and page.is_current(generation, now):
            with self._lock:
                if key in self._memory:
                    self._memory.move_to_end(key)
            return page
        page = cache.get(shared_key(key, generation))
        if not isinstance(page, StoredPage) or not page.is_current(generation, now):
            return None
        self._remember(key, page)
        return page

    def put(self, key: str, page: StoredPage, now: float) -> None:
        timeout = math.ceil(page.expires_at - now)
        if timeout <= 0:
            return
        cache.set(shared_key(key, page.generation), page, timeout=timeout)
        self._remember(key, page)

    def forget(self) -> None:
        """Drop this process's copies (tests; the shared generation makes it unnecessary)."""
        with self._lock:
            self._memory.clear()

    def _remember(self, key: str, page: StoredPage) -> None:
        with self._lock:
            self._memory[key] = page
            self._memory.move_to_end(key)
            while len(self._memory) > settings.PAGE_CACHE_MEMORY_ENTRIES:
                self._memory.popitem(last=False)


pages = PageStore()
