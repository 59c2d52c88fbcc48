"""The page cache switched on around each test, with an empty in-memory cache (test settings
keep it off: in-process tests never commit, so nothing would retire a cached page)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from django.core.cache import cache

from caching.page_store import pages

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/11")


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


@pytest.fixture
def redis_cache(settings):
    """Django's RedisCache on our own key prefix (nothing else in that Redis is touched)."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL} (CI requires one)")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield client
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
