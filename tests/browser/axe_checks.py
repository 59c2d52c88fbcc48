"""Run the packaged axe-core (from axe-playwright-python; nothing is fetched) in a page."""

from __future__ import annotations

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]},
    "resultTypes": ["violations"],
}
# Wagtail's admin fades its messages in (opacity over 0.5 s, once its script marks the page
# ready): measured mid-fade, a message's background is paler than it ends up (a flaky contrast
# failure on the sign-in lockout page).
FADING_IN = ".messages > ul"


def run_axe(page: Page) -> tuple[list[dict], list[dict]]:
    """Return (WCAG A/AA violations, best-practice-only findings) for the page as it is now,
    once any admin messages have finished fading in."""
    fading = page.locator(FADING_IN)
    if fading.count():
        expect(fading.first).to_have_css("opacity", "1")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    wcag, best_practice = [], []
    for violation in results["violations"]:
        (wcag if set(violation["tags"]) & set(WCAG_TAGS) else best_practice).append(violation)
    return wcag, best_practice


def describe(violations: list[dict]) -> str:
    """A readable list: rule, impact, help and the offending elements."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", " ")[:240])
    return "\n".join(lines)
