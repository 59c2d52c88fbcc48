"""Test runs: fast hashing, in-memory email unless a test points at a real SMTP server."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-secret-key-" + "x" * 40
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests that need the second factor (tests/accounts) turn it on.
ADMIN_REQUIRE_2FA = False
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="infant-mh-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="infant-mh-test-static-"))
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Page cache (caching app) -------------------------------------------------------------------
# In-process tests run inside transactions that never commit, so content changes would never
# retire a cached page: the page cache is off here, and tests/caching turns it on around each
# test with an empty in-memory cache. Live tests use the production settings (cache on).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_ENABLED = False

# --- Cheaper renders (pages app) ---------------------------------------------------------------
# In-process tests run inside transactions that never commit, so content changes never move the
# content generation: the per-process content memo is off here, and tests/performance turns it
# on around its tests (with the generation bumped as a commit would).
CONTENT_MEMO_ENABLED = False
