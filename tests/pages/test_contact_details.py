"""The contact-details block shows Service settings as they are when the page is rendered."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.blocks.struct_block import StructBlockValidationError

from pages.blocks import ContactDetailsBlock
from pages.contact_details import ContactDetails
from pages.models import ServiceSettings
from pages.rich_text import RICH_TEXT_FEATURES
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


# --- The same details inside rich text (pages/rich_text_contact.py) ------------------------------

EMAIL_REFERENCE = '<embed embedtype="contact_detail" detail="email"/>'
PHONE_REFERENCE = '<embed embedtype="contact_detail" detail="phone"/>'


def test_rich_text_references_show_the_current_details(client, home, service_settings):
    text = f"<p>Email {EMAIL_REFERENCE} or call {PHONE_REFERENCE}.</p>"
    page = make_content(make_section(home), "contact-us", body=[("rich_text", text)])
    content = client.get(page.url).content
    paragraph = BeautifulSoup(content, "html.parser").select_one(".app-prose p")
    assert " ".join(paragraph.get_text().split()) == (
        "Email team@example.org or call 01724 296 000."
    )
    assert [a["href"] for a in paragraph.select("a.govuk-link")] == [
        "mailto:team@example.org",
        "tel:01724296000",
    ]

    service_settings.inbox_email = "new-inbox@example.org"
    service_settings.save()
    html = client.get(page.url).content.decode()
    assert "mailto:new-inbox@example.org" in html
    assert "team@example.org" not in html


def test_the_editor_keeps_a_reference_through_a_round_trip():
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    stored = f"<p>Email {EMAIL_REFERENCE} or call {PHONE_REFERENCE}.</p>"
    editor_state = json.loads(converter.from_database_format(stored))
    block = editor_state["blocks"][0]
    assert block["text"] == "Email team email address or call team phone number."
    assert [entity["type"] for entity in editor_state["entityMap"].values()] == [
        "TEAM_EMAIL",
        "TEAM_PHONE",
    ]
    assert all(entity["mutability"] == "IMMUTABLE" for entity in editor_state["entityMap"].values())
    again = converter.to_database_format(json.dumps(editor_state))
    assert again.count(EMAIL_REFERENCE) == 1 and again.count(PHONE_REFERENCE) == 1
    assert "team email address" not in again  # the token's words are never stored


def test_the_page_editor_offers_the_buttons(admin_client_logged_in, home):
    page = make_content(make_section(home), "contact-us")
    response = admin_client_logged_in.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    assert "pages/js/contact_detail_entity" in html
    assert "TEAM_EMAIL" in html and "TEAM_PHONE" in html
