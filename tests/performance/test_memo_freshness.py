"""What the memo keeps is the content as it is: a page rendered from it is the page rendered
afresh, a committed change shows on the next request, and site notices come and go on time
without any change to the content."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from caching.lifetime import cache_deadline
from pages.models import ServiceSettings, SiteNotice
from tests.factories import (
    QuickContentPageFactory,
    SectionLandingPageFactory,
    ServiceSettingsFactory,
)
from tests.pages.conftest import PROJECT_PAGE_MODELS, make_content, make_section, page_of_type
from tests.performance.conftest import content_committed

pytestmark = pytest.mark.django_db

# Per-request values: the contact form's hidden fields (Django's CSRF token, masked anew each
# time, and the signed time the form was shown).
HIDDEN_VALUE = re.compile(r'(<input type="hidden" name="[^"]*") value="[^"]*"')


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return HIDDEN_VALUE.sub(r'\1 value=""', response.content.decode())


def _soup(client, url: str) -> BeautifulSoup:
    return BeautifulSoup(_html(client, url), "html.parser")


@pytest.fixture
def site_pages(home) -> list[str]:
    """A page of every project page type, with a section, topic pages and menu items."""
    ServiceSettingsFactory(
        footer_links=[("link", {"label": "Privacy notice", "url": "https://example.org/p"})]
    )
    section = make_section(home)
    for number in range(3):
        QuickContentPageFactory(parent=section, slug=f"topic-{number}", show_in_menus=True)
    urls = [page_of_type(model, home).url for model in PROJECT_PAGE_MODELS]
    return [*urls, section.url + "topic-1/", "/search/?q=topic"]


def test_every_page_type_renders_from_the_memo_as_it_renders_afresh(
    client, settings, site_pages, memo_on
):
    settings.CONTENT_MEMO_ENABLED = False
    fresh = {url: _html(client, url) for url in site_pages}
    settings.CONTENT_MEMO_ENABLED = True
    for url in site_pages:
        _html(client, url)  # fills the memo
    assert {url: _html(client, url) for url in site_pages} == fresh


def test_a_committed_change_shows_on_the_next_request(client, home, memo_on):
    service = ServiceSettingsFactory(service_name="Infant mental health")
    section = SectionLandingPageFactory(
        parent=home, title="Section parents", slug="parents", show_in_menus=True
    )
    topic = make_content(section, "crying", title="Crying")
    assert "Section parents" in _soup(client, topic.url).select_one("nav.govuk-breadcrumbs").text

    service.service_name = "Babies' feelings"
    service.save()
    section.title = "Parents and carers"
    section.save_revision().publish()
    # Not committed yet: the memo still serves the content of the generation it was made in,
    # which shows it is in use...
    assert "Babies' feelings" not in _soup(client, topic.url).select_one("header").text
    content_committed()  # ...until the change commits
    soup = _soup(client, topic.url)
    assert "Babies' feelings" in soup.select_one("header").text
    assert "Parents and carers" in soup.select_one("nav.govuk-breadcrumbs").text
    assert "Parents and carers" in soup.select_one(".govuk-service-navigation").text


def test_an_unpublished_page_is_no_longer_routed(client, home, memo_on):
    topic = make_content(make_section(home), "sleep")
    assert client.get(topic.url).status_code == 200
    topic.unpublish()
    content_committed()
    assert client.get(topic.url).status_code == 404


def test_a_notice_comes_and_goes_on_time_without_any_change(client, home, memo_on, monkeypatch):
    now = timezone.now()
    notice = SiteNotice.objects.create(
        text="<p>Groups are paused over Christmas</p>",
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
    )
    content_committed()

    def shown_at(moment) -> bool:
        monkeypatch.setattr(timezone, "now", lambda: moment)
        response = client.get(home.url)
        return "Groups are paused" in response.content.decode()

    assert not shown_at(now)
    assert cache_deadline(client.get(home.url).wsgi_request) == notice.starts_at
    assert shown_at(notice.starts_at)
    assert shown_at(notice.ends_at - timedelta(microseconds=1))
    assert not shown_at(notice.ends_at)


def test_the_next_notice_change_caps_the_cache_lifetime_of_every_page(client, site_pages, memo_on):
    start = timezone.now() + timedelta(minutes=30)
    SiteNotice.objects.create(
        text="<p>Closed</p>", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    content_committed()
    for url in site_pages:
        response = client.get(url)
        assert cache_deadline(response.wsgi_request) == start, url


def test_settings_kept_in_the_memo_are_one_object_per_generation(rf, home, memo_on):
    ServiceSettingsFactory()
    first, second = rf.get("/"), rf.get("/")
    assert ServiceSettings.for_request(first) is ServiceSettings.for_request(second)
    content_committed()
    assert ServiceSettings.for_request(rf.get("/")) is not ServiceSettings.for_request(first)


def test_a_page_made_private_asks_for_a_password_once_committed(client, home, memo_on):
    topic = make_content(make_section(home), "private-notes")
    assert client.get(topic.url).status_code == 200
    PageViewRestriction.objects.create(
        page=topic.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x" * 12
    )
    content_committed()
    response = client.get(topic.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
