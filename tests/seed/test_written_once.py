"""Details the site keeps in one place are not retyped in page text: the team's inbox and phone
(Service settings, shown by the contact-details block) and the addresses of useful links (shown
by useful-links list blocks)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Page

from pages.models import ServiceSettings
from resources.models import ResourceLink
from seed.content_files import CONTENT_DIR
from seed.errors import SeedContentError
from seed.markdown import rich_text_html
from tests.seed.conftest import content_file

SERVICE_SETTINGS = content_file("service-settings.yaml")
USEFUL_LINKS = content_file("useful-links.yaml")["items"]
PAGE_FILES = [*sorted((CONTENT_DIR / "pages").rglob("*.yaml")), CONTENT_DIR / "home.yaml"]
MARKDOWN_LINK = re.compile(r"\]\(\s*(https?://[^)\s]+)\s*\)")

# A useful link's address may stay in page text only for a reason written here.
INLINE_LINKS_JUSTIFIED = {
    ("pages/parents/crying-and-comforting.yaml", "https://iconcope.org"): (
        "inside the 'If the crying is getting too much' care card: a parent at the end of their "
        "tether needs the link in the card itself, not in a list further down"
    ),
}


def _normalised(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _relative(path) -> str:
    return path.relative_to(CONTENT_DIR).as_posix()


def test_no_page_file_types_the_inbox_address_or_phone_number():
    typed = [SERVICE_SETTINGS["inbox_email"]]
    if SERVICE_SETTINGS.get("service_phone"):
        typed.append(SERVICE_SETTINGS["service_phone"])
    offenders = [
        f"{_relative(path)}: {detail}"
        for path in PAGE_FILES
        for detail in typed
        if detail.lower() in path.read_text(encoding="utf-8").lower()
    ]
    assert not offenders, "use a contact_details block instead: " + ", ".join(offenders)


def test_no_page_file_retypes_a_useful_links_address():
    useful = {_normalised(item["url"]): item["seed_key"] for item in USEFUL_LINKS if item["url"]}
    retyped, used_justifications = [], set()
    for path in PAGE_FILES:
        for address in MARKDOWN_LINK.findall(path.read_text(encoding="utf-8")):
            key = (_relative(path), _normalised(address))
            if key[1] not in useful:
                continue
            if key in INLINE_LINKS_JUSTIFIED:
                used_justifications.add(key)
            else:
                retyped.append(f"{key[0]}: {address} (resource_list: {useful[key[1]]})")
    assert not retyped, "list these with a resource_list block instead: " + "; ".join(retyped)
    assert used_justifications == set(INLINE_LINKS_JUSTIFIED), "a justification is out of date"


def _live_page_urls() -> list[str]:
    return [page.url for page in Page.objects.live().filter(depth__gte=2).specific()]


@pytest.mark.django_db
def test_changing_service_settings_changes_every_page(seeded):
    client = Client()
    old_inbox = SERVICE_SETTINGS["inbox_email"]
    blocks_before = {}
    for url in _live_page_urls():
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        blocks_before[url] = len(soup.select(".app-contact-details"))
    assert sum(blocks_before.values()) >= 6  # the seeded contact-details blocks

    settings = ServiceSettings.for_default_site()
    settings.inbox_email = "new-inbox@example.org"
    settings.service_phone = "01724 000 000"
    settings.save()

    for url in _live_page_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert old_inbox not in html, url
        soup = BeautifulSoup(html, "html.parser")
        blocks = soup.select(".app-contact-details")
        assert len(blocks) == blocks_before[url], url
        for block in blocks:
            assert "new-inbox@example.org" in block.get_text(), url


@pytest.mark.django_db
def test_a_useful_links_new_address_reaches_every_page_that_lists_it(seeded):
    client = Client()
    link = ResourceLink.objects.get(seed_key="every-mum-matters")
    old_address = link.url
    link.url = "https://every-mum-matters.example.org/"
    link.save()
    pages_listing_it = 0
    for url in _live_page_urls():
        html = client.get(url).content.decode()
        assert old_address not in html, url
        pages_listing_it += "https://every-mum-matters.example.org/" in html
    assert pages_listing_it >= 3  # two topic pages, the useful links page, filtered lists


def test_markdown_contact_links_become_references():
    html = rich_text_html("Email [the team](contact:email) or call [us](contact:phone).")
    assert html == (
        '<p>Email <embed embedtype="contact_detail" detail="email"/> or call '
        '<embed embedtype="contact_detail" detail="phone"/>.</p>'
    )
    with pytest.raises(SeedContentError, match=r"contact:fax is not a contact detail"):
        rich_text_html("Send a [fax](contact:fax).")


@pytest.mark.django_db
def test_page_introductions_show_the_inbox_from_service_settings(seeded):
    settings = ServiceSettings.for_default_site()
    settings.inbox_email = "new-inbox@example.org"
    settings.save()
    client = Client()
    for slug in ("parents", "posters"):
        page = Page.objects.get(slug=slug, depth=3)
        intro = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(
            "main .app-prose"
        )
        assert intro.select_one('a[href="mailto:new-inbox@example.org"]'), slug
