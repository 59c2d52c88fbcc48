"""Editors' promoted results and synonyms, what each result says it is, the query budget, and
bad input."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from pages.models import CrisisSearchTerm, SearchPage, SearchSynonym
from pages.site_search import KIND_LINK, KIND_PAGE, KIND_POSTER, synonyms_for
from tests.factories import PosterFactory, ResourceLinkFactory
from tests.pages.conftest import make_content, make_section, publish_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home):
    section = make_section(home)
    pages = {
        "crying": make_content(
            section, "crying", title="Crying and comforting", summary="Rocking and cuddles."
        ),
        "yourself": make_content(
            section,
            "looking-after-yourself",
            title="Looking after yourself",
            summary="Postnatal depression and your wellbeing.",
        ),
        "sleep": make_content(section, "sleep", title="Sleep", summary="Rocking to sleep."),
    }
    publish_child(home, SearchPage)
    return pages


def _titles(client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".app-search-results__title a")]


def _promote(query: str, **fields) -> SearchPromotion:
    return SearchPromotion.objects.create(query=Query.get(query), **fields)


def test_promoted_result_comes_first_for_its_term_only(client, site):
    assert _titles(client, "rocking") == ["Sleep", "Crying and comforting"]  # by relevance
    _promote("rocking", page=site["crying"], description="Why babies cry.", sort_order=0)
    _promote(
        "rocking",
        external_link_url="https://www.nhs.uk/rocking/",
        external_link_text="NHS: settling your baby",
        sort_order=1,
    )
    response = client.get("/search/", {"q": "  ROCKING "})
    soup = BeautifulSoup(response.content, "html.parser")
    items = soup.select(".app-search-results__item")
    assert [item.select_one("a").get_text() for item in items] == [
        "Crying and comforting",
        "NHS: settling your baby",
        "Sleep",  # and the promoted page is not listed twice
    ]
    assert "Recommended" in items[0].get_text()
    assert "Why babies cry." in items[0].get_text()
    assert items[1].select_one("a")["href"] == "https://www.nhs.uk/rocking/"
    assert "Recommended" not in items[2].get_text()
    # Another search is unaffected.
    assert _titles(client, "cuddles") == ["Crying and comforting"]


def test_promotion_of_an_unpublished_page_is_not_shown(client, site):
    _promote("rocking", page=site["sleep"], sort_order=0)
    site["sleep"].unpublish()
    assert _titles(client, "rocking") == ["Crying and comforting"]


def test_promotion_shows_even_when_the_search_finds_nothing(client, site):
    _promote("samaritans", page=site["yourself"], sort_order=0)
    assert _titles(client, "Samaritans") == ["Looking after yourself"]


def test_visitors_searches_are_not_recorded(client, site):
    for query in ("I can't cope", "zzzzqqq", "rocking"):
        client.get("/search/", {"q": query})
    assert not Query.objects.exists()
    assert not QueryDailyHits.objects.exists()


def test_synonyms_find_pages_that_use_the_other_words(client, site):
    assert _titles(client, "PND") == []
    SearchSynonym.objects.create(name="Postnatal depression", terms="PND\npostnatal depression")
    assert _titles(client, "pnd") == ["Looking after yourself"]
    # And the other way round, with a plural.
    make_content(site["crying"].get_parent(), "pnd-leaflet", title="PND leaflet", summary="PND.")
    assert set(_titles(client, "postnatal depressions")) >= {"Looking after yourself"}


def test_synonym_phrases_match_whole_words_and_typos():
    groups = [["PND", "postnatal depression", "baby blues"], ["colic", "crying"]]
    assert synonyms_for("pnd", groups) == ["postnatal depression", "baby blues"]
    # A misspelt term brings in its correct spelling too.
    assert synonyms_for("postnatal depresion help", groups) == [
        "PND",
        "postnatal depression",
        "baby blues",
    ]
    assert synonyms_for("blues music", groups) == []
    assert synonyms_for("crying baby", groups) == ["colic"]


def test_a_synonym_group_needs_two_terms():
    group = SearchSynonym(name="Lonely", terms="lonely\n\n  ,  ")
    with pytest.raises(ValidationError):
        group.full_clean()
    group.terms = "lonely, isolated\nLonely"
    group.full_clean()
    assert group.term_list() == ["lonely", "isolated"]


def test_a_crisis_term_needs_letters_or_numbers():
    with pytest.raises(ValidationError):
        CrisisSearchTerm(phrase=" ?! ").full_clean()


def test_each_result_says_what_it_is(client, site):
    ResourceLinkFactory(title="Rocking link", summary="Rocking.", url="https://example.org/r/")
    PosterFactory(title="Rocking poster", summary="A poster about rocking.")
    soup = BeautifulSoup(client.get("/search/", {"q": "rocking"}).content, "html.parser")
    kinds = {
        item.select_one("a").get_text(): item.select_one(".app-search-results__kind").get_text()
        for item in soup.select(".app-search-results__item")
    }
    assert kinds == {
        "Crying and comforting": KIND_PAGE,
        "Sleep": KIND_PAGE,
        "Rocking link": KIND_LINK,
        "Rocking poster": KIND_POSTER,
    }
    assert (KIND_PAGE, KIND_LINK, KIND_POSTER) == (
        "Page",
        "Useful link (external)",
        "Poster (PDF)",
    )


# --- Query budget ----------------------------------------------------------------------------

SEARCH_QUERY_BUDGET = 25


def _queries(client, query: str) -> int:
    client.get("/search/", {"q": query})  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return len(captured)


def _add_search_words(count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        SearchSynonym.objects.create(name=f"group {number}", terms=f"word{number}\nother{number}")
        CrisisSearchTerm.objects.create(phrase=f"crisis word {number}")
        _promote(f"rocking{number}", external_link_url="https://example.org/", sort_order=0)


@pytest.mark.parametrize("query", ["rocking", "zzzzqqq", "crisis word 1 rocking"])
def test_search_runs_a_fixed_number_of_queries_within_the_budget(client, site, query):
    """However many synonyms, crisis terms, promotions and results there are."""
    _add_search_words(2)
    _promote("rocking", page=site["sleep"], sort_order=0)
    few = _queries(client, query)
    _add_search_words(20, start=2)
    for number in range(8):
        make_content(site["crying"].get_parent(), f"rock-{number}", title=f"Rocking {number}")
    many = _queries(client, query)
    assert many == few
    assert many <= SEARCH_QUERY_BUDGET


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query_string",
    [
        "q=" + "suicide+" * 5_000,
        "q=" + "%F0%9F%98%A2" * 500,
        "q=%E2%80%AEdepression",
        "q=depression%00%01%02",
        "q=crisis&q=" + "x" * 3000,
        "q=can%27t+cope%3B+DROP+TABLE+pages_searchsynonym%3B--",
        "q=%25%25%25%5C%5C",
        "q=%2A%3A%5E%7E%22",
        "q=pnd&page=1",
    ],
)
def test_bad_input_gives_a_page_not_an_error(site, query_string):
    CrisisSearchTerm.objects.create(phrase="suicide")
    SearchSynonym.objects.create(name="PND", terms="pnd\npostnatal depression")
    _promote("pnd", page=site["yourself"], sort_order=0)
    client = Client(raise_request_exception=False)
    response = client.generic("GET", "/search/", QUERY_STRING=query_string)
    assert response.status_code == 200
    assert SearchSynonym.objects.count() == 1


def test_a_synonym_brings_its_promotions_after_the_terms_own(client, site):
    SearchSynonym.objects.create(name="PND", terms="PND\npostnatal depression")
    _promote("postnatal depression", page=site["yourself"], sort_order=0)
    _promote("postnatal depression", page=site["sleep"], sort_order=1)
    _promote("pnd", page=site["sleep"], sort_order=0)  # also a synonym's pick: shown once
    assert _titles(client, "PND")[:2] == ["Sleep", "Looking after yourself"]
    assert _titles(client, "PND").count("Sleep") == 1
