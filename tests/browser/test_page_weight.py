"""Page weight for parents on phones, measured in Chromium: HTML + CSS + JS at most 60 KB as
transferred (compressed), no web fonts, no other hosts, no render-blocking JavaScript, static
files with hashed names and far-future caching, images sized, responsive and lazy; and no
cookies or editor-only assets for anonymous visitors."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.browser.site_pages import REQUIRED_STATE_NAMES

pytestmark = pytest.mark.browser

BUDGET_BYTES = 60 * 1024
ONE_YEAR = 365 * 24 * 60 * 60
HASHED_STATIC = re.compile(r"^/static/.+\.[0-9a-f]{12}\.(css|js|svg)$")


@pytest.fixture(scope="module")
def load(browser: Browser) -> Callable[[str], dict]:
    """Loads a URL once for the whole module: each check reads the same visit."""
    return functools.cache(functools.partial(_load, browser))


def _load(browser: Browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    records = []
    for request in responses:
        response = request.response()
        records.append(
            {
                "url": request.url,
                "type": request.resource_type,
                "bytes": request.sizes()["responseBodySize"]
                + request.sizes()["responseHeadersSize"],
                "request_headers": request.all_headers(),
                "headers": response.all_headers() if response else {},
            }
        )
    facts = page.evaluate(
        """() => ({
          fonts: document.fonts.size,
          blockingScripts: [...document.scripts].filter(s => s.src && s.type !== 'module'
              && !s.defer && !s.async).map(s => s.src),
          inlineScripts: [...document.scripts].filter(s => !s.src && s.type !== 'application/json'
              && s.type !== 'application/ld+json').length,
          images: [...document.images].map(img => ({src: img.currentSrc || img.src,
              width: img.getAttribute('width'), height: img.getAttribute('height'),
              srcset: img.getAttribute('srcset'), loading: img.getAttribute('loading'),
              top: img.getBoundingClientRect().top})),
          viewportHeight: window.innerHeight,
          userbar: !!document.querySelector('wagtail-userbar'),
        })"""
    )
    cookies = context.cookies()
    context.close()
    return {"records": records, "facts": facts, "cookies": cookies}


@pytest.mark.parametrize("state_name", ["home", "parents"])
def test_page_weight_budget(state_name, load, live_site, states):
    state = states[state_name]
    result = load(live_site.base_url + state.path)
    records = result["records"]
    hosts = {urlsplit(r["url"]).hostname for r in records}
    assert hosts == {"127.0.0.1"}, f"requests to other hosts: {hosts}"
    assert not [r for r in records if r["type"] == "font"], "web fonts are loaded"
    assert result["facts"]["fonts"] == 0, "the CSS declares web fonts"
    assert not result["facts"]["blockingScripts"], "render-blocking scripts"
    assert result["facts"]["inlineScripts"] == 0
    counted = [r for r in records if r["type"] in ("document", "stylesheet", "script")]
    total = sum(r["bytes"] for r in counted)
    breakdown = {urlsplit(r["url"]).path: r["bytes"] for r in counted}
    print(f"\n{state_name}: HTML+CSS+JS {total} bytes transferred {breakdown}")
    assert total <= BUDGET_BYTES, f"{total} bytes > {BUDGET_BYTES}: {breakdown}"
    for record in counted:
        if record["type"] == "document":
            continue
        path = urlsplit(record["url"]).path
        assert "br" in record["request_headers"].get("accept-encoding", "")
        assert record["headers"].get("content-encoding") in ("br", "gzip"), f"{path} uncompressed"
        assert HASHED_STATIC.match(path), f"{path} has no content hash in its name"
        cache = record["headers"].get("cache-control", "")
        max_age = int(re.search(r"max-age=(\d+)", cache).group(1))
        assert max_age >= ONE_YEAR and "immutable" in cache, f"{path}: {cache}"


@pytest.mark.parametrize("state_name", REQUIRED_STATE_NAMES)
def test_images_are_sized_responsive_and_lazy(state_name, load, live_site, states):
    state = states[state_name]
    result = load(live_site.base_url + state.path)
    problems = []
    for image in result["facts"]["images"]:
        if not (image["width"] and image["height"]):
            problems.append(f"{image['src']}: no width and height")
        if not image["srcset"]:
            problems.append(f"{image['src']}: no srcset")
        if not re.search(r"\.(webp|avif)(\?|$)", image["src"]):
            problems.append(f"{image['src']}: not a modern format (WebP or AVIF)")
        if image["top"] > result["facts"]["viewportHeight"] and image["loading"] != "lazy":
            problems.append(f"{image['src']}: below the fold but not loading=lazy")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "state_name", [n for n in REQUIRED_STATE_NAMES if not n.startswith("contact")]
)
def test_anonymous_visitors_get_no_cookies_or_editor_assets(state_name, load, live_site, states):
    state = states[state_name]
    result = load(live_site.base_url + state.path)
    assert result["cookies"] == [], f"cookies set: {result['cookies']}"
    assert not result["facts"]["userbar"]
    admin_assets = [r["url"] for r in result["records"] if "/static/wagtailadmin/" in r["url"]]
    assert not admin_assets
