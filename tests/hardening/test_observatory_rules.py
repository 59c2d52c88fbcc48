"""The Observatory port's rules on made-up responses (no site needed): it can fail, and it
scores what the original scores."""

from __future__ import annotations

from tests.hardening import observatory
from tests.hardening.observatory import Response, Scan

URL = "https://example.org/"
GOOD_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; object-src 'none'"),
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Set-Cookie", "csrftoken=x; HttpOnly; Path=/; SameSite=Lax; Secure"),
]


def make_scan(headers, body: bytes = b"<html><script src='/app.js'></script></html>", route=None):
    page = Response(URL, 200, headers, body)
    route = route or [
        Response("http://example.org/", 301, [("Location", URL)]),
        Response(URL, 200, headers),
    ]
    return Scan(route, page, [page], None, "https://http-observatory.security.mozilla.org")


def expectations(result: observatory.Score) -> dict[str, str]:
    return {r.test: r.expectation for r in result.results}


def test_good_headers_score_a_plus_with_extra_credit() -> None:
    result = observatory.score(make_scan(GOOD_HEADERS))
    # CSP +5, cookies +5, COOP +10, Referrer-Policy +5, X-Frame-Options via CSP +5.
    assert (result.score, result.grade) == (130, "A+")


def test_no_headers_fail() -> None:
    result = observatory.score(
        make_scan([("Content-Type", "text/html"), ("Set-Cookie", "sessionid=1")])
    )
    found = expectations(result)
    assert found["content-security-policy"] == "csp-not-implemented"
    assert found["strict-transport-security"] == "hsts-not-implemented"
    assert found["cookies"] == "cookies-session-without-secure-flag"
    assert (result.score, result.grade) == (0, "F")


def test_unsafe_inline_scripts_and_a_missing_redirect_cost_points() -> None:
    headers = [
        (k, "default-src 'self' 'unsafe-inline'" if k == "Content-Security-Policy" else v)
        for k, v in GOOD_HEADERS
    ]
    result = observatory.score(make_scan(headers, route=[Response("http://example.org/", 200, [])]))
    found = expectations(result)
    assert found["content-security-policy"] == "csp-implemented-with-unsafe-inline"
    assert found["redirection"] == "redirection-missing"
    assert found["x-frame-options"] == "x-frame-options-sameorigin-or-deny"
    assert (result.score, result.grade) == (60, "C+")  # bonuses do not count below 90


def test_a_nonce_excuses_unsafe_inline_and_external_scripts_need_integrity() -> None:
    headers = [
        (
            k,
            "default-src 'none'; script-src 'nonce-abc' 'unsafe-inline'"
            if k == "Content-Security-Policy"
            else v,
        )
        for k, v in GOOD_HEADERS
    ]
    body = b"<script src='https://cdn.example.net/x.js'></script>"
    found = expectations(observatory.score(make_scan(headers, body)))
    assert found["content-security-policy"] == "csp-implemented-with-no-unsafe-default-src-none"
    assert (
        found["subresource-integrity"] == "sri-not-implemented-but-external-scripts-loaded-securely"
    )


def test_a_short_hsts_and_a_duplicated_csp_directive() -> None:
    headers = [
        *[
            h
            for h in GOOD_HEADERS
            if h[0] not in {"Strict-Transport-Security", "Content-Security-Policy"}
        ],
        ("Strict-Transport-Security", "max-age=300"),
        ("Content-Security-Policy", "default-src 'self'; default-src 'none'"),
    ]
    found = expectations(observatory.score(make_scan(headers)))
    assert found["strict-transport-security"] == "hsts-implemented-max-age-less-than-six-months"
    assert found["content-security-policy"] == "csp-header-invalid"
