"""Every kind of public content change retires every cached page, once per committed
transaction; bookkeeping, rolled-back transactions and a page's draft save do not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models.signals import post_delete
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from caching.generation import current_generation
from caching.signals import content_changed
from feedback.models import PageFeedback
from groups.models import FamilyHub, GroupSession
from linkcheck.checker import CheckResult
from linkcheck.outcomes import Outcome
from linkcheck.run import _apply_to_useful_links
from pages.models import HomePage, SiteNotice
from resources.models import PosterDownloadMonth
from tests.factories import (
    PosterDocumentFactory,
    PosterFactory,
    ResourceLinkFactory,
    ServiceSettingsFactory,
)
from tests.pages.conftest import make_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db, commits):
    """Content made in a transaction of its own, committed before the test's change."""
    home = HomePage.objects.get()
    with commits():
        return {
            "home": home,
            "cached": make_content(home, "cached", title="A cached page"),
            "other": make_content(home, "other", title="Another page"),
            "link": ResourceLinkFactory(),
            "poster": PosterFactory(),
            "document": PosterDocumentFactory(),
        }


def is_served_from_cache(client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) == 0


def publish(site):
    page = site["other"]
    page.title = "Renamed"
    page.save_revision().publish()


def unpublish(site):
    site["other"].unpublish()


def move(site):
    site["other"].move(site["cached"], pos="last-child")


def delete_page(site):
    site["other"].delete()


def save_useful_link(site):
    link = site["link"]
    link.title = "A better title"
    link.save()


def delete_poster(site):
    site["poster"].delete()


def change_service_settings(site):
    ServiceSettingsFactory(service_name="Babies first")


def save_site_notice(site):
    now = timezone.now()
    SiteNotice.objects.create(
        text="<p>Closed on Friday</p>", starts_at=now, ends_at=now + timedelta(days=1)
    )


def replace_document(site):
    document = site["document"]
    document.file = ContentFile(b"%PDF-1.4 replaced", name="replaced.pdf")
    document.save()


def add_session(site):
    hub = FamilyHub.objects.create(name="Hub", address="1 Street\nTown")
    GroupSession.objects.create(
        date=date.today() + timedelta(days=3),
        start_time=time(10),
        end_time=time(11),
        hub=hub,
        how_to_book="<p>Call the hub.</p>",
    )


CHANGES: list[Callable] = [
    publish,
    unpublish,
    move,
    delete_page,
    save_useful_link,
    delete_poster,
    change_service_settings,
    save_site_notice,
    replace_document,
    add_session,
]


def warm(client, url: str, commits) -> None:
    """Visit and cache the page. The first visit may create the site's settings row (as in
    production, that is a change: it retires what was cached), so it is committed first."""
    with commits():
        client.get(url)
    client.get(url)


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_each_kind_of_change_retires_cached_pages_once(client, site, commits, change):
    url = site["cached"].url
    warm(client, url, commits)
    assert is_served_from_cache(client, url)
    sent = []
    content_changed.connect(lambda **kwargs: sent.append(kwargs), weak=False, dispatch_uid="t")
    try:
        with commits():
            change(site)
    finally:
        content_changed.disconnect(dispatch_uid="t")
    assert len(sent) == 1  # one purge for the whole transaction
    assert not is_served_from_cache(client, url)
    assert is_served_from_cache(client, url)


def test_a_page_draft_save_does_not_purge(client, site, commits):
    """Saving a draft writes the page row (its latest revision) but changes nothing public."""
    url = site["cached"].url
    warm(client, url, commits)
    before = current_generation()
    with commits():
        page = site["cached"]
        page.title = "Draft title"
        page.save_revision()
    assert current_generation() == before
    assert is_served_from_cache(client, url)


def test_a_snippet_draft_save_does_not_purge(site, commits):
    link = site["link"]
    before = current_generation()
    with commits():
        link.title = "Draft"
        link.save_revision()
    assert current_generation() == before


def test_bookkeeping_does_not_purge(site, commits):
    before = current_generation()
    with commits():
        PageFeedback.objects.create(page=site["cached"], useful=True)
        PosterDownloadMonth.objects.create(poster=site["poster"], month=date(2026, 1, 1), count=3)
    assert current_generation() == before


def test_nothing_is_sent_when_the_transaction_rolls_back(site, commits):
    before = current_generation()
    with commits() as callbacks:
        try:
            with transaction.atomic():
                save_useful_link(site)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert current_generation() == before


def test_a_change_after_a_rolled_back_savepoint_still_purges(site, commits):
    before = current_generation()
    with commits():
        try:
            with transaction.atomic():
                save_useful_link(site)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        change_service_settings(site)
    assert current_generation() != before


def test_the_link_checker_hiding_a_link_purges(site, commits):
    """It writes with bulk_update (no model signals), so it asks for the purge itself."""
    link = site["link"]
    type(link).objects.filter(pk=link.pk).update(failed_checks=1)  # failed once already
    before = current_generation()
    with commits():
        hidden = _apply_to_useful_links(
            {link.url: CheckResult(url=link.url, outcome=Outcome.BROKEN)}
        )
    assert hidden == [link]
    assert current_generation() != before


def test_an_editor_confirming_a_link_works_purges(site, commits):
    before = current_generation()
    with commits():
        site["link"].confirm_working()  # a QuerySet.update
    assert current_generation() != before


def test_bookkeeping_keeps_djangos_fast_bulk_deletes():
    """Receivers are per watched model: a global post_delete receiver would make Django load
    and signal every row of a bulk delete (the enquiry retention purge, task rows...)."""
    assert not post_delete.has_listeners(PageFeedback)
    assert not post_delete.has_listeners(PosterDownloadMonth)
    assert post_delete.has_listeners(SiteNotice)
