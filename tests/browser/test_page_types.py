"""Every page type at 320 and 1280 px: zero axe-core WCAG 2.0/2.1/2.2 A and AA violations, no
sideways scrolling at 320 px, targets of at least 24 by 24 CSS px (WCAG 2.5.8, with its inline
and spacing exceptions), a visible focus indicator on every interactive element, and text
resized to 200% without loss."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.axe_checks import describe, run_axe
from tests.browser.conftest import BEST_PRACTICE_FINDINGS, WIDTHS
from tests.browser.layout_checks import (
    focus_styles,
    horizontal_overflow,
    offscreen_elements,
    undersized_targets,
)
from tests.browser.site_pages import REQUIRED_STATE_NAMES, PageState
from tests.live_site import LiveSite

pytestmark = pytest.mark.browser


def _problems(page: Page, state: PageState, width: str, live_site: LiveSite) -> list[str]:
    state.open(page, live_site.base_url)
    problems = []
    wcag, best_practice = run_axe(page)
    for finding in best_practice:
        BEST_PRACTICE_FINDINGS[finding["id"]]["help"] = finding["help"]
        BEST_PRACTICE_FINDINGS[finding["id"]]["where"].add((state.name, width))
    if wcag:
        problems.append("axe WCAG A/AA violations:\n" + describe(wcag))
    if width == "320":
        scroll_width, viewport = horizontal_overflow(page)
        if scroll_width > viewport:
            problems.append(
                f"scrolls sideways: {scroll_width} px wide in a {viewport} px viewport; "
                f"too wide: {offscreen_elements(page)}"
            )
    if small := undersized_targets(page):
        problems.append("targets under 24x24 CSS px and not spaced: " + "; ".join(small))
    if width == "1280":
        invisible = [r["element"] for r in focus_styles(page) if not r["visible"]]
        if invisible:
            problems.append("no visible focus indicator: " + "; ".join(invisible))
    return [f"{state.name} at {width} px ({page.url}): {p}" for p in problems]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("state_name", REQUIRED_STATE_NAMES)
def test_page_type(width, state_name, states, width_pages, live_site):
    problems = _problems(width_pages[width], states[state_name], width, live_site)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_other_page_types(width, states, width_pages, live_site):
    """Page types beyond the issue's list (privacy notice, cookies, ...), one page of each."""
    others = [s for name, s in states.items() if name not in REQUIRED_STATE_NAMES]
    problems = []
    for state in others:
        problems += _problems(width_pages[width], state, width, live_site)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def text_resize_page(browser: Browser):
    """640 CSS px wide: a 1280 px screen zoomed to 200%, where the text is then doubled too."""
    context = browser.new_context(viewport={"width": 640, "height": 720})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("state_name", REQUIRED_STATE_NAMES)
def test_text_resizes_to_200_percent(state_name, states, text_resize_page, live_site):
    page = text_resize_page
    states[state_name].open(page, live_site.base_url)
    before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert after >= before * 1.9, f"text did not grow with the root font size ({before} -> {after})"
    scroll_width, viewport = horizontal_overflow(page)
    assert scroll_width <= viewport, f"sideways scroll at 200% text: {offscreen_elements(page)}"
    assert not offscreen_elements(page)
    for landmark in ("h1", "main", "footer"):
        box = page.locator(landmark).first.bounding_box()
        assert box and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= viewport
