"""Rendering a public page runs a fixed, small number of queries, however many child pages
there are (5 or 50)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import (
    ContentPage,
    PosterLibraryPage,
    ResourceIndexPage,
    SearchPage,
    SectionLandingPage,
)
from tests.pages.conftest import make_content, make_section, publish_child

pytestmark = pytest.mark.django_db

# The most queries any public page type may run (site, settings, menu, breadcrumbs, the page's
# own listing). Generous enough for small template changes, far below one query per child.
PAGE_QUERY_BUDGET = 25


def _queries(client, url: str) -> int:
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _build_site(home, children: int) -> dict[str, str]:
    parents = make_section(home, "parents", "parents")
    for number in range(children):
        make_content(parents, f"topic-{number}", show_in_menus=True)
    for number in range(children):
        make_content(home, f"top-{number}", show_in_menus=True)
    body = [{"type": "heading", "value": {"text": f"Heading {n}", "level": "h2"}} for n in range(3)]
    topic = make_content(parents, "with-contents", body=body)
    listing_pages = [
        publish_child(home, model(title=model.__name__, slug=slug, summary="Summary."))
        for model, slug in (
            (PosterLibraryPage, "posters"),
            (ResourceIndexPage, "useful-links"),
            (SearchPage, "search"),
        )
    ]
    return {
        "home": home.url,
        "section": parents.url,
        "content": topic.url,
        **{page.slug: page.url for page in listing_pages},
        "search-query": "/search/?q=topic",
    }


def _counts(client, home, children: int) -> dict[str, int]:
    urls = _build_site(home, children)
    return {name: _queries(client, url) for name, url in urls.items()}


@pytest.mark.parametrize("children", [5, 50])
def test_each_page_type_stays_within_the_budget(client, home, children):
    counts = _counts(client, home, children)
    over = {name: count for name, count in counts.items() if count > PAGE_QUERY_BUDGET}
    assert over == {}


def test_query_count_does_not_grow_with_child_pages(client, home):
    few = _counts(client, home, 5)
    # Same site shape, ten times the child pages.
    parents = SectionLandingPage.objects.get(slug="parents")
    for number in range(5, 50):
        make_content(parents, f"topic-{number}", show_in_menus=True)
        make_content(home, f"top-{number}", show_in_menus=True)
    assert ContentPage.objects.child_of(parents).count() == 51
    many = {
        name: _queries(client, url)
        for name, url in {
            "home": home.url,
            "section": parents.url,
            "content": "/parents/with-contents/",
            "posters": "/posters/",
            "useful-links": "/useful-links/",
            "search": "/search/",
        }.items()
    }
    assert many == {name: few[name] for name in many}
