"""In the page editor, the team's email address inside rich text is a token an editor inserts
from the toolbar, and saving keeps it a reference to Service settings (pages/rich_text_contact.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

_PAGE = (
    "from wagtail.models import Page; "
    "page = Page.objects.get(url_path={path!r}).specific; "
    "print(page.id); print(page.get_latest_revision_as_object().intro)"
)


def _parents_page(live_site) -> tuple[str, str]:
    page_id, intro = live_site.manage(
        "shell", "-c", _PAGE.format(path="/home/parents/")
    ).stdout.splitlines()[-2:]
    return page_id, intro


def test_an_editor_sees_and_inserts_contact_detail_tokens(editor_page: Page, live_site):
    page = editor_page
    page_id, intro = _parents_page(live_site)
    assert intro.count('embedtype="contact_detail"') == 1
    page.goto(f"{live_site.base_url}/admin/pages/{page_id}/edit/")

    editor = page.locator("[data-contentpath=intro] .DraftEditor-root")
    token = editor.get_by_text("team email address")
    expect(token).to_be_visible()

    # Put the cursor at the end of the intro, then insert the phone number from the toolbar.
    editor.locator("[data-contents]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Or phone X.")
    # Select the placeholder "X" (the toolbar floats over a selection) and insert over it.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Shift+ArrowLeft")
    page.locator("[data-contentpath=intro] button[name=TEAM_PHONE]").click()
    expect(editor.get_by_text("team phone number")).to_be_visible()

    # Draftail writes the editor's state to the form field a moment after each change.
    stored_state = page.locator("[data-contentpath=intro] input[type=hidden]").first
    expect(stored_state).to_have_value(re.compile(r"Or phone team phone number\."))
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    _, saved = _parents_page(live_site)
    assert saved.count('detail="email"') == 1
    assert saved.count('detail="phone"') == 1
    assert "team email address" not in saved and "team phone number" not in saved
