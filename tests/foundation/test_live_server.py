"""Headers, cookies and host checks on a real gunicorn process with the production settings."""

from __future__ import annotations

import http.client
import re
import urllib.request
from collections.abc import Iterator

import pytest

from tests.live_site import LiveSite, running_site

PUBLIC_PATHS = ["/", "/no-such-page/"]


def fetch(
    site: LiveSite, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> http.client.HTTPResponse:
    """One raw request (no redirects followed, no cookie jar)."""
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=20)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_send_strict_security_headers(live_site: LiveSite, path: str) -> None:
    response = fetch(live_site, path)
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")

    policy = csp_directives(response.getheader("Content-Security-Policy"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_anonymous_visitors_get_no_cookies(live_site: LiveSite, path: str) -> None:
    assert fetch(live_site, path).getheader("Set-Cookie") is None


def test_admin_has_its_own_looser_policy(live_site: LiveSite) -> None:
    response = fetch(live_site, "/admin/login/")
    assert response.status == 200
    policy = csp_directives(response.getheader("Content-Security-Policy"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]


def test_unknown_host_is_rejected_with_400(live_site: LiveSite) -> None:
    response = fetch(live_site, "/", headers={"Host": "evil.example.com"})
    assert response.status == 400
    assert b"Sorry, we could not handle that request" in response.body


def test_pages_are_served_by_gunicorn_with_debug_off(live_site: LiveSite) -> None:
    response = fetch(live_site, "/no-such-page/")
    assert response.status == 404
    with urllib.request.urlopen(live_site.base_url + "/") as page:
        html = page.read().decode()
    assert 'id="main-content"' in html
    assert not re.search(r"Traceback|DEBUG = True|technical_500", html)


def test_gunicorn_runs_sync_workers_and_leaves_access_logging_to_the_proxy(
    live_site: LiveSite,
) -> None:
    """infant_mh/gunicorn.conf.py's defaults (issue 12): the `sync` worker, no access log."""
    assert fetch(live_site, "/?access-log-probe").status == 200
    log = live_site.log_path.read_text()
    assert "Using worker: sync" in log
    assert "access-log-probe" not in log


def test_favicon_requests_find_the_icon(live_site: LiveSite) -> None:
    response = fetch(live_site, "/favicon.ico")
    assert response.status == 301
    assert response.getheader("Location").endswith(".svg")


def test_documents_are_not_served_straight_from_media(live_site: LiveSite) -> None:
    assert fetch(live_site, "/media/documents/anything.pdf").status == 404


@pytest.fixture(scope="module")
def https_site(live_site: LiveSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    """The same deployment with HTTPS enforcement on, as behind a TLS-terminating proxy."""
    with running_site(
        tmp_path_factory.mktemp("https-site"),
        extra_env={"HTTPS_ONLY": "true"},
        database_url=live_site.database_url,
    ) as site:
        yield site


def test_plain_http_is_redirected_to_https(https_site: LiveSite) -> None:
    response = fetch(https_site, "/")
    assert response.status == 301
    assert response.getheader("Location") == f"https://127.0.0.1:{https_site.port}/"


def test_https_behind_proxy_gets_hsts(https_site: LiveSite) -> None:
    response = fetch(https_site, "/", headers={"X-Forwarded-Proto": "https"})
    assert response.status == 200
    hsts = response.getheader("Strict-Transport-Security")
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert response.getheader("Set-Cookie") is None
