"""Upcoming sessions: soonest first, a session stays listed until the end of its day (UK time) and
then drops off by itself; an empty list says how to ask about the next groups; hubs are reused."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from groups.models import LONDON, GroupSession, GroupSessionsPage, upcoming_sessions
from tests.factories import ContactPageFactory, ServiceSettingsFactory
from tests.pages.conftest import publish_child

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 10)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def test_yesterdays_session_is_gone_and_todays_stays_until_the_day_ends(make_session):
    yesterday = make_session(DAY - timedelta(days=1))
    today = make_session(DAY, time(9), time(10))
    # After today's session has finished, it is still listed until midnight UK time.
    assert upcoming_sessions(_at(DAY, 23, 59)) == [today]
    assert yesterday not in upcoming_sessions(_at(DAY, 0, 0))
    assert upcoming_sessions(_at(DAY + timedelta(days=1), 0, 0)) == []
    # Midnight in the UK in summer is 23:00 UTC the day before: the day is the UK's.
    assert upcoming_sessions(datetime(2026, 6, 10, 23, 30, tzinfo=UTC)) == []
    assert upcoming_sessions(datetime(2026, 6, 9, 23, 30, tzinfo=UTC)) == [today]


def test_sessions_are_listed_soonest_first(make_session):
    later = make_session(DAY + timedelta(days=7))
    afternoon = make_session(DAY, time(14), time(15))
    morning = make_session(DAY, time(9), time(10))
    assert upcoming_sessions(_at(DAY, 8)) == [morning, afternoon, later]
    assert upcoming_sessions(_at(DAY, 8), limit=2) == [morning, afternoon]


def test_end_must_be_after_start(hub):
    session = GroupSession(
        date=DAY, start_time=time(11), end_time=time(10), hub=hub, how_to_book="<p>Call</p>"
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict == {"end_time": ["The end time must be after the start time."]}
    session.end_time = time(11)
    with pytest.raises(ValidationError):
        session.full_clean()
    session.end_time = time(12)
    session.full_clean()
    assert session.title == "Understanding your baby"


def test_one_hub_is_chosen_by_many_sessions(hub, make_session):
    first, second = make_session(DAY), make_session(DAY + timedelta(days=7))
    assert first.hub_id == second.hub_id == hub.pk
    assert list(hub.sessions.all()) == [first, second]


@pytest.fixture
def sessions_page(home) -> GroupSessionsPage:
    return publish_child(home, GroupSessionsPage, title="Understanding your baby groups")


def _page_soup(client, page) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_lists_upcoming_sessions_with_their_calendar_files(
    client, sessions_page, make_session
):
    today = timezone.localdate()
    past = make_session(today - timedelta(days=1), title="Last week's group")
    soon = make_session(today + timedelta(days=1), time(10), time(11, 30), title="Tomorrow")
    later = make_session(today + timedelta(days=8), title="Next week")
    soup = _page_soup(client, sessions_page)
    titles = [h.get_text(strip=True) for h in soup.select(".app-group-sessions h3")]
    assert titles == [soon.title, later.title]
    assert past.title not in soup.get_text()
    links = [a["href"] for a in soup.select(".app-group-sessions a[download]")]
    assert links == [f"/groups/sessions/{soon.pk}.ics", f"/groups/sessions/{later.pk}.ics"]
    text = " ".join(soup.select_one(".app-group-sessions").get_text(" ").split())
    assert "10:00 a.m. to 11:30 a.m." in text
    assert "Riverside Family Hub 1 River Street Scunthorpe DN15 1AA" in text


def test_an_empty_list_says_how_to_ask_about_the_next_groups(client, sessions_page, home):
    ServiceSettingsFactory(service_phone="01724 297000")
    contact = ContactPageFactory(parent=home, slug="contact-us")
    empty = _page_soup(client, sessions_page).select_one(".app-group-sessions-empty")
    assert empty is not None
    assert "To ask about the next groups" in empty.get_text()
    hrefs = [a["href"] for a in empty.select("a")]
    assert hrefs == [contact.url, "tel:01724297000"]


def test_the_sessions_page_is_signposted_from_home(client, sessions_page, home):
    assert sessions_page in home.specific.signposted_pages()
