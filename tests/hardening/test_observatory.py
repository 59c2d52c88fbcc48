"""The offline HTTP Observatory port (tests/hardening/observatory.py) grades home, a topic page,
contact and a document download A+ (at least 110 here; 100 is the A+ floor) over the production
settings, reached through a TLS proxy as the scan would: http:// (no X-Forwarded-Proto) must
redirect to https://, and https:// requests carry X-Forwarded-Proto: https from 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.hardening import observatory
from tests.hardening.rawhttp import encode_request, get, send
from tests.live_site import LiveSite

MINIMUM_SCORE = 110
CORS_ORIGIN = "https://http-observatory.security.mozilla.org"
ACCEPT_HTML = ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")


def fetch(site: LiveSite, url: str, method: str = "GET", headers=()) -> observatory.Response:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    all_headers = [("Host", parts.netloc), ACCEPT_HTML, *headers]
    if parts.scheme == "https":
        all_headers.append(("X-Forwarded-Proto", "https"))
    raw = send(site, encode_request(method, target.encode(), all_headers))
    return observatory.Response(url, raw.status, raw.headers, raw.body)


def follow(site: LiveSite, url: str) -> list[observatory.Response]:
    """The request and every redirect after it, as long as it stays on this deployment."""
    chain = [fetch(site, url)]
    while chain[-1].status in {301, 302, 303, 307, 308} and len(chain) < 10:
        location = chain[-1].first("Location") or ""
        next_url = (
            location
            if "://" in location
            else f"{urlsplit(url).scheme}://{urlsplit(url).netloc}{location}"
        )
        if urlsplit(next_url).netloc != urlsplit(url).netloc:
            break
        chain.append(fetch(site, next_url))
    return chain


def scan(site: LiveSite, path: str) -> observatory.Scan:
    host = f"127.0.0.1:{site.port}"
    https_chain = follow(site, f"https://{host}{path}")
    robots = follow(site, f"https://{host}/robots.txt")
    cors = fetch(
        site,
        https_chain[-1].url,
        "OPTIONS",
        [("Access-Control-Request-Method", "GET"), ("Origin", CORS_ORIGIN)],
    )
    return observatory.Scan(
        http_route=follow(site, f"http://{host}{path}"),
        auto=https_chain[-1],
        session_responses=https_chain + robots,
        cors=cors,
        cors_origin=CORS_ORIGIN,
    )


def document_path(site: LiveSite) -> str:
    html = get(site, "/posters/").body.decode()
    return re.search(r'href="(/documents/\d+/[^"]+\.pdf)"', html).group(1)


@pytest.mark.parametrize("page", ["home", "topic", "contact", "document"])
def test_observatory_grades_a_plus(
    hardened_site: LiveSite, page: str, capsys: pytest.CaptureFixture
) -> None:
    path = {
        "home": "/",
        "topic": "/parents/crying-and-comforting/",
        "contact": "/contact/",
        "document": None,
    }[page] or document_path(hardened_site)
    result = observatory.score(scan(hardened_site, path))
    with capsys.disabled():  # in CI's log too: the figures for the README
        print(f"\nobservatory: {result.summary()}")
    failed = [(r.test, r.expectation) for r in result.results if not r.passed]
    assert not failed, failed
    assert result.grade == "A+"
    assert result.score >= MINIMUM_SCORE, result.summary()
    if page == "contact":  # the CSRF cookie is Secure, HttpOnly and SameSite
        cookies = next(r for r in result.results if r.test == "cookies")
        assert cookies.expectation == "cookies-secure-with-httponly-sessions-and-samesite"
