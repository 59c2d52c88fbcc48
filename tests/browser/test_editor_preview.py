"""The page editor's preview panel shows the page being edited in a frame, and the checks panel
beside it reports on that preview: only preview responses may be framed, and only by the admin."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.site_pages import PageState

_PAGE_AT = (
    "from wagtail.models import Page; "
    "page = Page.objects.get(url_path__endswith={path!r}).specific; "
    "print(page.id); print(page.title)"
)


def _edit_topic_page(page: Page, live_site, topic: PageState) -> str:
    """Open the seeded topic page's edit view; return the page's title."""
    page_id, title = live_site.manage(
        "shell", "-c", _PAGE_AT.format(path=topic.path)
    ).stdout.splitlines()[-2:]
    response = page.goto(f"{live_site.base_url}/admin/pages/{page_id}/edit/")
    assert response is not None and response.status == 200
    return title


def test_preview_panel_shows_the_page_and_the_checks_panel_reports_on_it(
    editor_page, live_site, states
):
    page = editor_page
    blocked: list[str] = []
    page.on(
        "console",
        lambda msg: (
            blocked.append(msg.text)
            if re.search(r"frame|ancestor|Content Security Policy", msg.text)
            else None
        ),
    )
    title = _edit_topic_page(page, live_site, states["topic"])

    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(title, timeout=20000)

    page.locator('[data-side-panel-toggle="checks"]').click()
    checks = page.locator('[data-side-panel="checks"]')
    expect(checks.locator("[data-content-word-count]")).to_have_text(re.compile(r"^\d+$"))
    expect(checks.locator("[data-content-reading-time]")).not_to_have_text("-")
    expect(checks.locator("[data-content-checker-count]")).to_have_text(re.compile(r"^\d+$"))
    assert int(checks.locator("[data-content-word-count]").inner_text()) > 50
    assert not blocked, blocked
