"""Everything works with JavaScript switched off: navigation, filters, details, the contact form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.site_pages import first_page_containing, submit_contact_form_empty

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def no_js_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    yield page
    context.close()


def test_javascript_is_really_off(no_js_page, live_site):
    no_js_page.goto(live_site.base_url + "/")
    assert "js-enabled" not in (no_js_page.get_attribute("body", "class") or "")


def test_navigation_links_lead_to_their_pages(no_js_page, live_site, states):
    page = no_js_page
    page.goto(live_site.base_url + "/")
    parents = states["parents"].path
    page.locator(f"a[href='{parents}']:visible").first.click()  # phones: the menu is shut
    page.wait_for_url(f"**{parents}")
    assert page.locator("h1").is_visible()
    topic = states["topic"].path
    page.locator(f"main a[href='{topic}']").first.click()
    page.wait_for_url(f"**{topic}")
    breadcrumb_links = page.locator(".govuk-breadcrumbs a")
    assert breadcrumb_links.count() >= 1
    breadcrumb_links.first.click()
    page.wait_for_url(live_site.base_url + "/")


def test_filter_links_change_the_results(no_js_page, live_site, states):
    page = no_js_page
    path = states["useful-links-filtered"].path
    page.goto(live_site.base_url + path.split("?")[0])
    everything = page.locator("main").inner_text()
    filter_link = page.locator(".app-filter a[href*='audience=professionals']").first
    filter_link.click()
    page.wait_for_url("**audience=professionals*")
    assert page.locator(".app-filter a[aria-current='true']").count() >= 1
    assert page.locator("main").inner_text() != everything


def test_details_open_without_javascript(no_js_page, live_site, states):
    path = first_page_containing(live_site, states, '<details class="govuk-details')
    assert path, "no page in the seeded site has a details expander to test"
    page = no_js_page
    page.goto(live_site.base_url + path)
    details = page.locator("main details").first
    body = details.locator(".govuk-details__text")
    assert not body.is_visible()
    details.locator("summary").click()
    assert body.is_visible()


def test_contact_form_errors_without_javascript(no_js_page, live_site, states):
    page = no_js_page
    page.goto(live_site.base_url + states["contact"].path)
    submit_contact_form_empty(page)
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert summary.locator("a").count() >= 1
    assert page.locator(".govuk-error-message").count() >= 1
