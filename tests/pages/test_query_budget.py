"""Rendering a public page of any type runs a fixed, small number of queries, however many
child pages there are (2 or 10)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import QuickContentPageFactory
from tests.pages.conftest import PROJECT_PAGE_MODELS, make_section, page_of_type

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


def _add_children(home, section, start: int, stop: int) -> None:
    """Topic pages in the section and pages in the main menu, numbered start…stop-1."""
    for number in range(start, stop):
        QuickContentPageFactory(parent=section, slug=f"topic-{number}", show_in_menus=True)
        QuickContentPageFactory(parent=home, slug=f"top-{number}", show_in_menus=True)


@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda model: model.__name__)
def test_page_type_renders_in_fixed_queries_within_the_budget(client, home, model):
    section = make_section(home)
    _add_children(home, section, 0, 2)
    page = page_of_type(model, home)
    # Plain, and with a query string (a search on the search page; ignored elsewhere).
    urls = [page.url, page.url + "?q=topic"]
    few = [_queries(client, url) for url in urls]
    _add_children(home, section, 2, 10)
    many = [_queries(client, url) for url in urls]
    assert many == few
    assert max(many) <= PAGE_QUERY_BUDGET
