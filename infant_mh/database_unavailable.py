"""When the database is down or does not answer, public pages get a 503 page with urgent help
within a few seconds, instead of hanging or a generic 500.

`DatabaseUnavailableMiddleware` runs each request inside its database deadline
(infant_mh/database_deadline.py) and turns a database error raised by a view into the 503
page; `server_error` (the project's handler500) does the same for errors raised anywhere else,
for example by the session or redirect middleware. Both pages render without the database. A
contact form post gets the enquiries app's "your message has not been sent" page instead.
Static files never get here: WhiteNoise answers them before this middleware.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults

from enquiries.not_sent import contact_details, is_enquiry_post, message_not_sent_response
from infant_mh.database_deadline import database_deadline

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        admin = request.path.startswith(tuple(settings.ADMIN_URL_PREFIXES))
        seconds = (
            settings.DATABASE_ADMIN_REQUEST_TIMEOUT if admin else settings.DATABASE_REQUEST_TIMEOUT
        )
        with database_deadline(seconds):
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return database_unavailable_response(request, exception)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the 503 page for a database error; for any other failure of a contact form
    post, the "not sent" page (the enquiry is stored in one transaction, so a failure means it
    was not); Django's 500 page for anything else."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_UNAVAILABLE):
        return database_unavailable_response(request, exception)
    if is_enquiry_post(request):
        return message_not_sent_response(status=500)
    return defaults.server_error(request)


def database_unavailable_response(request: HttpRequest, exception: Exception) -> HttpResponse:
    """503, rendered without the database: the enquiry "not sent" page or the general one."""
    logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
    if is_enquiry_post(request):
        return message_not_sent_response()
    response = HttpResponse(render_to_string("503.html", contact_details()), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
