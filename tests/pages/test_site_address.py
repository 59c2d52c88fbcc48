"""The default Site takes its host name and port from WAGTAILADMIN_BASE_URL at migrate time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from pages.site_address import SiteAddress, apply_site_address, site_address
from tests.pages.conftest import make_content, make_section

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning"),
]


@pytest.fixture(autouse=True)
def site_as_first_migrated(home) -> Iterator[None]:
    """The Site as migration pages/0002 creates it, and Wagtail's cache of site URLs emptied
    before and after (a rolled-back change would otherwise leave other tests its URLs)."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [loc.get_text() for loc in soup.find_all("loc")]


def default_site() -> tuple[str, int]:
    site = Site.objects.get(is_default_site=True)
    return site.hostname, site.port


@pytest.mark.parametrize(
    ("base_url", "hostname", "port", "sitemap_root"),
    [
        (
            "https://infant-mh.example.org",
            "infant-mh.example.org",
            443,
            "https://infant-mh.example.org/",
        ),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, "http://127.0.0.1:8000/"),
    ],
)
def test_migrate_gives_the_site_the_public_address(
    client, settings, home, base_url, hostname, port, sitemap_root
):
    make_content(make_section(home), "crying")
    settings.WAGTAILADMIN_BASE_URL = base_url
    call_command("migrate", verbosity=0)  # nothing to apply; post_migrate still runs
    assert default_site() == (hostname, port)
    locations = sitemap_locations(client)
    assert sitemap_root + "parents/crying/" in locations
    assert all(location.startswith(sitemap_root) for location in locations)
    # The test client asks for "testserver": Wagtail still finds the (default) site.
    assert client.get("/parents/crying/").status_code == 200


def test_applying_twice_changes_nothing_the_second_time(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://infant-mh.example.org/"
    assert apply_site_address() is True
    assert apply_site_address() is False
    assert default_site() == ("infant-mh.example.org", 443)


@pytest.mark.parametrize("base_url", ["", "   ", "infant-mh.example.org", "ftp://example.org"])
def test_no_usable_address_leaves_the_site_alone(settings, base_url):
    settings.WAGTAILADMIN_BASE_URL = base_url
    assert apply_site_address() is False
    assert default_site() == ("localhost", 80)


@pytest.mark.parametrize(
    ("base_url", "address"),
    [
        ("https://Infant-MH.example.org", SiteAddress("infant-mh.example.org", 443)),
        ("http://example.org/", SiteAddress("example.org", 80)),
        ("https://example.org:8443/admin/", SiteAddress("example.org", 8443)),
        ("http://example.org:99999", None),
        ("https://", None),
    ],
)
def test_site_address_parsing(base_url, address):
    assert site_address(base_url) == address
