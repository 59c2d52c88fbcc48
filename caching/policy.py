"""Which responses are public pages (the same for every visitor: stored, shared caches may keep
them) and which are per visitor (never stored, ``Cache-Control: private``).

A public page is a 200 HTML answer to a GET or HEAD outside the admin, from a request with no
session or messages cookie and nothing typed in its query string, that sets no cookie, is not a
preview, and whose own ``Cache-Control`` (if any) does not say private, no-store or no-cache.
Every page carries ``Vary: Cookie`` (the session is looked at for the editor's userbar); for a
request without the session cookie and a response setting none, the answer is the same whatever
the cookies, so that ``Vary`` is dropped. Anything using the CSRF token sets its cookie, so the
contact form is never a public page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import cc_delim_re

from .page_requests import (
    READ_METHODS,
    carries_visitor_state,
    has_private_query,
    is_admin_path,
    may_use_page_cache,
)

HTML = "text/html"
REFUSED_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})
# Request headers a public page may vary on: the content coding is handled here, the cookie is
# irrelevant without the session cookie (see the module docstring).
HARMLESS_VARY = frozenset({"cookie", "accept-encoding"})
PRIVATE = "private, no-cache"
NOT_STORED = "private, no-store"


def is_html(response: HttpResponseBase) -> bool:
    return response.get("Content-Type", "").startswith(HTML)


def sets_cookie(response: HttpResponseBase) -> bool:
    return bool(response.cookies) or response.has_header("Set-Cookie")


def _cache_control_allows_sharing(response: HttpResponseBase) -> bool:
    directives = {
        item.split("=", 1)[0].strip().lower()
        for item in cc_delim_re.split(response.get("Cache-Control", ""))
        if item.strip()
    }
    return not directives & REFUSED_DIRECTIVES


def _varies_only_harmlessly(response: HttpResponseBase) -> bool:
    vary = {item.strip().lower() for item in cc_delim_re.split(response.get("Vary", ""))}
    return vary - {""} <= HARMLESS_VARY


def is_public_page(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        response.status_code == 200
        and may_use_page_cache(request.META)
        and not getattr(request, "is_preview", False)
        and not response.streaming
        and is_html(response)
        and not response.has_header("Content-Encoding")
        and not sets_cookie(response)
        and _cache_control_allows_sharing(response)
        and _varies_only_harmlessly(response)
    )


def per_visitor_cache_control(request: HttpRequest, response: HttpResponseBase) -> str | None:
    """``Cache-Control`` for a response that is not a public page, where it has none of its own:
    form posts (errors, confirmations) and the admin and previews are never stored anywhere;
    HTML for a signed-in editor, with a cookie, or answering a search is the visitor's own."""
    if response.has_header("Cache-Control"):
        return None
    environ = request.META
    if environ.get("REQUEST_METHOD") not in READ_METHODS:
        return NOT_STORED
    if is_admin_path(environ) or getattr(request, "is_preview", False):
        return NOT_STORED
    if is_html(response) and (
        carries_visitor_state(environ) or sets_cookie(response) or has_private_query(environ)
    ):
        return PRIVATE
    return None
