"""What a request looks like to the page cache, read straight from its WSGI environ.

Both the WSGI fast path (before Django builds a request) and the middleware (on
``request.META``, the same environ) use these functions, so a page is stored and found under
exactly the same key.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

READ_METHODS = frozenset({"GET", "HEAD"})


def request_scheme(environ: Mapping[str, object]) -> str:
    """The scheme as Django's ``HttpRequest.scheme`` works it out (SECURE_PROXY_SSL_HEADER)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if isinstance(value, str):
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return str(environ.get("wsgi.url_scheme", "http"))


def request_host(environ: Mapping[str, object]) -> str:
    """The Host header as sent (a host Django refused never produced a page to store)."""
    host = environ.get("HTTP_HOST")
    if isinstance(host, str) and host:
        return host
    return f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"


def page_key(environ: Mapping[str, object]) -> str:
    """Scheme, host, path and query string: what names one cached page."""
    return (
        f"{request_scheme(environ)}://{request_host(environ)}"
        f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"
        f"?{environ.get('QUERY_STRING', '')}"
    )


def carries_visitor_state(environ: Mapping[str, object]) -> bool:
    """True when the request has a cookie the site reads per visitor: the session (signed-in
    editors, previews, passed page passwords) or pending messages."""
    cookies = environ.get("HTTP_COOKIE")
    if not isinstance(cookies, str) or not cookies:
        return False
    return settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies


def has_private_query(environ: Mapping[str, object]) -> bool:
    """True when the query string carries what a visitor typed (PAGE_CACHE_PRIVATE_PARAMETERS,
    the search box): such a page is never written to a shared cache."""
    query = environ.get("QUERY_STRING")
    if not isinstance(query, str) or not query:
        return False
    private = settings.PAGE_CACHE_PRIVATE_PARAMETERS
    return any(name in private for name, _value in parse_qsl(query, keep_blank_values=True))


def is_admin_path(environ: Mapping[str, object]) -> bool:
    path = f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"
    return path.startswith(tuple(settings.ADMIN_URL_PREFIXES))


def may_use_page_cache(environ: Mapping[str, object]) -> bool:
    """A GET or HEAD that the shared page cache may answer, and whose page it may store."""
    return (
        environ.get("REQUEST_METHOD") in READ_METHODS
        and not carries_visitor_state(environ)
        and not is_admin_path(environ)
        and not has_private_query(environ)
    )
