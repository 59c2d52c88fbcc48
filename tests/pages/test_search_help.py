"""A search that finds nothing never dead-ends: urgent help, the parents' and professionals'
sections, the most useful pages and the contact form, never a bare "no results"."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from wagtail.models import Page

from pages.models import CrisisSearchTerm, HomePage, SearchPage
from tests.factories import ContactPageFactory
from tests.pages.conftest import make_content, make_section, publish_child

pytestmark = pytest.mark.django_db

NONSENSE_QUERIES = [
    "zzzzqqq",
    "asdfghjkl",
    "xylophone quartz",
    "12345678",
    "q",
    "🦄🦄🦄",
    "!!!",
    "¿¡",
    "'\"",
    "a" * 100,
]


@pytest.fixture(scope="module")
def _site_pages_module(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back at the end; each test's own
    changes are rolled back too."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_site(HomePage.objects.get())
        transaction.set_rollback(True)


@pytest.fixture
def site_pages(_site_pages_module, db) -> dict[str, Page]:
    return {name: type(page).objects.get(pk=page.pk) for name, page in _site_pages_module.items()}


def _build_site(home: HomePage) -> dict[str, Page]:
    parents = make_section(home, "parents", "parents")
    professionals = make_section(home, "professionals", "professionals")
    parents.summary = "For mums, dads and carers."
    parents.save_revision().publish()
    make_content(parents, "crying", title="Crying and comforting")
    menu_page = make_content(home, "posters", title="Babies First posters", show_in_menus=True)
    contact = ContactPageFactory(parent=home)
    search = publish_child(home, SearchPage)
    return {
        "parents": parents,
        "professionals": professionals,
        "menu_page": menu_page,
        "contact": contact,
        "search": search,
    }


def _main(client, query: str) -> BeautifulSoup:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").main


@pytest.mark.parametrize("query", NONSENSE_QUERIES)
def test_nonsense_gets_every_kind_of_help(client, site_pages, query):
    main = _main(client, query)
    assert main.select(".app-search-results__item") == []
    help_box = main.select_one(".app-search-help")
    assert help_box is not None, f"bare page for {query!r}"
    text = help_box.get_text(" ", strip=True)
    assert "There are no results for" in text
    # Urgent help: the 999 card while editors have added no urgent-help lines of their own.
    assert help_box.select_one(".app-urgent-help a[href='tel:999']") is not None
    # The two audience sections, parents first.
    sections = [a["href"] for a in help_box.select(".app-route-card a")]
    assert sections == [site_pages["parents"].url, site_pages["professionals"].url]
    # Useful pages: the main menu by default (not the sections, search or contact page again).
    suggestions = [a["href"] for a in help_box.select(".app-search-suggestions a")]
    assert suggestions == [site_pages["menu_page"].url]
    # And the contact form.
    assert help_box.select_one("a.app-search-contact")["href"] == site_pages["contact"].url


def test_a_query_of_only_punctuation_still_offers_help(client, site_pages):
    main = _main(client, "?!.,;")
    assert main.select_one(".app-search-help .app-urgent-help") is not None


def test_editors_choose_the_useful_pages(client, site_pages):
    search = site_pages["search"]
    crying = site_pages["parents"].get_children().get().specific
    draft = make_content(site_pages["parents"], "draft", title="Unpublished")
    draft.unpublish()
    search.suggested_pages = [
        {"type": "page", "value": crying.pk},
        {"type": "page", "value": draft.pk},
        {"type": "page", "value": site_pages["contact"].pk},
    ]
    search.save_revision().publish()
    main = _main(client, "zzzzqqq")
    assert [a.get_text() for a in main.select(".app-search-suggestions a")] == [
        "Crying and comforting",
        "Contact us",
    ]


def test_without_a_contact_page_it_points_to_the_health_visitor(client, site_pages):
    site_pages["contact"].unpublish()
    main = _main(client, "zzzzqqq")
    assert "health visitor" in main.select_one(".app-search-help").get_text()
    assert main.select_one("a.app-search-contact") is None


def test_results_page_has_no_help_box(client, site_pages):
    main = _main(client, "crying")
    assert main.select(".app-search-results__item")
    assert main.select_one(".app-search-help") is None
    assert main.select_one(".app-urgent-help") is None


def test_crisis_query_without_urgent_help_lines_shows_the_999_card_first(client, site_pages):
    CrisisSearchTerm.objects.create(phrase="suicide")
    main = _main(client, "Suicides")
    cards = main.select(".app-urgent-help")
    assert len(cards) == 1
    assert cards[0].select_one("a[href='tel:999']") is not None
    assert cards[0].find_next("form", role="search") is not None  # the card comes first
