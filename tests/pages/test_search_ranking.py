"""Search results ranked in SQLite's full-text index (`pages.search_ranking`) are the search
backend's results: the same items, counted the same, in the same order, page by page."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Site

from pages import site_search
from pages.models import SearchSynonym
from pages.site_search import RankedSource, ResultSource, search_site
from tests.factories import PosterFactory, ResourceLinkFactory
from tests.pages.conftest import make_content, make_section

pytestmark = pytest.mark.django_db

QUERIES = ["crying", "colic", "crying colic", "settling", "night", "sleep", "nothing-matches-this"]


@pytest.fixture
def content(home):
    section = make_section(home)
    for number in range(14):
        words = " ".join(["crying"] * (1 + number % 4))
        make_content(
            section,
            f"topic-{number}",
            title=f"Topic {number} {'colic' if number % 3 == 0 else 'night'}",
            summary=f"About {words} and settling at night.",
        )
    for number in range(12):
        ResourceLinkFactory(
            title=f"Link {number} {'crying' if number % 2 else 'sleep'}",
            summary=f"Colic {'crying ' * (number % 3)}help.",
        )
    for number in range(3):
        PosterFactory(title=f"Poster {number} crying", summary="Settling a crying baby.")
    SearchSynonym.objects.create(name="Crying", terms="crying\ncolic")
    SearchPromotion.objects.create(
        query=Query.get("crying"), page=section.get_children().live().first(), sort_order=0
    )


def _every_page(query: str) -> tuple[int, list[tuple[str, str, str]]]:
    outcome = search_site(query, Site.objects.get(is_default_site=True))
    paginator = Paginator(outcome.results, 10)
    shown = [
        (result.kind, result.title, result.url)
        for number in paginator.page_range
        for result in paginator.page(number).object_list
    ]
    return paginator.count, shown


def test_ranked_in_the_index_as_the_backend_ranks(content, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("ranking in the index is SQLite's; other databases use the backend's")
    ranked = {query: _every_page(query) for query in QUERIES}
    sources = search_site("crying", Site.objects.get(is_default_site=True)).results.source().sources
    assert all(isinstance(source, RankedSource) for source in sources)

    monkeypatch.setattr(site_search, "ranking_plan", lambda _searches: None)
    sources = search_site("crying", Site.objects.get(is_default_site=True)).results.source().sources
    assert all(isinstance(source, ResultSource) for source in sources)
    through_backend = {query: _every_page(query) for query in QUERIES}

    assert ranked == through_backend
    count, shown = ranked["crying"]
    assert count == len(shown) > 20  # several pages of every kind
    assert {kind for kind, _title, _url in shown} == {
        site_search.KIND_PAGE,
        site_search.KIND_LINK,
        site_search.KIND_POSTER,
    }
