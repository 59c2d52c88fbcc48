"""Every public page type renders in a fixed, small number of queries once the content memo is
warm (as gunicorn's workers serve it), however many pages the site has; with the memo off the
site chrome and the service settings are still fetched once per request, not once per use."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import QuickContentPageFactory
from tests.pages.conftest import PROJECT_PAGE_MODELS, make_section, page_of_type
from tests.performance.conftest import content_committed

pytestmark = pytest.mark.django_db

# Queries of a warm render (the memo holds the site, route, view restrictions, chrome and page
# parts, and the listings' pages). Home, topic and poster pages ask the database nothing; the
# others only for their own listings: the section's pages, the links' topics, the search itself
# (the index: 3 on SQLite, 5 through PostgreSQL's backend; synonyms, crisis terms and promotions
# are kept), the contact topics, the coming group sessions. Issue 12 measured 13 to 17 before.
# A new page type must be added here.
WARM_QUERIES = {
    "HomePage": 0,
    "ContentPage": 0,
    "SectionLandingPage": 0,  # the count and the page of the listing are kept (MemoisedRows)
    "PosterLibraryPage": 0,
    "ResourceIndexPage": 0,  # the topics and their counts are kept too
    "SearchPage": 5,
    "ContactPage": 1,
    "GroupSessionsPage": 3,
}


def _url(model, home) -> str:
    url = page_of_type(model, home).url
    return url + "?q=topic" if model.__name__ == "SearchPage" else url


def _add_pages(home, section, start: int, stop: int) -> None:
    """Topic pages in the section and pages in the main menu, numbered start…stop-1."""
    for number in range(start, stop):
        QuickContentPageFactory(parent=section, slug=f"topic-{number}", show_in_menus=True)
        QuickContentPageFactory(parent=home, slug=f"top-{number}", show_in_menus=True)


def _warm_queries(client, url: str) -> list[str]:
    client.get(url)  # fills the memo
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda model: model.__name__)
def test_warm_render_runs_the_page_types_few_queries(
    client, home, memo_on, model, django_assert_max_num_queries
):
    assert model.__name__ in WARM_QUERIES, f"add {model.__name__} to WARM_QUERIES"
    _add_pages(home, make_section(home), 0, 3)
    url = _url(model, home)
    client.get(url)
    with django_assert_max_num_queries(WARM_QUERIES[model.__name__]):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda model: model.__name__)
def test_warm_render_queries_do_not_grow_with_the_site(client, home, memo_on, model):
    section = make_section(home)
    _add_pages(home, section, 0, 2)
    url = _url(model, home)
    few = len(_warm_queries(client, url))
    _add_pages(home, section, 2, 12)
    content_committed()
    assert len(_warm_queries(client, url)) == few


@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda model: model.__name__)
def test_without_the_memo_chrome_and_settings_are_fetched_once_per_request(client, home, model):
    _add_pages(home, make_section(home), 0, 3)
    queries = _warm_queries(client, _url(model, home))
    settings_reads = [sql for sql in queries if 'FROM "pages_servicesettings"' in sql]
    notice_reads = [sql for sql in queries if 'FROM "pages_sitenotice"' in sql]
    menu_reads = [sql for sql in queries if 'AND "wagtailcore_page"."show_in_menus"' in sql]
    assert len(settings_reads) <= 1
    assert len(notice_reads) == 1
    assert len(menu_reads) <= 2  # the header's menu, and the search page's own suggestions
