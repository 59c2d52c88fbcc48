"""Listing pages (posters, useful links, section pages) keep their count and the pages of items
read per content generation, and the useful links page its topics with their counts: shown again
they cost no query for them, and a committed change shows on the next request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import PosterLibraryPage, ResourceIndexPage
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
