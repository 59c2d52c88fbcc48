"""The keyboard journey: skip link first, then header, navigation and main content in document
order; a details expander opens with Enter and Space; the contact form is tabbed through, sent
with errors, and focus lands on the error summary, whose links lead to the fields."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.layout_checks import INTERACTIVE
from tests.browser.site_pages import first_page_containing

pytestmark = pytest.mark.browser

ACTIVE = """() => {
  const el = document.activeElement;
  return el ? {tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim().slice(0, 60),
               href: el.getAttribute('href') || '', cls: el.className} : null;
}"""

# Elements a visitor can reach with Tab, in document order (what Tab must follow).
TAB_ORDER = """(selector) => [...document.querySelectorAll(selector)].filter(el => {
  if (el.disabled || el.tabIndex < 0) return false;
  if (el.closest('[hidden], [aria-hidden=true], details:not([open]) > :not(summary)')) return false;
  const s = getComputedStyle(el);
  if (s.visibility === 'hidden' || s.display === 'none') return false;
  if (el.type === 'radio' && !el.checked
      && document.querySelector(`input[type=radio][name="${el.name}"]:checked`)) return false;
  if (el.type === 'radio' && el !== document.querySelector(`input[type=radio][name="${el.name}"]`)
      && !document.querySelector(`input[type=radio][name="${el.name}"]:checked`)) return false;
  return el.getClientRects().length > 0 || el.classList.contains('govuk-skip-link');
}).map(el => el.id || el.getAttribute('href') || el.textContent.trim().slice(0, 40))"""

ACTIVE_KEY = """() => { const el = document.activeElement;
  return el.id || el.getAttribute('href') || el.textContent.trim().slice(0, 40); }"""


def _tab(page: Page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(ACTIVE)


def test_skip_link_is_first_and_moves_focus_to_main(fresh_page, live_site):
    page = fresh_page
    page.goto(live_site.base_url + "/")
    first = _tab(page)
    assert first["text"] == "Skip to main content" and first["href"] == "#main-content"
    assert page.locator(".govuk-skip-link").is_visible(), "the skip link must show when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    after = _tab(page)
    main_has = page.evaluate(
        "() => document.querySelector('main').contains(document.activeElement)"
    )
    assert main_has, f"Tab after the skip link should stay in main, reached {after}"


def test_tab_order_follows_the_page(fresh_page, live_site, states):
    """Header, navigation, breadcrumbs and main are reached in document order, none skipped."""
    page = fresh_page
    page.goto(live_site.base_url + states["topic"].path)
    expected = page.evaluate(TAB_ORDER, INTERACTIVE)
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(page.evaluate(ACTIVE_KEY))
    assert reached == expected
    header_links = page.evaluate(
        "[...document.querySelectorAll('header a[href], .govuk-service-navigation a[href]')]"
        ".map(a => a.getAttribute('href'))"
    )
    assert header_links and set(header_links) <= set(reached)


def test_details_expander_opens_with_enter_and_space(fresh_page, live_site, states):
    path = first_page_containing(live_site, states, '<details class="govuk-details')
    assert path, "no page in the seeded site has a details expander to test"
    page = fresh_page
    page.goto(live_site.base_url + path)
    for _ in range(200):
        if page.evaluate(ACTIVE)["tag"] == "summary":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached the details expander's summary")
    is_open = "document.activeElement.parentElement.open"
    assert not page.evaluate(is_open)
    page.keyboard.press("Enter")
    assert page.evaluate(is_open)
    page.keyboard.press("Space")
    assert not page.evaluate(is_open)


def test_contact_form_by_keyboard_focuses_the_error_summary(fresh_page, live_site, states):
    page = fresh_page
    page.goto(live_site.base_url + states["contact"].path)
    fields = page.evaluate(
        """() => [...document.querySelectorAll(
            "main form[method=post] :is(input, textarea, select, button)")]
          .filter(el => el.type !== 'hidden' && el.tabIndex >= 0
                        && !el.closest('[aria-hidden=true]'))
          .map(el => el.id || el.textContent.trim())"""
    )
    reached = []
    for _ in range(200):
        active = _tab(page)
        key = active["id"] or active["text"]
        if key in fields and key not in reached:
            reached.append(key)
        if active["tag"] == "button" and page.evaluate(
            "document.activeElement.closest('main form') !== null"
        ):
            break
    # Each radio group is one Tab stop: its first option stands for the group.
    expected = [f for f in fields if f[-2:-1] != "_" or f.endswith("_0")]
    assert reached == expected, f"Tab reached {reached}, the form has {expected}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')"), (
        f"focus is on {page.evaluate(ACTIVE)}, not the error summary"
    )
    assert page.title().startswith("Error:")
    first_link = _tab(page)
    assert first_link["href"].startswith("#"), "first Tab should reach the first error link"
    page.keyboard.press("Enter")
    field_id = first_link["href"][1:]
    assert page.evaluate("document.activeElement.id") == field_id
