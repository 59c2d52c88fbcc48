"""Refuse malformed requests up front with a clear 4xx, before anything else reads them.

Django turns most bad input into a 400 itself, but some of it only after logging an ERROR with a
traceback, and some of it not at all: a form posted in a non-UTF-8 charset made the 400 handler
(which checks the CSRF token, so reads the form again) fail a second time, giving gunicorn's bare
500. This middleware runs first, parses the query string and the form once, and answers:

- 400 for a Content-Type charset naming a codec that cannot decode text (`refuse_unusable_charsets`,
  around the WSGI application: Django fails while building the request), a Host not in
  ALLOWED_HOSTS, a NUL character in the path (PostgreSQL cannot compare it with a slug), a form
  Django cannot read (non-UTF-8 charset, broken multipart, too many fields, larger than
  DATA_UPLOAD_MAX_MEMORY_SIZE: 400 as Django gives);
- 405 for a method the site does not use.

NUL characters in the query string or form fields are left to the views: the search page and
the contact form answer them with a page of their own ("a character we cannot accept").

A 400 is the site's own 400 page with the reason, a 405 plain text; each refusal is logged as
one WARNING line (no traceback).
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import (
    BadRequest,
    DisallowedHost,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.http import parse_header_parameters

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

logger = logging.getLogger(__name__)

ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_CONTENT_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
URLENCODED = "application/x-www-form-urlencoded"  # Django reads it only as "utf-8"


class InvalidRequest(Exception):
    """A request the site refuses: `status` and a message safe to show the sender."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# This middleware answers before the ones that add security headers, so its pages carry their own.
REFUSAL_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def refusal(status: int, message: str) -> HttpResponse:
    """The site's 400 page (rendered without the database) with the reason, or plain text."""
    if status == 400:
        response = HttpResponse(render_to_string("400.html", {"reason": message}), status=400)
    else:
        response = HttpResponse(
            f"{message}\n", status=status, content_type="text/plain; charset=utf-8"
        )
    for name, value in REFUSAL_HEADERS.items():
        response[name] = value
    if status == 405:
        response["Allow"] = ", ".join(ALLOWED_METHODS)
    return response


def check_request(request: HttpRequest) -> None:
    """Raise InvalidRequest if the request is malformed; parses the query string and form."""
    if request.method not in ALLOWED_METHODS:
        raise InvalidRequest(405, "Method not allowed.")
    try:
        request.get_host()
    except DisallowedHost:
        raise InvalidRequest(400, "Bad request: unknown host name.") from None
    if "\x00" in request.path_info:
        raise InvalidRequest(400, "Bad request: the address contains a NUL character.")
    try:
        request.GET  # noqa: B018 (too many fields fail here)
        if request.method in BODY_METHODS and request.content_type in FORM_CONTENT_TYPES:
            form_charset = request.encoding or "utf-8"
            if request.content_type == URLENCODED and form_charset.lower() != "utf-8":
                raise InvalidRequest(400, "Bad request: forms must be sent as UTF-8.")
            request.POST  # noqa: B018
            request.FILES  # noqa: B018 (parsed with the form; a broken upload fails here)
    except RequestDataTooBig:
        raise InvalidRequest(400, "Bad request: the form is too large.") from None
    except (
        BadRequest,
        SuspiciousOperation,
        MultiPartParserError,
        LookupError,
        UnicodeError,
        ValueError,
    ):
        # e.g. a broken multipart body, too many fields.
        raise InvalidRequest(
            400, "Bad request: the query string or form could not be read."
        ) from None


class RequestValidationMiddleware:
    """First in MIDDLEWARE: refuse malformed requests (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            check_request(request)
        except InvalidRequest as refused:
            logger.warning(
                "Refused %s %r: %s %s",
                request.method,
                request.path_info[:200],
                refused.status,
                refused.message,
            )
            return refusal(refused.status, refused.message)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view that finds the input malformed: 400 without Django's logged traceback."""
        if isinstance(exception, (BadRequest, SuspiciousOperation)):
            logger.warning(
                "Refused %s %r: 400 %s", request.method, request.path_info[:200], exception
            )
            return refusal(400, "Bad request.")
        return None


def _names_a_non_text_codec(content_type: str) -> bool:
    """True for a charset Python knows but that cannot decode text ("hex", "base64", "rot13")."""
    charset = parse_header_parameters(content_type)[1].get("charset")
    if not charset:
        return False
    try:
        return not codecs.lookup(charset)._is_text_encoding
    except LookupError:
        return False  # Django ignores a charset it does not know


def refuse_unusable_charsets(app: WSGIApplication) -> WSGIApplication:
    """Wrap the WSGI application: a request whose Content-Type names a codec that is not a text
    encoding gets a 400 before Django builds the request, which it cannot do (LookupError)."""

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if _names_a_non_text_codec(environ.get("CONTENT_TYPE", "")):
            logger.warning(
                "Refused %s with Content-Type %r: 400",
                environ.get("REQUEST_METHOD"),
                environ.get("CONTENT_TYPE", "")[:200],
            )
            body = b"Bad request: unknown charset.\n"
            start_response(
                "400 Bad Request",
                [
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    *REFUSAL_HEADERS.items(),
                ],
            )
            return [body]
        return app(environ, start_response)

    return application
