"""The Wagtail userbar's accessibility checker, with this site's link-text checks, for a
logged-in editor on a live page and on a page revision preview (admin CSP); nothing of it for
anonymous visitors (see test_page_weight.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route

pytestmark = pytest.mark.browser

BAD_LINKS = (
    '<p id="checker-sample">For more, <a href="/parents/">click here</a>. '
    '<a href="/documents/1/cuddles.pdf">Cuddles poster</a> '
    '<a href="/documents/2/books.pdf">Books poster (PDF, 240 KB, 1 page)</a></p>'
)


def _checker_results(page: Page) -> list[str]:
    count = page.locator("wagtail-userbar [data-content-checker-count]").first
    count.wait_for(state="attached")
    page.wait_for_function(
        "() => { const c = document.querySelector('wagtail-userbar').shadowRoot"
        ".querySelector('[data-content-checker-count]'); return c && c.textContent.trim() !== ''; }",
        timeout=15000,
    )
    page.locator("wagtail-userbar #wagtail-userbar-trigger").click()
    page.locator("wagtail-userbar #checker-trigger").click()
    names = page.locator("wagtail-userbar .w-content-checker__name")
    return [names.nth(i).inner_text() for i in range(names.count())]


def _csp_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return errors


def test_checker_flags_vague_link_text_and_document_links(editor_page, live_site, states):
    page = editor_page
    topic = live_site.base_url + states["topic"].path

    def add_bad_links(route: Route) -> None:
        response = route.fetch()
        body = response.text().replace("</main>", BAD_LINKS + "</main>", 1)
        route.fulfill(response=response, body=body)

    csp_errors = _csp_errors(page)
    page.route(topic, add_bad_links)
    try:
        page.goto(topic)
        assert page.locator("wagtail-userbar").count() == 1
        results = _checker_results(page)
    finally:
        page.unroute(topic)
    assert "Link text does not say where it goes" in results
    assert results.count("Document link does not give its format and size") == 1
    assert not csp_errors, csp_errors


def test_checker_is_clean_on_the_seeded_page_and_runs_under_the_admin_csp(
    editor_page, live_site, states
):
    page = editor_page
    csp_errors = _csp_errors(page)
    page.goto(live_site.base_url + states["topic"].path)
    results = _checker_results(page)
    assert "Link text does not say where it goes" not in results
    # A revision preview, served from /admin/.
    revision_url = page.evaluate(
        "() => document.querySelector('wagtail-userbar').shadowRoot"
        ".querySelector('a[href*=\"/admin/pages/\"][href$=\"/edit/\"]')?.getAttribute('href')"
    )
    assert revision_url, "the userbar has no edit link for the page"
    page_id = revision_url.rstrip("/").split("/")[-2]
    revision_id = live_site.manage(
        "shell",
        "-c",
        f"from wagtail.models import Page; print(Page.objects.get(id={page_id}).latest_revision_id)",
    ).stdout.split()[-1]
    response = page.goto(
        f"{live_site.base_url}/admin/pages/{page_id}/revisions/{revision_id}/view/"
    )
    assert response.status == 200
    # Whichever policy the preview is served with, the checker must run without CSP errors.
    assert "script-src" in response.headers["content-security-policy"]
    assert page.locator("wagtail-userbar").count() == 1
    _checker_results(page)
    assert not csp_errors, csp_errors
