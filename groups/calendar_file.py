"""One group session as an iCalendar (.ics) file: a VEVENT with UK local times (TZID
Europe/London) and the matching VTIMEZONE, so calendars get the time right either side of the
clock changes.

The icalendar library (some 170 modules with what it needs) is imported when a file is made,
not with this module: a web worker that never serves one never loads it (issue 12's memory
budget).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.html import strip_tags

from groups.models import GroupSession

PRODID = "-//North Lincolnshire Council//Infant mental health group sessions//EN"
UID_DOMAIN = "infant-mental-health.northlincs"


def session_uid(session: GroupSession) -> str:
    """Stable for the session's life, so a calendar updates the event rather than duplicating."""
    return f"group-session-{session.pk}@{UID_DOMAIN}"


def session_description(session: GroupSession) -> str:
    lines = [strip_tags(session.how_to_book).strip()]
    if session.booking_phone:
        lines.append(f"Phone: {session.booking_phone}")
    if session.booking_url:
        lines.append(f"Book: {session.booking_url}")
    if session.audience_notes:
        lines.append(session.audience_notes)
    return "\n".join(line for line in lines if line)


def session_calendar(session: GroupSession) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.title)
    event.add("location", session.hub.one_line_address)
    event.add("description", session_description(session))
    calendar.add_component(event)
    # The zone's rules for about a year either side: enough for the session, a small file.
    calendar.add_missing_timezones(
        first_date=session.date - timedelta(days=366), last_date=session.date + timedelta(days=366)
    )
    return calendar.to_ical()
