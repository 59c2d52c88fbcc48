"""Measurements taken inside the page: overflow, target sizes and focus styles (JavaScript)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

_JS = Path(__file__).parent / "js"


def _page_function(name: str, *helpers: str) -> str:
    """A function declared in tests/browser/js/, as an expression Playwright calls, with the
    helper functions (declared in their own files there) in its scope."""
    function = (_JS / name).read_text()
    if not helpers:
        return f"({function})"
    declarations = "\n".join((_JS / helper).read_text() for helper in helpers)
    return f"(() => {{\n{declarations}\nreturn (\n{function}\n)\n}})()"


INTERACTIVE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1'])"
)

OFFSCREEN_JS = _page_function("offscreen_elements.js")

TARGET_SIZE_JS = _page_function("undersized_targets.js", "clipped.js")

FOCUS_STYLES_JS = _page_function("focus_styles.js", "clipped.js")


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
