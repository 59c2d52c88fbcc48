"""Listings stay flat as content grows: the same number of queries for a page of posters,
useful links (filtered by topic), a section's topic pages or search results, whether the site
has a few items or ten times as many, and only one page of them in the HTML.

CPU per request is measured by `bench/content_growth.py` (at the issue's sizes).
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import PosterLibraryPage, ResourceIndexPage, SearchPage, SectionLandingPage
from pages.models.search import RESULTS_PER_PAGE
from tests.factories import (
    PosterLibraryPageFactory,
    ResourceIndexPageFactory,
    SearchPageFactory,
    SectionLandingPageFactory,
)
from tests.performance_listings.growth import (
    GROWTH_TOPIC,
    GROWTH_WORD,
    add_links,
    add_posters,
    add_topic_pages,
)

pytestmark = pytest.mark.django_db


def visit(client, url: str) -> tuple[int, BeautifulSoup]:
    """Queries for a warm request of `url` (the first request fills per-process caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), BeautifulSoup(response.content, "html.parser")


def last_page(soup: BeautifulSoup) -> str:
    return soup.select(".govuk-pagination__item a")[-1]["href"]


def test_posters_page(client):
    page = PosterLibraryPageFactory()
    add_posters(6)
    small, soup = visit(client, page.url)
    assert len(soup.select(".app-poster-card")) == 6
    assert soup.select_one(".govuk-pagination") is None

    add_posters(54)
    large, soup = visit(client, page.url)
    assert len(soup.select(".app-poster-card")) == PosterLibraryPage.per_page
    assert "Showing 1 to 12 of 60 posters" in soup.select_one("[role=status]").get_text()
    assert all(card.img for card in soup.select(".app-poster-card"))
    last, last_soup = visit(client, last_page(soup))
    assert len(last_soup.select(".app-poster-card")) == 60 - 4 * PosterLibraryPage.per_page
    assert small == large == last


def test_useful_links_filtered_by_topic(client):
    page = ResourceIndexPageFactory()
    url = f"{page.url}?audience=parents&topic={GROWTH_TOPIC}"
    add_links(5)
    small, soup = visit(client, url)
    assert len(soup.select(".app-resource-list__item")) == 5

    add_links(95)
    large, soup = visit(client, url)
    assert len(soup.select(".app-resource-list__item")) == ResourceIndexPage.per_page
    # Filters and the page number combine; the canonical link stays the page itself.
    assert last_page(soup) == f"{page.url}?audience=parents&topic={GROWTH_TOPIC}&page=5"
    last, last_soup = visit(client, last_page(soup))
    assert last_soup.select_one("link[rel=canonical]")["href"].endswith(page.url)
    assert small == large == last


def test_section_listing(client):
    section = SectionLandingPageFactory()
    add_topic_pages(section, 5)
    small, soup = visit(client, section.url)
    assert len(soup.select(".app-section-list__item")) == 5

    add_topic_pages(section, 45)
    large, soup = visit(client, section.url)
    assert len(soup.select(".app-section-list__item")) == SectionLandingPage.per_page
    last, last_soup = visit(client, last_page(soup))
    assert len(last_soup.select(".app-section-list__item")) == 50 - 2 * SectionLandingPage.per_page
    assert small == large == last


@pytest.mark.parametrize("kind", ["pages", "links", "posters"])
def test_search_pages_in_the_database(client, kind):
    """A search whose results grow tenfold costs the same queries, for each kind of result."""
    SearchPageFactory()
    section = SectionLandingPageFactory()
    grow = {
        "pages": lambda count: add_topic_pages(section, count),
        "links": add_links,
        "posters": add_posters,
    }[kind]
    url = f"{SearchPage.objects.get().url}?q={GROWTH_WORD}"
    grow(12)  # more than one page of results
    small, soup = visit(client, url)
    assert len(soup.select(".app-search-results__item")) == RESULTS_PER_PAGE

    grow(108)
    large, soup = visit(client, url)
    assert "120 results" in soup.select_one("[role=status]").get_text()
    assert len(soup.select(".app-search-results__item")) == RESULTS_PER_PAGE
    middle, _soup = visit(client, url + "&page=6")
    last, last_soup = visit(client, last_page(soup))
    assert len(last_soup.select(".app-search-results__item")) == RESULTS_PER_PAGE
    assert small == large == middle == last
