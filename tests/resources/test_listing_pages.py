"""The poster library and useful links pages: one template, each listing what its filter finds."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from pages.models import HomePage, PosterLibraryPage, ResourceIndexPage
from resources.choices import Audience
from tests.factories import PosterFactory, ResourceLinkFactory

pytestmark = pytest.mark.django_db


def publish(page):
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def visit(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    assert response.templates[0].name == "pages/filtered_listing_page.html"
    return BeautifulSoup(response.content, "html.parser")


def test_poster_library_lists_posters_for_the_chosen_audience(client):
    PosterFactory(title="For parents", audience=Audience.PARENTS)
    PosterFactory(title="For professionals", audience=Audience.PROFESSIONALS)
    page = publish(PosterLibraryPage(title="Posters", slug="posters", intro="<p>Share them.</p>"))
    soup = visit(client, page.url + "?audience=professionals")
    assert soup.select_one(".app-prose").get_text() == "Share them."
    assert soup.select_one("[aria-current=true]").get_text() == "Professionals"
    assert soup.select_one("[role=status]").get_text() == "Showing 1 poster for professionals"
    titles = [h.get_text() for h in soup.select("h2.app-poster-card__title")]
    assert titles == ["For professionals"]


def test_useful_links_lists_links_for_the_chosen_audience(client):
    ResourceLinkFactory(title="For parents", audience=Audience.PARENTS)
    ResourceLinkFactory(title="For professionals", audience=Audience.PROFESSIONALS)
    page = publish(ResourceIndexPage(title="Useful links", slug="useful-links"))
    soup = visit(client, page.url + "?audience=parents")
    assert soup.select_one(".app-prose") is None
    assert soup.select_one("[role=status]").get_text() == "Showing 1 link for parents and carers"
    titles = [h.get_text() for h in soup.select("h2.app-resource-list__title")]
    assert titles == ["For parents"]
