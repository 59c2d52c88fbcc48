"""Editors: previews of every page type, the 'Pages due for review' report, admin search."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data

from tests.factories import page_factory_for
from tests.pages.conftest import PROJECT_PAGE_MODELS, make_content, make_section, page_of_type

pytestmark = pytest.mark.django_db


def _preview(client, page, data: dict) -> BeautifulSoup:
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    posted = client.post(url, data)
    assert posted.status_code == 200 and posted.json()["is_valid"], posted.content
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda model: model.__name__)
def test_page_type_previews_the_edited_title(admin_client_logged_in, home, model):
    page = page_of_type(model, home)
    data = nested_form_data(
        {
            "title": page.title + " (preview)",
            "slug": page.slug,
            "summary": "Previewed summary.",
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
            **page_factory_for(model).admin_form_fields(),
        }
    )
    soup = _preview(admin_client_logged_in, page, data)
    assert soup.find("h1").get_text(strip=True) == page.title + " (preview)"
    assert soup.title.get_text().startswith(page.title + " (preview)")


def test_pages_due_for_review_report(admin_client_logged_in, home):
    today = timezone.localdate()
    section = make_section(home)
    make_content(section, "overdue", next_review_due=today - datetime.timedelta(days=3))
    make_content(section, "due-soon", next_review_due=today + datetime.timedelta(days=20))
    make_content(section, "not-yet", next_review_due=today + datetime.timedelta(days=200))
    response = admin_client_logged_in.get(reverse("pages_due_for_review"))
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert "Overdue" in text and "Due soon" in text and "Not yet" not in text
    assert "(overdue)" in text
    assert text.index("Overdue") < text.index("Due soon")
    menu = admin_client_logged_in.get(reverse("wagtailadmin_reports:aging_pages"))
    assert reverse("pages_due_for_review").encode() in menu.content


def test_report_needs_an_editor(client, django_user_model, home):
    response = client.get(reverse("pages_due_for_review"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_admin_search_finds_pages(admin_client_logged_in, home):
    section = make_section(home)
    make_content(section, "crying", title="Crying and comforting", summary="Why babies cry.")
    response = admin_client_logged_in.get(reverse("wagtailadmin_pages:search"), {"q": "comforting"})
    assert response.status_code == 200
    assert b"Crying and comforting" in response.content
