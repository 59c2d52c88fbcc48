"""The search page keeps the editors' synonyms, crisis terms and promoted results, and each
search's count and pages of results, per content generation: a repeated search skips those
lookups and the search itself, and a committed change to any of them shows on the next search."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from pages.models import CrisisSearchTerm, SearchPage, SearchSynonym
from tests.pages.conftest import make_content, make_section, publish_child
from tests.performance.conftest import content_committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def search_site(home):
    section = make_section(home)
    pages = {
        "crying": make_content(section, "crying", title="Crying and comforting", summary="Colic."),
        "sleep": make_content(section, "sleep", title="Sleep", summary="Settling to sleep."),
    }
    publish_child(home, SearchPage)
    return pages


def _soup(client, query: str) -> BeautifulSoup:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _titles(client, query: str) -> list[str]:
    return [a.get_text() for a in _soup(client, query).select(".app-search-results__title a")]


def _lookups(client, query: str) -> list[str]:
    """The queries of one search that read synonyms, crisis terms or promotions."""
    with CaptureQueriesContext(connection) as captured:
        _soup(client, query)
    tables = ("pages_searchsynonym", "pages_crisissearchterm", "wagtailsearchpromotions")
    return [q["sql"] for q in captured if any(table in q["sql"] for table in tables)]


def test_a_repeated_search_skips_the_lookups(client, search_site, memo_on):
    assert len(_lookups(client, "colic")) == 3  # synonyms, crisis terms, promotions
    assert _lookups(client, "colic") == []
    assert len(_lookups(client, "sleep")) == 1  # another query: its promotions only


def test_a_repeated_search_runs_no_query(client, search_site, memo_on):
    _soup(client, "colic")
    with CaptureQueriesContext(connection) as captured:
        assert _titles(client, "colic") == ["Crying and comforting"]
    assert [query["sql"] for query in captured] == []
    with CaptureQueriesContext(connection) as captured:
        assert _titles(client, "colic settling") == []
    assert captured  # another search is searched


def test_a_page_of_results_committed_since_shows_on_the_next_search(
    client, home, search_site, memo_on
):
    assert _titles(client, "sleep") == ["Sleep"]
    make_content(search_site["sleep"].get_parent(), "naps", title="Naps", summary="Sleep by day.")
    assert _titles(client, "sleep") == ["Sleep"]  # not committed yet
    content_committed()
    assert set(_titles(client, "sleep")) == {"Sleep", "Naps"}


def test_committed_synonyms_crisis_terms_and_promotions_show_on_the_next_search(
    client, search_site, memo_on
):
    assert _titles(client, "colic") == ["Crying and comforting"]
    assert not _soup(client, "colic").select(".app-urgent-help")

    SearchSynonym.objects.create(name="Settling", terms="colic\nsettling")
    CrisisSearchTerm.objects.create(phrase="colic")
    SearchPromotion.objects.create(
        query=Query.get("colic"),
        external_link_url="https://www.nhs.uk/colic/",
        external_link_text="NHS: colic",
        sort_order=0,
    )
    # Not committed yet: the memo still answers for the generation it was filled in...
    assert _titles(client, "colic") == ["Crying and comforting"]
    content_committed()  # ...until the change commits
    soup = _soup(client, "colic")
    titles = [a.get_text() for a in soup.select(".app-search-results__title a")]
    assert titles[0] == "NHS: colic"
    assert set(titles[1:]) == {"Crying and comforting", "Sleep"}
    assert soup.select(".app-urgent-help")


def test_a_section_made_private_leaves_the_results_once_committed(client, search_site, memo_on):
    assert _titles(client, "colic") == ["Crying and comforting"]
    PageViewRestriction.objects.create(
        page=search_site["crying"].get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="x" * 12,
    )
    assert _titles(client, "colic") == ["Crying and comforting"]  # not committed yet
    content_committed()
    assert _titles(client, "colic") == []
