"""Time-bound content on cached pages: a cached page never outlives what it shows.

The site notice appears only inside its window on every page type even when the page was cached
before the window opened (``cache_until`` at the notice's next start or end), and group sessions
drop off at the end of their day (UK time) on cached pages. The clock is Django's
``timezone.now``, which the content and the page cache both read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enquiries.models import ContactPage
from groups.models import LONDON, FamilyHub, GroupSession, GroupSessionsPage
from pages.models import HomePage, SiteNotice
from tests.pages.conftest import PROJECT_PAGE_MODELS, page_of_type

pytestmark = pytest.mark.django_db

NOTICE = "Groups are paused over Christmas"


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def get(client, url: str) -> tuple[BeautifulSoup, int]:
    """The page's HTML and how many queries answering it took (none for a hit)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser"), len(queries)


def shows_notice(client, url: str) -> bool:
    soup, _queries = get(client, url)
    region = soup.select_one("main .app-notice")
    return region is not None and NOTICE in region.get_text()


@pytest.fixture
def page_urls(commits) -> dict[str, type]:
    home = HomePage.objects.get()
    with commits():
        return {page_of_type(model, home).url: model for model in PROJECT_PAGE_MODELS}


def test_the_notice_shows_only_inside_its_window_on_cached_pages(client, page_urls, commits):
    start = timezone.now() + timedelta(hours=1)
    end = start + timedelta(hours=1)
    with commits():
        SiteNotice.objects.create(text=f"<p>{NOTICE}</p>", starts_at=start, ends_at=end)

    with clock_at(start - timedelta(minutes=5)):  # warm the cache before the window opens
        for url, model in page_urls.items():
            assert not shows_notice(client, url), url
            _soup, queries = get(client, url)
            assert (queries == 0) == (model is not ContactPage), url  # cached (not the form)
    with clock_at(start + timedelta(seconds=1)):
        for url in page_urls:
            assert shows_notice(client, url), url
            assert shows_notice(client, url), url  # and from the cache
    with clock_at(end - timedelta(seconds=1)):
        assert all(shows_notice(client, url) for url in page_urls)
    with clock_at(end):
        for url in page_urls:
            assert not shows_notice(client, url), url


def test_upcoming_sessions_drop_off_at_the_end_of_their_day_on_cached_pages(
    client, commits, settings
):
    settings.PAGE_CACHE_SECONDS = 2 * 24 * 60 * 60  # so that only the day's end limits it
    day = timezone.localdate(timezone.now(), LONDON)
    with commits():
        page = page_of_type(GroupSessionsPage, HomePage.objects.get())
        hub = FamilyHub.objects.create(name="Riverside Family Hub", address="1 River Street")
        for title, date in (("Yesterday's group", day - timedelta(days=1)), ("Today's group", day)):
            GroupSession.objects.create(
                title=title, date=date, start_time=time(10), end_time=time(11, 30), hub=hub,
                how_to_book="<p>Call the hub.</p>",
            )  # fmt: skip

    def listed(moment: datetime) -> tuple[list[str], int]:
        with clock_at(moment):
            soup, queries = get(client, page.url)
        text = soup.get_text()
        return [title for title in ("Yesterday's group", "Today's group") if title in text], queries

    morning = datetime.combine(day, time(9), LONDON)
    assert listed(morning)[0] == ["Today's group"]
    assert listed(morning + timedelta(hours=4)) == (["Today's group"], 0)  # cached
    last_minute = datetime.combine(day, time(23, 59, 59), LONDON)
    assert listed(last_minute) == (["Today's group"], 0)  # cached until midnight
    titles, queries = listed(datetime.combine(day + timedelta(days=1), time(0), LONDON))
    assert titles == [] and queries > 0
