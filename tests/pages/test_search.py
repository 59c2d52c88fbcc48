"""Site search: pages, useful links and posters; friendly states; any input gives a page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from pages.models import SearchPage
from pages.site_search import MAX_QUERY_LENGTH, clean_query
from tests.factories import PosterFactory, ResourceLinkFactory
from tests.pages.conftest import make_content, make_section, publish_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def search_page(home) -> SearchPage:
    return publish_child(home, SearchPage, summary="Search this website.")


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_empty_search_shows_a_friendly_prompt(client, search_page):
    soup = _soup(client.get("/search/"))
    assert soup.select_one("form[role=search] input[name=q]") is not None
    assert "Type a word or two" in soup.main.get_text()
    assert soup.select(".app-search-results") == []


def test_finds_pages_resources_and_posters_with_summaries(client, home, search_page):
    section = make_section(home)
    make_content(
        section,
        "crying",
        title="Crying and comforting",
        summary="Why babies cry and how to comfort them.",
        body=[{"type": "rich_text", "value": "<p>Swaddling and rocking help.</p>"}],
    )
    make_content(section, "sleep", title="Sleep", summary="Safer sleep.")
    ResourceLinkFactory(
        title="Rocking resources",
        summary="About rocking babies.",
        url="https://example.org/rocking/",
    )
    ResourceLinkFactory(title="Draft rocking", summary="Rocking draft.", live=False)
    poster = PosterFactory(title="Rocking poster", summary="A poster about rocking.")

    soup = _soup(client.get("/search/", {"q": "rocking"}))
    results = {
        item.select_one("a").get_text(strip=True): item
        for item in soup.select(".app-search-results__item")
    }
    assert set(results) == {"Crying and comforting", "Rocking resources", "Rocking poster"}
    assert "Why babies cry" in results["Crying and comforting"].get_text()
    assert results["Rocking resources"].select_one("a")["href"] == "https://example.org/rocking/"
    assert results["Rocking poster"].select_one("a")["href"] == poster.document.url
    assert "PDF" in results["Rocking poster"].get_text()
    assert "for ‘rocking’" in soup.main.get_text()


def test_no_results_says_so_and_suggests_what_to_do(client, search_page):
    text = _soup(client.get("/search/", {"q": "zebra"})).main.get_text()
    assert "There are no results for ‘zebra’" in text
    assert "Check your spelling" in text


def test_results_are_paginated(client, home, search_page):
    section = make_section(home)
    for number in range(12):
        make_content(
            section, f"feeding-{number}", title=f"Feeding {number}", summary="About feeding."
        )
    first = _soup(client.get("/search/", {"q": "feeding"}))
    assert len(first.select(".app-search-results__item")) == 10
    next_link = first.select_one(".govuk-pagination__next a")["href"]
    assert next_link == "/search/?q=feeding&page=2"
    second = _soup(client.get(next_link))
    assert len(second.select(".app-search-results__item")) == 2
    # Both pages together list every result once.
    titles = {
        a.get_text() for soup in (first, second) for a in soup.select(".app-search-results a")
    }
    assert titles == {f"Feeding {number}" for number in range(12)}
    assert second.select_one(".govuk-pagination__prev a")["href"] == "/search/?q=feeding"


@pytest.mark.parametrize("page", ["3", "999999", "0", "-1", "abc", "1.5", "%00"])
def test_a_page_number_that_does_not_exist_is_a_404(client, home, search_page, page):
    make_content(make_section(home), "feeding", title="Feeding", summary="About feeding.")
    response = Client(raise_request_exception=False).generic(
        "GET", "/search/", QUERY_STRING=f"q=feeding&page={page}"
    )
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "query_string",
    [
        "q=",
        "q=%00",
        "q=crying%00sleep",
        "q=" + "a" * 10_000,
        "q=" + "crying+" * 2_000,
        "q=%ff%fe%fd",
        "q=%C0%AF",
        "q='\"*()%25:^-OR-AND-NOT",
        "q=<script>alert(1)</script>",
        "q=crying&page=",
        "q=crying&page=1",
        "q=a&q=b",
    ],
)
def test_any_input_returns_a_page(search_page, query_string):
    client = Client(raise_request_exception=False)
    response = client.generic("GET", "/search/", QUERY_STRING=query_string)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("script", string=True) is None
    value = soup.select_one("#search-query").get("value", "")
    assert len(value) <= MAX_QUERY_LENGTH and "\x00" not in value


def test_raw_non_utf8_bytes_in_the_query_string(search_page):
    client = Client(raise_request_exception=False)
    response = client.get("/search/", QUERY_STRING=b"q=\xff\xfe\x00caf\xe9".decode("latin-1"))
    assert response.status_code == 200


def test_clean_query_strips_control_characters_and_caps_length():
    assert clean_query("  crying\x00 \t sleep\n") == "crying sleep"
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH
    assert clean_query("\x00\x01") == ""
