"""The seeded Solihull Approach page lists the upcoming "Understanding your baby" sessions itself
(its `listing` block), on the site tests/seed already seeds once."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from groups.models import FamilyHub, GroupSession
from pages.models import ContentPage

pytestmark = pytest.mark.django_db

SOLIHULL_SLUG = "solihull-approach-in-north-lincolnshire"


@pytest.fixture
def solihull_page(seeded) -> ContentPage:
    return ContentPage.objects.get(slug=SOLIHULL_SLUG)


def _session(day: date, title: str, start: time = time(10)) -> GroupSession:
    hub, _ = FamilyHub.objects.get_or_create(
        name="Riverside Family Hub", defaults={"address": "1 River Street\nScunthorpe"}
    )
    return GroupSession.objects.create(
        title=title,
        date=day,
        start_time=start,
        end_time=start.replace(hour=start.hour + 1),
        hub=hub,
        how_to_book="<p>Ask your health visitor.</p>",
    )


def _soup(client, page) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _listing(soup: BeautifulSoup):
    section = soup.select_one("main .app-listing")
    assert section is not None, "the Solihull page has no up-to-date list"
    return section


def test_it_lists_todays_session_not_yesterdays_soonest_first(client, solihull_page):
    today = timezone.localdate()
    later = _session(today + timedelta(days=14), "Group in a fortnight")
    _session(today - timedelta(days=1), "Yesterday's group")
    todays = _session(today, "Today's group", start=time(9))
    section = _listing(_soup(client, solihull_page))
    assert section.h2.get_text(strip=True) == "Next Understanding your baby groups"
    titles = [h.get_text(strip=True) for h in section.select(".app-group-sessions h3")]
    assert titles == [todays.title, later.title]
    assert "Yesterday's group" not in section.get_text()
    links = [a["href"] for a in section.select("a[download]")]
    assert links == [f"/groups/sessions/{todays.pk}.ics", f"/groups/sessions/{later.pk}.ics"]


def test_with_none_planned_it_says_how_to_ask_about_the_next_groups(client, solihull_page):
    _session(timezone.localdate() - timedelta(days=1), "Yesterday's group")
    section = _listing(_soup(client, solihull_page))
    assert section.select_one(".app-group-sessions") is None
    empty = section.select_one(".app-group-sessions-empty")
    assert empty is not None and "To ask about the next groups" in empty.get_text()
    assert [a["href"] for a in empty.select("a")][:1] == ["/contact/"]  # the seeded contact page


def test_its_heading_is_in_the_contents_list(client, solihull_page):
    soup = _soup(client, solihull_page)
    anchor = _listing(soup).h2["id"]
    assert f"#{anchor}" in [a["href"] for a in soup.select(".app-contents-list a")]
