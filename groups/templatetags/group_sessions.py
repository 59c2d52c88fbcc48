"""`{% upcoming_sessions %}`: the next group sessions, or how to ask about the next groups."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import template
from wagtail.models import Site

from caching.lifetime import cache_until
from enquiries.models.contact_page import ContactPage
from groups.models import LONDON
from groups.models import upcoming_sessions as find_upcoming
from pages.contact_details import contact_details

register = template.Library()


@register.inclusion_tag("groups/upcoming_sessions.html", takes_context=True)
def upcoming_sessions(context: template.Context, limit: int | None = None, heading_level: int = 2):
    request = context.get("request")
    sessions = find_upcoming(limit=limit)
    if sessions:  # cached pages drop the first session when its day ends (UK time)
        cache_until(request, datetime.combine(sessions[0].date + timedelta(days=1), time(), LONDON))
    contact_page = None
    details = None
    if not sessions:
        site = Site.find_for_request(request) if request else None
        pages = ContactPage.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        contact_page = pages.first()
        details = contact_details(request, ["phone"])
    return {
        "sessions": sessions,
        "contact_page": contact_page,
        "details": details,
        "heading_level": heading_level,
    }
