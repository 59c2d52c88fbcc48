"""Base template landmarks, the custom 404, and a 500 page that needs no database."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import Client


@pytest.mark.django_db
def test_home_page_has_the_expected_landmarks(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "en-GB"
    first_link = soup.body.find("a")
    assert first_link["href"] == "#main-content"
    assert "Skip to main content" in first_link.get_text()
    assert soup.find("header")
    assert soup.find("main", id="main-content")
    assert soup.find("footer")
    search = soup.find("form", attrs={"role": "search"})
    assert search and search.find("input", attrs={"name": "q"})
    assert "North Lincolnshire Council" in soup.find("header").get_text()
    assert soup.find("h1")


@pytest.mark.django_db
def test_no_asset_comes_from_another_host(client: Client) -> None:
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    sources = [tag.get("src") for tag in soup.find_all(["script", "img"]) if tag.get("src")]
    sources += [
        tag["href"]
        for tag in soup.find_all("link")
        if tag.get("href") and "canonical" not in tag.get("rel", [])  # an address, not an asset
    ]
    assert sources, "expected the page to load its own CSS and JS"
    assert all(source.startswith("/") and not source.startswith("//") for source in sources)
    assert not soup.find("script", src=False), "inline scripts break the CSP"
    assert not soup.select("[style]"), "inline styles break the CSP"


@pytest.mark.django_db
def test_unknown_paths_get_the_custom_404(client: Client) -> None:
    response = client.get("/there-is-no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Page not found"
    assert soup.find("main", id="main-content")


def test_500_page_renders_without_the_database() -> None:
    # No django_db mark: any query here raises, so this proves the page needs no database.
    html = render_to_string("500.html")
    soup = BeautifulSoup(html, "html.parser")
    assert "Sorry, there is a problem with the service" in soup.get_text()
    assert soup.find("a", href="tel:999")
