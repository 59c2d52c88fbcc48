"""The Wagtail Site answering a request, found once per host and content generation.

Wagtail looks the site up with a query on every request (`Site.find_for_request`), and keeps the
answer on the request. `SiteLookupMiddleware` puts it there first, from `pages.content_memo`, so
a request for a page runs no query to find its site, and its home page (the site's root page,
with the specific page it holds) is the same object for every request of the generation.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

from pages.content_memo import content_memo

# Where Wagtail's `Site.find_for_request` keeps its answer on the request.
WAGTAIL_SITE_ATTRIBUTE = "_wagtail_site"


def find_site(request: HttpRequest) -> Site | None:
    """What `Site.find_for_request` would answer, from the memo when this host was seen."""
    # The raw host, as Wagtail's own lookup reads it (the request's validation came first).
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    port = request.get_port()
    return content_memo.get(
        request, ("site", hostname, port), lambda: Site._find_for_request(request)
    )


class SiteLookupMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not hasattr(request, WAGTAIL_SITE_ATTRIBUTE):
            setattr(request, WAGTAIL_SITE_ATTRIBUTE, find_site(request))
        return self.get_response(request)
