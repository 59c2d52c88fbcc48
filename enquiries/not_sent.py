"""The answer to a contact form post that could not be stored: it says plainly that the message
was not sent and how else to reach the team. Rendered without the database (the phone number and
address come from the CONTACT_FALLBACK_* settings), so it also works when the database is down."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

RETRY_AFTER_SECONDS = 60
# Only the enquiry form (enquiries.forms.EnquiryForm) posts this field: its signed start time.
FORM_MARKER = "form_token"
_FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def is_enquiry_post(request: HttpRequest) -> bool:
    """A contact form submission, judged from the request alone (no database)."""
    if request.method != "POST" or request.content_type not in _FORM_CONTENT_TYPES:
        return False
    try:
        return FORM_MARKER in request.POST
    except Exception:  # an unreadable body is not worth a second error here
        return False


def contact_details() -> dict[str, str]:
    """The team's phone number and email address from settings, for pages without a database."""
    phone = settings.CONTACT_FALLBACK_PHONE
    return {
        "contact_phone": phone,
        "contact_phone_href": "tel:" + re.sub(r"(?!^\+)[^\d]", "", phone) if phone else "",
        "contact_email": settings.CONTACT_FALLBACK_EMAIL,
    }


def message_not_sent_response(status: int = 503) -> HttpResponse:
    """The message was not sent; phone, email and urgent help instead (503 when the database is
    unavailable, 500 when anything else failed while handling the form)."""
    response = HttpResponse(
        render_to_string("enquiries/not_sent.html", contact_details()), status=status
    )
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
