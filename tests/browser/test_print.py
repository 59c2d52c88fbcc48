"""Printing: content only (no header navigation, search, breadcrumbs or footer links), and
external link addresses printed after the link text."""

from __future__ import annotations

import pytest

from tests.browser.site_pages import first_page_containing

pytestmark = pytest.mark.browser

CHROME = [
    ".govuk-skip-link",
    ".app-header__search",
    ".govuk-service-navigation",
    ".govuk-breadcrumbs",
    ".app-footer__list",
]


def test_print_shows_content_without_navigation_chrome(fresh_page, live_site, states):
    path = first_page_containing(live_site, states, 'href="https://')
    assert path, "no page in the seeded site links to another website"
    page = fresh_page
    page.goto(live_site.base_url + path)
    present = [s for s in CHROME if page.locator(s).count()]
    assert ".app-header__search" in present
    page.emulate_media(media="print")
    for selector in present:
        assert page.locator(selector).first.is_hidden(), f"{selector} is printed"
    assert page.locator("main h1").is_visible()
    external = page.locator("main a[href^='https://']").first
    href = external.get_attribute("href")
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert href in after, f"printed link shows {after!r}, not its address {href}"
    page.emulate_media(media="screen")
    assert external.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
