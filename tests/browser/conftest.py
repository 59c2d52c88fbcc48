"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against `live_site`.

One browser for the whole package (torn down when the package's tests end, so Playwright's event
loop never overlaps Django database tests elsewhere). Where Chromium is missing the tests skip
with a loud reason, unless REQUIRE_BROWSER=1 (set in CI), which turns the skip into a failure.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.admin_users import create_admin_user, sign_in
from tests.browser.site_pages import PageState, discover_states
from tests.live_site import LiveSite

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]
MISSING_CHROMIUM = (
    f"!!! CHROMIUM NOT FOUND at {CHROMIUM}: the browser tests (WCAG 2.2 AA, keyboard, no-JS, "
    "print, page weight) did NOT run. Install Debian's `chromium` package; CI sets "
    "REQUIRE_BROWSER=1 so that this is a failure there."
)
WIDTHS = {"320": {"width": 320, "height": 640}, "1280": {"width": 1280, "height": 800}}

# Best-practice (non-WCAG) axe findings, rule id -> {(state, width), ...}; printed at the end.
BEST_PRACTICE_FINDINGS: dict[str, dict] = defaultdict(lambda: {"help": "", "where": set()})
_skipped_for_missing_chromium: list[str] = []


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(MISSING_CHROMIUM + " (REQUIRE_BROWSER=1)", pytrace=False)
    _skipped_for_missing_chromium.append(MISSING_CHROMIUM)
    pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    _require_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="package")
def states(browser: Browser, live_site: LiveSite) -> dict[str, PageState]:
    """Page types discovered from the seeded live site (see site_pages.py)."""
    return discover_states(live_site)


@pytest.fixture(scope="package")
def width_pages(browser: Browser) -> Iterator[dict[str, Page]]:
    """One reusable JavaScript-enabled page per test width."""
    contexts: list[BrowserContext] = []
    pages: dict[str, Page] = {}
    for name, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        pages[name] = context.new_page()
    yield pages
    for context in contexts:
        context.close()


@pytest.fixture
def fresh_page(browser: Browser) -> Iterator[Page]:
    """A page in a new context (own cookies and focus history), 1280 px wide."""
    context = browser.new_context(viewport=WIDTHS["1280"])
    yield context.new_page()
    context.close()


EDITOR = "a11y-checker-editor"


@pytest.fixture(scope="module")
def editor_page(browser: Browser, live_site: LiveSite) -> Iterator[Page]:
    """A superuser signed in to the live site's admin (password and security code), in its own
    context, 1280 px wide."""
    editor = create_admin_user(live_site, EDITOR, superuser=True)
    context = browser.new_context(viewport=WIDTHS["1280"])
    page = context.new_page()
    sign_in(page, live_site, editor)
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if _skipped_for_missing_chromium:
        terminalreporter.section("BROWSER TESTS NOT RUN", sep="!", red=True, bold=True)
        terminalreporter.write_line(MISSING_CHROMIUM, red=True, bold=True)
    if BEST_PRACTICE_FINDINGS:
        terminalreporter.section("axe best-practice findings (not WCAG failures)")
        for rule, finding in sorted(BEST_PRACTICE_FINDINGS.items()):
            where = ", ".join(f"{state}@{width}" for state, width in sorted(finding["where"]))
            terminalreporter.write_line(f"{rule}: {finding['help']} -- {where}")
