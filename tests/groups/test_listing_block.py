"""The upcoming sessions inside a page's body: the `listing` block (pages) that groups fills from
its AppConfig. The seeded Solihull Approach page's list is tested in tests/seed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from groups.listing import UPCOMING_SESSIONS
from pages.blocks import BodyStreamBlock
from pages.listing_registry import (
    EmbeddedListing,
    listing_choices,
    register_listing,
    registered_listing,
)
from tests.pages.conftest import make_content

pytestmark = pytest.mark.django_db

LISTING = BodyStreamBlock().child_blocks["listing"]


def _soup(client, page) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _listing_section(soup: BeautifulSoup):
    section = soup.select_one("main .app-listing")
    assert section is not None, "the page has no up-to-date list"
    return section


def test_the_block_shows_the_same_sessions_as_the_sessions_tag(rf, hub, make_session):
    make_session(timezone.localdate() + timedelta(days=1), title="Tomorrow's group")
    request = rf.get("/")
    value = LISTING.to_python({"heading": "Upcoming sessions", "listing": "group_sessions"})
    block_html = LISTING.render(value, context={"request": request})
    tag_html = render_to_string(
        "groups/upcoming_sessions_listing.html", {"request": request, "heading_level": 3}
    )
    listed = BeautifulSoup(block_html, "html.parser").select_one(".app-group-sessions")
    assert str(listed) == str(
        BeautifulSoup(tag_html, "html.parser").select_one(".app-group-sessions")
    )
    assert "Tomorrow's group" in listed.get_text()


def test_a_content_page_can_list_the_sessions(client, home, make_session):
    make_session(timezone.localdate(), title="Today's group")
    page = make_content(
        home,
        "groups-near-you",
        body=[("listing", {"heading": "Groups near you", "listing": "group_sessions"})],
    )
    section = _listing_section(_soup(client, page))
    assert section.h2["id"] == "groups-near-you"
    assert [h.get_text(strip=True) for h in section.select("h3")] == ["Today's group"]


def test_the_block_offers_only_registered_listings():
    assert ("group_sessions", UPCOMING_SESSIONS.label) in listing_choices()
    assert registered_listing("group_sessions") == UPCOMING_SESSIONS
    LISTING.clean(LISTING.to_python({"heading": "Sessions", "listing": "group_sessions"}))
    with pytest.raises(ValidationError):
        LISTING.clean(LISTING.to_python({"heading": "Sessions", "listing": "not_registered"}))


def test_a_stored_key_no_app_offers_renders_nothing():
    value = LISTING.to_python({"heading": "Gone", "listing": "removed_app_listing"})
    assert LISTING.render(value, context={"request": None}).strip() == ""


def test_a_key_cannot_be_taken_by_another_listing():
    register_listing(UPCOMING_SESSIONS)  # registering the same listing again is harmless
    clash = EmbeddedListing("group_sessions", "Something else", "groups/other.html")
    with pytest.raises(ImproperlyConfigured):
        register_listing(clash)
    assert registered_listing("group_sessions") == UPCOMING_SESSIONS


def test_the_choices_are_not_frozen_into_migrations():
    _path, _args, kwargs = LISTING.child_blocks["listing"].deconstruct()
    assert kwargs["choices"] == []
