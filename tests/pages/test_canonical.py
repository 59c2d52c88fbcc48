"""Every public page names its canonical address, built from the deployment's public address
(WAGTAILADMIN_BASE_URL, applied to the Wagtail Site at migrate), and sitemap.xml agrees."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from pages.models import PosterLibraryPage, ResourceIndexPage, SearchPage
from pages.site_address import apply_site_address
from tests.pages.conftest import PROJECT_PAGE_MODELS, page_of_type

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning"),
]

PUBLIC_ADDRESS = "https://infant-mh.example.org"


@pytest.fixture(autouse=True)
def public_address(settings, home) -> Iterator[None]:
    """The Site as migrate leaves it for a deployment at PUBLIC_ADDRESS; Wagtail's cache of
    site URLs emptied before and after so no other test sees these addresses."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    Site.clear_site_root_paths_cache()
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_ADDRESS
    assert apply_site_address() is True
    yield
    Site.clear_site_root_paths_cache()


def canonical_of(client, url: str) -> str | None:
    response = client.get(url)
    assert response.status_code == 200, url
    links = BeautifulSoup(response.content, "html.parser").select('head link[rel="canonical"]')
    assert len(links) <= 1
    return links[0]["href"] if links else None


def sitemap_locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    soup = BeautifulSoup(response.content, "html.parser")
    return {loc.get_text() for loc in soup.find_all("loc")}


@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_names_its_address_on_the_public_site(client, home, model):
    page = page_of_type(model, home)
    canonical = canonical_of(client, page.url)
    assert canonical == f"{PUBLIC_ADDRESS}{page.url}"
    # Served to the test client as "testserver", the canonical still names the public host.
    assert "testserver" not in canonical
    if model is SearchPage:  # noindex, so left out of the sitemap on purpose
        assert canonical not in sitemap_locations(client)
    else:
        assert canonical in sitemap_locations(client)


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (PosterLibraryPage, "?audience=parents"),
        (ResourceIndexPage, "?audience=professionals&topic=crying"),
        (SearchPage, "?q=baby+crying"),
        (SearchPage, "?q=%3Cscript%3E"),
    ],
)
def test_filtered_and_searched_views_name_the_page_without_its_query(client, home, model, query):
    page = page_of_type(model, home)
    assert canonical_of(client, page.url + query) == f"{PUBLIC_ADDRESS}{page.url}"


def test_the_scheme_and_port_follow_the_deployment_address(client, settings, home):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    assert apply_site_address() is True
    assert canonical_of(client, home.url) == "http://127.0.0.1:8123/"
    assert "http://127.0.0.1:8123/" in sitemap_locations(client)


def test_pages_that_are_not_site_pages_have_no_canonical(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b'rel="canonical"' not in response.content
