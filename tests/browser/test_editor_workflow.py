"""Moderation in a real browser: an editor edits a page and submits it (there is no publish
button for them); a moderator approves it and the public page shows the change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.admin_users import create_admin_user, sign_in
from tests.browser.conftest import WIDTHS
from tests.live_site import LiveSite, running_site

# --- The workflow ---------------------------------------------------------------------------------

_CREATE_PAGE = """
from pages.models import ContentPage, HomePage
home = HomePage.objects.get()
page = ContentPage(
    title="Settling your baby",
    slug="settling-your-baby-workflow",
    summary="How to settle a baby.",
    body=[{"type": "rich_text", "value": "<p>Rock, sing, hold close.</p>"}],
)
home.add_child(instance=page)
page.save_revision().publish()
print(page.pk)
"""


@pytest.fixture
def workflow_site(tmp_path: Path) -> Iterator[LiveSite]:
    """A deployment of its own: the test publishes a page, which the shared site must not show."""
    with running_site(tmp_path) as site:
        yield site


@pytest.fixture
def signed_in_as(browser: Browser, workflow_site: LiveSite) -> Iterator:
    live_site = workflow_site
    contexts = []

    def open_as(username: str, group: str) -> Page:
        context = browser.new_context(viewport=WIDTHS["1280"])
        contexts.append(context)
        page = context.new_page()
        sign_in(page, live_site, create_admin_user(live_site, username, groups=[group]))
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_editor_submits_and_a_moderator_approves(signed_in_as, workflow_site):
    live_site = workflow_site
    page_id = live_site.manage("shell", "-c", _CREATE_PAGE).stdout.split()[-1]
    edit_url = f"{live_site.base_url}/admin/pages/{page_id}/edit/"
    public_url = live_site.base_url + "/settling-your-baby-workflow/"

    editor = signed_in_as("workflow-editor", "Editors")
    editor.goto(edit_url)
    editor.fill("#id_title", "Settling your baby at night")
    assert editor.locator('button[name="action-publish"]').count() == 0
    editor.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with editor.expect_navigation():
        editor.locator('button[name="action-submit"]').click()
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")
    editor.goto(public_url)
    expect(editor.locator("h1")).to_have_text("Settling your baby")

    moderator = signed_in_as("workflow-moderator", "Moderators")
    moderator.goto(edit_url)
    expect(moderator.locator("#id_title")).to_have_value("Settling your baby at night")
    assert (
        moderator.locator('button[name="action-publish"]').count() == 1
    )  # so the check above holds
    moderator.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with moderator.expect_navigation():
        moderator.locator(
            'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        ).click()
    moderator.goto(public_url)
    expect(moderator.locator("h1")).to_have_text("Settling your baby at night")
