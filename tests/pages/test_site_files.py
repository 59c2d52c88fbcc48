"""robots.txt and sitemap.xml."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.pages.conftest import make_content, make_section

pytestmark = pytest.mark.django_db


def test_robots_allows_all_but_the_admin_and_names_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not any(line.strip() == "Disallow: /" for line in lines)


@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
def test_sitemap_lists_live_pages_with_absolute_urls(client, home):
    section = make_section(home)
    make_content(section, "crying")
    draft = make_content(section, "draft-page")
    draft.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [
        loc.get_text() for loc in BeautifulSoup(response.content, "html.parser").find_all("loc")
    ]
    assert "http://localhost/parents/crying/" in locations or any(
        loc.endswith("/parents/crying/") and loc.startswith("http") for loc in locations
    )
    assert not any("draft-page" in loc for loc in locations)
