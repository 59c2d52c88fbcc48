"""The contact-details block shows Service settings as they are when the page is rendered."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.struct_block import StructBlockValidationError

from pages.blocks import ContactDetailsBlock
from pages.contact_details import ContactDetails
from pages.models import ServiceSettings
from tests.pages.conftest import make_content, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_settings(home) -> ServiceSettings:
    settings = ServiceSettings.for_default_site()
    assert settings is not None
    settings.inbox_email = "team@example.org"
    settings.service_phone = "01724 296 000"
    settings.out_of_hours_notice = "Not read at weekends."
    settings.save()
    return settings


def contact_block(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".app-contact-details")


def test_the_block_shows_the_chosen_details_from_service_settings(client, home, service_settings):
    body = [
        (
            "contact_details",
            {"intro": "To book training, contact us:", "details": ["email", "phone"]},
        )
    ]
    page = make_content(make_section(home), "training", body=body)
    block = contact_block(client, page.url)
    assert block.select_one("p").get_text() == "To book training, contact us:"
    links = {a["href"]: a.get_text() for a in block.select("a")}
    assert links == {
        "mailto:team@example.org": "team@example.org",
        "tel:01724296000": "01724 296 000",
    }
    assert "Not read at weekends." not in block.get_text()  # not chosen

    service_settings.inbox_email = "new-inbox@example.org"
    service_settings.service_phone = ""
    service_settings.save()
    block = contact_block(client, page.url)
    assert [a["href"] for a in block.select("a")] == ["mailto:new-inbox@example.org"]
    assert "team@example.org" not in client.get(page.url).content.decode()


def test_names_and_out_of_hours_notice(client, home, service_settings):
    body = [("contact_details", {"details": ["name", "out_of_hours"]})]
    page = make_content(make_section(home), "contact-us", body=body)
    text = " ".join(contact_block(client, page.url).get_text().split())
    assert "Infant mental health, North Lincolnshire Council" in text
    assert "Not read at weekends." in text
    assert "team@example.org" not in text


def test_nothing_to_show_renders_nothing(client, home, service_settings):
    service_settings.service_phone = ""
    service_settings.save()
    body = [("contact_details", {"intro": "Call us:", "details": ["phone"]})]
    page = make_content(make_section(home), "call", body=body)
    assert contact_block(client, page.url) is None


def test_the_block_needs_at_least_one_detail():
    block = ContactDetailsBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"intro": "", "details": []}))
    assert block.clean(block.to_python({"intro": "", "details": ["email"]}))["details"] == ["email"]


@pytest.mark.parametrize(
    ("phone", "href"),
    [("01724 296000", "tel:01724296000"), ("+44 (0)1724 296000", "tel:+441724296000"), ("", "")],
)
def test_phone_links_keep_digits_only(phone, href):
    assert ContactDetails(phone=phone).phone_href == href
