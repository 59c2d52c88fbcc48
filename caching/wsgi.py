"""The page cache's fast path: answer a hit before Django builds a request.

A hit costs one read of the shared generation (a ``stat`` call, or one Redis GET), a dictionary
lookup in this process's copy (or one shared-cache read) and writing the stored bytes: no
middleware, no URL resolving, no database. Only a GET or HEAD without a session or messages
cookie is looked up, under the key of a page that Django itself answered with a 200 (so a host
or address Django refuses is never in the cache). Everything else, and every miss, goes on to
Django with the generation read here (see ``caching.middleware``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings

from .generation import current_generation
from .middleware import GENERATION_ENVIRON_KEY
from .page_files import follow_generation, keep_page_file
from .page_requests import may_use_page_cache, page_key
from .page_store import pages
from .release import release_fingerprint
from .stored_page import answer, now_timestamp

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


def serve_cached_pages(app: WSGIApplication) -> WSGIApplication:
    """Wrap the Django WSGI application with the page cache's fast path."""
    release_fingerprint()  # worked out once, as the process starts, not in a visitor's request
    follow_generation()  # this release's page files from now on (none if EDGE_PAGES_DIR unset)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if settings.PAGE_CACHE_ENABLED and may_use_page_cache(environ):
            generation = environ[GENERATION_ENVIRON_KEY] = current_generation()
            now = now_timestamp()
            page = pages.get(page_key(environ), generation, now)
            if page is not None:
                # Behind nginx, a hit means its page file is missing: write it (if it may be).
                keep_page_file(environ, page, replace=False)
                status, headers, body = answer(page, environ, now)
                start_response(status, headers)
                return [body]
        return app(environ, start_response)

    return application
