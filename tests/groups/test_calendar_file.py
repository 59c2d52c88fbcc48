"""Each session's .ics file: parses with icalendar, carries UK local times either side of the
October and March clock changes, a stable UID, the hub's address and how to book; sets no
cookie; 404 for a session that does not exist, 405 for a POST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar

from groups.models import LONDON

pytestmark = pytest.mark.django_db

# The last Sundays of October 2026 (clocks go back at 02:00 BST) and March 2027 (forward at 01:00 GMT).
CLOCK_CHANGES = [
    # (day, start, end, start in UTC, end in UTC)
    (date(2026, 10, 24), time(10), time(11, 30), (9, 0), (10, 30)),  # Saturday before: BST
    (date(2026, 10, 25), time(10), time(11, 30), (10, 0), (11, 30)),  # the Sunday: GMT
    (date(2027, 3, 27), time(10), time(11, 30), (10, 0), (11, 30)),  # Saturday before: GMT
    (date(2027, 3, 28), time(10), time(11, 30), (9, 0), (10, 30)),  # the Sunday: BST
]


def _calendar(client, session) -> tuple[Calendar, object]:
    response = client.get(f"/groups/sessions/{session.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert ".ics" in response["Content-Disposition"]
    assert "Set-Cookie" not in response
    assert not response.cookies
    calendar = Calendar.from_ical(response.content)
    return calendar, calendar.walk("VEVENT")[0]


@pytest.mark.parametrize(("day", "start", "end", "utc_start", "utc_end"), CLOCK_CHANGES)
def test_local_times_are_right_across_the_clock_changes(
    client, make_session, day, start, end, utc_start, utc_end
):
    calendar, event = _calendar(client, make_session(day, start, end))
    dtstart, dtend = event.decoded("dtstart"), event.decoded("dtend")
    assert (dtstart.date(), dtstart.time(), dtend.time()) == (day, start, end)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert event["dtend"].params["TZID"] == "Europe/London"
    assert dtstart.astimezone(UTC) == datetime(day.year, day.month, day.day, *utc_start, tzinfo=UTC)
    assert dtend.astimezone(UTC) == datetime(day.year, day.month, day.day, *utc_end, tzinfo=UTC)
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/London"]
    # The file's own VTIMEZONE gives the same offsets as the tz database, without zoneinfo.
    rules = zones[0].to_tz()
    naive = datetime.combine(day, start)
    assert rules.utcoffset(naive) == naive.replace(tzinfo=LONDON).utcoffset()


def test_the_event_says_what_where_and_how_to_book_with_a_stable_uid(client, make_session):
    session = make_session(
        date(2026, 12, 2),
        title="Understanding your baby",
        how_to_book="<p>Ask your <b>health visitor</b>.</p>",
        booking_phone="01724 111111",
        booking_url="https://example.org/book",
        audience_notes="Parents of babies up to 12 months",
    )
    _, first = _calendar(client, session)
    _, again = _calendar(client, session)
    assert (
        str(first["uid"])
        == str(again["uid"])
        == f"group-session-{session.pk}@infant-mental-health.northlincs"
    )
    assert str(first["summary"]) == "Understanding your baby"
    assert str(first["location"]) == "Riverside Family Hub, 1 River Street, Scunthorpe, DN15 1AA"
    description = str(first["description"])
    assert description.splitlines() == [
        "Ask your health visitor.",
        "Phone: 01724 111111",
        "Book: https://example.org/book",
        "Parents of babies up to 12 months",
    ]


def test_a_missing_session_is_404_and_a_post_is_405(client, make_session):
    session = make_session(date(2026, 12, 2))
    assert client.get(f"/groups/sessions/{session.pk + 1000}.ics").status_code == 404
    assert client.post(f"/groups/sessions/{session.pk}.ics").status_code == 405
    assert client.head(f"/groups/sessions/{session.pk}.ics").status_code == 200
