"""The page cache switched on around each test, with an empty in-memory cache (test settings
keep it off: in-process tests never commit, so nothing would retire a cached page)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from caching.page_store import pages


@pytest.fixture(autouse=True)
def page_cache(settings) -> Iterator[None]:
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    pages.forget()
    yield
    cache.clear()
    pages.forget()


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed (its on_commit callbacks run at the end)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
