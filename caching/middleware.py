"""First in MIDDLEWARE: stores public pages, answers from the page cache, and does HTTP caching.

Under gunicorn most hits never get here: ``caching.wsgi.serve_cached_pages`` answers them before
Django builds a request, and passes the generation it read on (``GENERATION_ENVIRON_KEY``) so a
miss is stored under the generation that was current *before* rendering: a page rendered while
content changed is stored under the retired number and never served. Without that wrapper (the
test client, ``runserver``) this middleware answers hits itself.

A page whose render straddled a change (the generation moved while it rendered) is not stored
and goes out with ``Cache-Control: no-cache``: the change's purge may reach the edge before this
response does, and the edge must not keep the old content it may show for ``s-maxage``.

Being first, it sees each response with every header the other middleware added, so a stored
copy keeps them all. Public pages get an ETag (304 when it matches), ``Cache-Control: public,
max-age=0, s-maxage=…`` and Brotli or gzip; other HTML keeps Django's own gzip, which pads each
response against BREACH, and per-visitor responses get ``Cache-Control: private``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

from .encoding import IDENTITY, choose_coding, compress_for_storing, compress_quickly
from .generation import current_generation
from .lifetime import cache_deadline
from .page_files import keep_page_file
from .page_requests import may_use_page_cache, page_key
from .page_store import pages
from .policy import is_html, is_public_page, per_visitor_cache_control
from .stored_page import StoredPage, answer, etag_for, now_timestamp, stored_headers

GENERATION_ENVIRON_KEY = "caching.generation"
# A page rendered while content changed: any cache must check with the origin before reusing it.
RETIRED_CACHE_CONTROL = "no-cache"


def to_django_response(status: str, headers: list[tuple[str, str]], body: bytes) -> HttpResponse:
    response = HttpResponse(body, status=int(status.split(" ", 1)[0]))
    del response["Content-Type"]
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.gzip = GZipMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        environ = request.META
        now = now_timestamp()
        generation = environ.get(GENERATION_ENVIRON_KEY)
        if generation is None and settings.PAGE_CACHE_ENABLED and may_use_page_cache(environ):
            generation = environ[GENERATION_ENVIRON_KEY] = current_generation()
            page = pages.get(page_key(environ), generation, now)
            if page is not None:
                return to_django_response(*answer(page, environ, now))
        response = self.get_response(request)
        if is_public_page(request, response):
            return self._public_page(request, response, generation, now)
        control = per_visitor_cache_control(request, response)
        if control is not None:
            response["Cache-Control"] = control
        if is_html(response):
            return self.gzip.process_response(request, response)
        return response

    def _public_page(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        generation: int | None,
        started: float,
    ) -> HttpResponse:
        environ = request.META
        expires_at = started + settings.PAGE_CACHE_SECONDS
        deadline = cache_deadline(request)
        if deadline is not None:
            expires_at = min(expires_at, deadline.timestamp())
        body = response.content  # type: ignore[attr-defined]  # is_public_page: not streaming
        retired = generation is not None and current_generation() != generation
        store = (
            generation is not None
            and not retired
            and request.method == "GET"
            and expires_at > now_timestamp()
        )
        if store:
            bodies = compress_for_storing(body)
        else:
            accept = environ.get("HTTP_ACCEPT_ENCODING", "")
            coding = choose_coding(accept, ("br", "gzip", IDENTITY))
            bodies = {IDENTITY: body, coding: compress_quickly(body, coding)}
        page = StoredPage(
            generation=generation if generation is not None else -1,
            expires_at=expires_at,
            etag=etag_for(body),
            headers=stored_headers(response.headers),
            bodies=bodies,
            time_bound=deadline is not None,
        )
        if store:
            pages.put(page_key(environ), page, now_timestamp())
            keep_page_file(environ, page, replace=True)
        answered = to_django_response(*answer(page, environ, now_timestamp()))
        if retired:
            answered["Cache-Control"] = RETIRED_CACHE_CONTROL
        return answered
