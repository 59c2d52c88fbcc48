"""What a parent on a phone sees first: the header's height and where the first tap-to-call link
and the page's h1 sit, at 390 x 844 and 320 x 568, on a real deployment (gunicorn, production
settings, the seeded site) in headless Chromium.

Usage (from the repository root):
    .venv/bin/python bench/first_screen.py [--path / --path /parents/ ...]

A benchmark, not a test (tests/browser/test_first_screen.py holds the limits): it prints the
figures and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.live_site import running_site  # noqa: E402

VIEWPORTS = {"390x844": (390, 844), "320x568": (320, 568)}
DEFAULT_PATHS = ["/", "/parents/", "/parents/your-babys-brain-and-feelings/", "/contact/"]

# The site chrome above the page's own content: the header and the navigation (service navigation,
# or the phone menu; the urgent help bar under them is not counted).
MEASURE = """() => {
  const boxes = [...document.querySelectorAll('header.app-header, .govuk-service-navigation, .app-phone-menu')]
    .map(el => el.getBoundingClientRect()).filter(r => r.height > 0);
  const top = el => el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
  return {
    header: boxes.length ? Math.round(Math.max(...boxes.map(r => r.bottom)) + window.scrollY) : 0,
    tel: top(document.querySelector('a[href^="tel:"]')),
    h1: top(document.querySelector('main h1')),
  };
}"""


def measure(page: Page, url: str) -> dict:
    page.goto(url, wait_until="load")
    return page.evaluate(MEASURE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", action="append", help="page to measure (repeatable)")
    args = parser.parse_args()
    paths = args.path or DEFAULT_PATHS
    with (
        running_site(Path(tempfile.mkdtemp(prefix="first-screen-"))) as site,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        print(f"{'viewport':9} {'page':45} {'header px':>9} {'tel: y':>7} {'h1 y':>6}")
        for name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for path in paths:
                figures = measure(page, site.base_url + path)
                print(
                    f"{name:9} {path:45} {figures['header']:>9} {figures['tel'] or '-':>7} "
                    f"{figures['h1'] or '-':>6}"
                )
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
