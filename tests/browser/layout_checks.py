"""Measurements taken inside the page: overflow, target sizes and focus styles (JavaScript)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

_JS = Path(__file__).parent / "js"

INTERACTIVE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1'])"
)

OFFSCREEN_JS = (_JS / "offscreen_elements.js").read_text()

TARGET_SIZE_JS = (_JS / "undersized_targets.js").read_text()

FOCUS_STYLES_JS = (_JS / "focus_styles.js").read_text()


def horizontal_overflow(page: Page) -> tuple[int, int]:
    """(document scroll width, viewport width)."""
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def offscreen_elements(page: Page) -> list[str]:
    return page.evaluate(OFFSCREEN_JS)


def undersized_targets(page: Page) -> list[str]:
    return page.evaluate(TARGET_SIZE_JS, INTERACTIVE)


def focus_styles(page: Page) -> list[dict]:
    # A key press first, so the browser treats later programmatic focus as keyboard focus.
    page.keyboard.press("Shift")
    return page.evaluate(FOCUS_STYLES_JS, INTERACTIVE)
