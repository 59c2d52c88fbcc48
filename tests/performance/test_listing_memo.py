"""Listing pages (posters, useful links, section pages) keep their count and the pages of items
read per content generation, the useful links page its topics with their counts, and each the
HTML of its list (`{% content_fragment %}`): shown again they cost no query and no rendering of
their items, and a committed change shows on the next request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import PosterLibraryPage, ResourceIndexPage
from resources.choices import Audience
from tests.factories import (
    PosterFactory,
    QuickContentPageFactory,
    ResourceLinkFactory,
    TopicFactory,
)
from tests.pages.conftest import make_section, page_of_type
from tests.performance.conftest import content_committed

pytestmark = pytest.mark.django_db


def _item_queries(client, url: str, table: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return sum(f'FROM "{table}"' in query["sql"] for query in captured)


@pytest.mark.parametrize(
    ("model", "factory", "table"),
    [
        (PosterLibraryPage, PosterFactory, "resources_poster"),
        (ResourceIndexPage, ResourceLinkFactory, "resources_resourcelink"),
    ],
)
def test_a_listing_is_read_once_per_generation(client, home, memo_on, model, factory, table):
    listing = page_of_type(model, home)
    factory(title="Alpha item")
    content_committed()
    assert _item_queries(client, listing.url, table) == 2  # the count and the page of items
    assert _item_queries(client, listing.url, table) == 0

    factory(title="Beta item")
    assert "Beta item" not in client.get(listing.url).content.decode()  # not committed yet
    content_committed()
    assert "Beta item" in client.get(listing.url).content.decode()


def test_a_section_lists_its_pages_once_per_generation(client, home, memo_on):
    section = make_section(home)
    QuickContentPageFactory(parent=section, title="Alpha topic", slug="alpha")
    content_committed()
    assert _item_queries(client, section.url, "wagtailcore_page") > 0
    assert _item_queries(client, section.url, "wagtailcore_page") == 0
    assert _item_queries(client, section.url, "wagtailcore_pageviewrestriction") == 0

    QuickContentPageFactory(parent=section, title="Beta topic", slug="beta")
    assert "Beta topic" not in client.get(section.url).content.decode()  # not committed yet
    content_committed()
    assert "Beta topic" in client.get(section.url).content.decode()


def test_the_topic_filter_is_read_once_per_generation(client, home, memo_on):
    listing = page_of_type(ResourceIndexPage, home)
    ResourceLinkFactory(topics=[TopicFactory(name="Alpha topic", slug="alpha-topic")])
    content_committed()
    assert _item_queries(client, listing.url, "resources_topic") == 1
    assert _item_queries(client, listing.url, "resources_topic") == 0

    ResourceLinkFactory(topics=[TopicFactory(name="Beta topic", slug="beta-topic")])
    assert "Beta topic" not in client.get(listing.url).content.decode()  # not committed yet
    content_committed()
    page = client.get(listing.url).content.decode()
    assert "Beta topic" in page
    assert "?topic=beta-topic" in page


def _list_rendered(client, url: str, list_template: str) -> bool:
    response = client.get(url)
    assert response.status_code == 200
    return list_template in [template.name for template in response.templates]


@pytest.mark.parametrize(
    ("model", "factory", "list_template"),
    [
        (PosterLibraryPage, PosterFactory, "components/poster_list.html"),
        (ResourceIndexPage, ResourceLinkFactory, "components/resource_list.html"),
    ],
)
def test_a_listings_html_is_rendered_once_per_generation(
    client, home, memo_on, model, factory, list_template
):
    listing = page_of_type(model, home)
    factory(title="Alpha item")
    content_committed()
    assert _list_rendered(client, listing.url, list_template)
    assert not _list_rendered(client, listing.url, list_template)
    content_committed()
    assert _list_rendered(client, listing.url, list_template)


def test_each_filter_and_page_of_a_listing_keeps_its_own_html(client, home, memo_on):
    listing = page_of_type(ResourceIndexPage, home)
    for number in range(listing.per_page + 1):
        ResourceLinkFactory(title=f"Parents link {number:02d}", audience=Audience.PARENTS)
    ResourceLinkFactory(title="Professionals link", audience=Audience.PROFESSIONALS)
    content_committed()

    def titles(query: str) -> set[str]:
        html = client.get(listing.url + query).content.decode()
        return {
            title
            for title in ("Parents link 00", "Parents link 20", "Professionals link")
            if title in html
        }

    for _twice in range(2):  # rendered, then from the memo: the same for each address
        assert titles("") == {"Parents link 00"}  # in title order, 20 a page
        assert titles("?page=2") == {"Parents link 20", "Professionals link"}
        assert titles("?audience=professionals") == {"Professionals link"}
        assert titles("?audience=parents&page=2") == {"Parents link 20"}


def test_each_page_of_a_section_keeps_its_own_html(client, home, memo_on):
    section = make_section(home)
    for number in range(section.per_page + 1):
        QuickContentPageFactory(parent=section, title=f"Topic {number:02d}", slug=f"t{number}")
    content_committed()
    last = f"Topic {section.per_page:02d}"
    for _twice in range(2):  # rendered, then from the memo
        first_page = client.get(section.url).content.decode()
        second_page = client.get(section.url + "?page=2").content.decode()
        assert "Topic 00" in first_page and last not in first_page
        assert last in second_page and "Topic 00" not in second_page
