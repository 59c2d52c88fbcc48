"""The first screen of a phone, in Chromium at 320 x 568 and 390 x 844, on every page type: the
emergency tap-to-call link is on it, and on topic pages the page's h1 too; no sideways scroll;
axe finds no WCAG A/AA violation; the header (names, search, menu) is at most 170 px high at
390 x 844; the phone menu opens without JavaScript; nothing shifts as the page loads (CLS 0).
A site notice, when one shows, keeps the urgent help there (it may push the h1 down: it sits
above it, where GOV.UK puts banners) and hides without JavaScript.

Prints the header height and the first tap-to-call link's position on home at 390 x 844
(bench/first_screen.py prints them for more pages)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.axe_checks import describe, run_axe
from tests.browser.layout_checks import horizontal_overflow, offscreen_elements
from tests.browser.site_pages import PageState
from tests.live_site import LiveSite

pytestmark = pytest.mark.browser

PHONES = {"320x568": (320, 568), "390x844": (390, 844)}
HEADER_BUDGET = 170  # about a fifth of 844 px
EMERGENCY = ".app-urgent-bar__item--emergency a[href^='tel:']"
# Topic pages: the seeded topic and every other page whose h1 must share the first screen.
TOPIC_STATES = {"topic"}

BOX = """sel => { const el = document.querySelector(sel); if (!el) return null;
  const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"""
HEADER_BOTTOM = """() => Math.max(...[...document.querySelectorAll(
  'header.app-header, .govuk-service-navigation, .app-phone-menu')]
  .map(el => el.getBoundingClientRect()).filter(r => r.height > 0).map(r => r.bottom))"""


@pytest.fixture(scope="module")
def phone_pages(browser: Browser) -> Iterator[dict[str, Page]]:
    contexts = {name: browser.new_context(viewport={"width": w, "height": h})
                for name, (w, h) in PHONES.items()}  # fmt: skip
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


def _inside(box: dict | None, width: int, height: int) -> bool:
    return bool(box) and box["top"] >= 0 and box["bottom"] <= height and box["left"] >= 0 \
        and box["right"] <= width  # fmt: skip


def _problems(
    page: Page, state: PageState, phone: str, base_url: str, h1_first: bool = True
) -> list[str]:
    width, height = PHONES[phone]
    state.open(page, base_url)
    page.evaluate("window.scrollTo(0, 0)")
    problems = []
    if not _inside(page.evaluate(BOX, EMERGENCY), width, height):
        problems.append(f"emergency call link not on the first screen: {page.evaluate(BOX, EMERGENCY)}")  # fmt: skip
    if (
        h1_first
        and state.name in TOPIC_STATES
        and not _inside(page.evaluate(BOX, "main h1"), width, height)
    ):
        problems.append(f"h1 not on the first screen: {page.evaluate(BOX, 'main h1')}")
    scroll_width, viewport = horizontal_overflow(page)
    if scroll_width > viewport:
        problems.append(f"scrolls sideways ({scroll_width} px): {offscreen_elements(page)}")
    if phone == "390x844" and (bottom := page.evaluate(HEADER_BOTTOM)) > HEADER_BUDGET:
        problems.append(f"header is {bottom} px high, over {HEADER_BUDGET}")
    wcag, _best_practice = run_axe(page)
    if wcag:
        problems.append("axe WCAG A/AA violations:\n" + describe(wcag))
    return [f"{state.name} at {phone} ({page.url}): {p}" for p in problems]


@pytest.mark.parametrize("phone", PHONES)
def test_urgent_help_is_on_the_first_screen_of_every_page_type(phone, phone_pages, states, live_site):  # fmt: skip
    problems = []
    for state in states.values():
        problems += _problems(phone_pages[phone], state, phone, live_site.base_url)
    assert not problems, "\n".join(problems)


def test_home_figures_at_390(phone_pages, live_site, capsys):
    page = phone_pages["390x844"]
    page.goto(live_site.base_url + "/", wait_until="load")
    header = page.evaluate(HEADER_BOTTOM)
    first_call = page.evaluate(BOX, "a[href^='tel:']")
    with capsys.disabled():
        print(f"\nhome at 390x844: header {header:.0f} px high, first tap-to-call link at "
              f"y = {first_call['top']:.0f} px")  # fmt: skip
    assert header <= HEADER_BUDGET and first_call["bottom"] <= 844


# Records every layout shift from the first paint on (set up before the page's own scripts run),
# with what moved.
CLS_OBSERVER = """window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push({
    value: entry.value,
    moved: (entry.sources || []).map(source => {
      const node = source.node;
      const name = node ? `${node.nodeName.toLowerCase()}.${node.className || ''}` : '(gone)';
      const [was, now] = [source.previousRect, source.currentRect];
      return `${name} ${was.x},${was.y} ${was.width}x${was.height} -> ${now.x},${now.y} ${now.width}x${now.height}`;
    }),
  });
}).observe({type: 'layout-shift', buffered: true});"""
# A shift this small (a few pixels of one line) that does not come back on a second load is the
# machine's, not the page's (0.0001 once, on a loaded CI machine; perhaps Chromium laying text out
# again once a fallback font it looked up late had loaded). The page's own shifts come back.
TRANSIENT_SHIFT = 0.001


def layout_shifts(browser: Browser, url: str) -> list[dict]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(CLS_OBSERVER)
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)  # the module script has run and any late shift is reported
        return page.evaluate("window.__shifts")
    finally:
        context.close()


def cumulative(shifts: list[dict]) -> float:
    """The cumulative layout shift (CLS) of the recorded shifts."""
    return sum(shift["value"] for shift in shifts)


@pytest.mark.parametrize("path", ["/", "/parents/"])
def test_nothing_shifts_as_the_page_loads(path, browser, live_site):
    shifts = layout_shifts(browser, live_site.base_url + path)
    if shifts and cumulative(shifts) < TRANSIENT_SHIFT:
        first, shifts = shifts, layout_shifts(browser, live_site.base_url + path)
        print(f"\n{path}: a transient layout shift on the first load only: {first}")
    assert shifts == [], f"{path} shifts as it loads (CLS {cumulative(shifts)}): {shifts}"


def test_phone_menu_opens_and_leads_to_a_section_without_javascript(browser, live_site, states):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(live_site.base_url + "/", wait_until="load")
        parents = states["parents"].path
        link = page.locator(f".app-phone-menu a[href='{parents}']")
        assert page.locator(".govuk-service-navigation").is_hidden()
        assert link.is_hidden()
        toggle = page.locator(".app-phone-menu summary")
        assert toggle.is_visible() and toggle.inner_text().strip() == "Menu"
        toggle.click()
        assert link.is_visible()
        link.click()
        page.wait_for_url(f"**{parents}")
        current = page.locator(".app-phone-menu a[aria-current='true']")
        assert current.get_attribute("href") == parents
    finally:
        context.close()


_NOTICE = """
from datetime import timedelta
from django.utils import timezone
from pages.models import SiteNotice
now = timezone.now()
SiteNotice.objects.create(text='<p>Groups are paused over Christmas.</p>', style='{style}',
                          starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(hours=1))
"""


@pytest.fixture
def notices(live_site: LiveSite) -> Iterator[None]:
    """A plain and an important notice showing on the live site while the test runs."""
    for style in ("plain", "important"):
        live_site.manage("shell", "-c", _NOTICE.replace("{style}", style))
    yield
    live_site.manage("shell", "-c", "from pages.models import SiteNotice; SiteNotice.objects.all().delete()")  # fmt: skip


def test_notices_keep_the_first_screen_and_hide_without_javascript(
    browser, phone_pages, live_site, states, notices
):
    for phone, page in phone_pages.items():
        # Notices come before the h1 (GOV.UK's place for banners) and may push it down; the
        # urgent help bar above them stays on the first screen.
        problems = _problems(page, states["topic"], phone, live_site.base_url, h1_first=False)
        assert page.locator(".app-notice").count() == 2
        assert not problems, "\n".join(problems)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(live_site.base_url + states["home"].path, wait_until="load")
        banners = page.locator(".app-notice")
        assert banners.nth(0).is_visible() and banners.nth(1).is_visible()
        banners.nth(1).get_by_role("link", name="Hide this notice").click()
        assert banners.nth(1).is_hidden() and banners.nth(0).is_visible()
        assert not page.context.cookies()
    finally:
        context.close()
