"""Fuzz the live site (gunicorn, production settings) with generated requests: odd paths, query
strings, methods, headers, and form posts in odd charsets and sizes, the contact form included
with a valid CSRF token. Every answer must be below 500 and the log must hold no traceback.

About 2,000 requests (FUZZ_BATCHES batches of BATCH_SIZE, each sent over 8 connections), with a
fixed seed so CI runs the same requests every time; FUZZ_SEED=random (or a number) explores."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from tests.hardening.rawhttp import HTTPS_PROXY_HEADERS, encode_request, get, send
from tests.live_site import LiveSite

FUZZ_BATCHES = int(os.environ.get("FUZZ_BATCHES", "100"))
BATCH_SIZE = 20
FUZZ_SEED = os.environ.get("FUZZ_SEED", "20261127")

EXTRA_PATHS = [
    "/",
    "/contact/",
    "/search/",
    "/robots.txt",
    "/sitemap.xml",
    "/favicon.ico",
    "/admin/login/",
    "/admin/password_reset/",
    "/media/images/",
    "/media/original_images/",
    "/documents/",
    "/static/",
    "/.well-known/security.txt",
]
METHODS = ["GET", "GET", "GET", "HEAD", "POST", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
ODD_METHODS = ["PROPFIND", "TRACE", "CONNECT", "FOO", "get", "BREW"]
CHARSETS = [
    "utf-8",
    "UTF-8",
    "utf8",
    "latin-1",
    "iso-8859-1",
    "windows-1252",
    "utf-16",
    "utf-32",
    "shift_jis",
    "rot13",
    "base64",
    "hex",
    "bogus",
    "",
    '"utf-8"',
    "utf-8; charset=latin-1",
]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "text/plain",
    "application/json",
    "application/octet-stream",
    "",
]
ODD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
) | st.sampled_from(
    [
        "\x00",
        "%00",
        "\u202e",
        "\ufeff",
        "ﬁ",
        "../../etc/passwd",
        "%",
        "%zz",
        "%c0%af",
        "%ff%fe",
        "a" * 300,
        "😀" * 50,
        "<script>",
        "' OR 1=1 --",
    ]
)


@dataclass
class FuzzRun:
    site: LiveSite
    paths: list[str]
    contact_fields: list[str]
    csrf_token: str
    csrf_cookie: str
    sent: int = 0
    server_errors: list[str] = field(default_factory=list)
    status_counts: dict[int, int] = field(default_factory=dict)
    contact_posts: int = 0
    contact_forms_shown: int = 0


def percent_encode(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="/%")


def chances(draw: st.DrawFn):
    """`chance(p)` is true with probability p. Hypothesis leans towards boundary values (an
    integers(0, 9) draw is 0 far more often than 1 time in 10), so proportions come from a
    Random that Hypothesis seeds (its own Random is biased the same way)."""
    rng = draw(st.randoms(use_true_random=True))
    return lambda probability: rng.random() < probability


@st.composite
def targets(draw: st.DrawFn, paths: list[str]) -> bytes:
    """A request target: a real page, a real page plus junk, junk, or something very long."""
    chance = chances(draw)
    kind = (
        "real" if chance(0.55)
        else "real+junk" if chance(0.35)
        else "junk" if chance(0.4)
        else "long" if chance(0.5)
        else "raw"
    )  # fmt: skip
    path = draw(st.sampled_from(paths))
    if kind == "real+junk":
        path = path.rstrip("/") + "/" + percent_encode(draw(ODD_TEXT))
    elif kind == "junk":
        segments = draw(st.lists(ODD_TEXT, min_size=1, max_size=4))
        path = "/" + "/".join(percent_encode(s) for s in segments)
    elif kind == "long":
        path = path + "x" * draw(st.integers(200, 7000)) + draw(st.sampled_from(["", ".png", "/"]))
    elif kind == "raw":  # bytes as they come, not percent-encoded (but no spaces or line breaks)
        raw = draw(st.binary(min_size=1, max_size=30)).translate(None, b" \r\n\t")
        return path.encode() + raw
    if chance(0.4):
        pairs = draw(st.lists(st.tuples(ODD_TEXT, ODD_TEXT), max_size=4))
        query = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in pairs)
        if chance(0.3):
            query += draw(st.sampled_from(["&&", "=", "%", "%zz", "q=%00", "q=" + "a" * 3000]))
        path += "?" + query
    return path.encode()


def encode_body(fields: list[tuple[str, str]], content_type: str, charset: str) -> bytes:
    codec = charset if charset.replace("-", "").lower() in {"utf8", "latin1", "utf16"} else "utf-8"
    if content_type.startswith("multipart"):
        boundary = "fuzzboundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            for k, v in fields
        ]
        return "".join([*parts, f"--{boundary}--\r\n"]).encode(codec, "replace")
    return "&".join(
        f"{quote(k.encode(codec, 'replace'))}={quote(v.encode(codec, 'replace'))}"
        for k, v in fields
    ).encode()


@st.composite
def requests(draw: st.DrawFn, run: FuzzRun) -> bytes:
    """One generated request, as bytes on the wire."""
    site = run.site
    chance = chances(draw)
    contact = chance(0.1)
    methods = ODD_METHODS if chance(0.05) else METHODS
    method = "POST" if contact else draw(st.sampled_from(methods))
    target = b"/contact/" if contact else draw(targets(run.paths))
    headers: list[tuple[str, str | bytes]] = [("Host", f"127.0.0.1:{site.port}")]
    if chance(0.95):
        headers.extend(HTTPS_PROXY_HEADERS)
    if chance(0.03):
        headers[0] = (
            "Host",
            draw(
                st.sampled_from(
                    [
                        "evil.example",
                        "",
                        "127.0.0.1:1",
                        "[::1]",
                        "a" * 300,
                        "127.0.0.1:xx",
                        "ünï.example",
                    ]
                )
            ),
        )
    optional = {
        "Cookie": st.sampled_from(
            [f"csrftoken={run.csrf_cookie}", "sessionid=junk", "=;;=", "csrftoken=" + "a" * 5000]
        ),
        "Range": st.sampled_from(["bytes=0-10", "bytes=10-0", "bytes=-", "bytes=99999999-", "x"]),
        "If-Modified-Since": st.sampled_from(["yesterday", "Sat, 01 Jan 2000 00:00:00 GMT", ""]),
        "If-None-Match": st.sampled_from(['"x"', "*", "W/", ""]),
        "Accept-Language": st.sampled_from(["*", "xx-YY", "en;q=abc", "ü" * 10]),
        "Accept-Encoding": st.sampled_from(["gzip", "br, zstd", "identity;q=0", "*;q=0"]),
        "X-Forwarded-For": st.sampled_from(["1.2.3.4", "junk", "1.1.1.1, 2.2.2.2", ""]),
        "Referer": st.sampled_from(["https://evil.example/", "junk", "https://127.0.0.1/"]),
        "Origin": st.sampled_from(
            ["null", "https://evil.example", f"https://127.0.0.1:{site.port}"]
        ),
        "User-Agent": ODD_TEXT,
    }
    # A contact post keeps its own cookie and origin, so that it reaches the form.
    skipped = {"Cookie", "Origin"} if contact else set()
    for name in [name for name in sorted(optional) if chance(0.15) and name not in skipped]:
        value = draw(optional[name])
        headers.append((name, value.encode("utf-8") if isinstance(value, str) else value))
    body = b""
    if method in {"POST", "PUT", "PATCH", "DELETE"} or chance(0.05):
        content_type = (
            "application/x-www-form-urlencoded" if contact else draw(st.sampled_from(CONTENT_TYPES))
        )
        charset = "" if chance(0.4) else "utf-8" if chance(0.4) else draw(st.sampled_from(CHARSETS))
        if content_type.startswith("multipart/form-data") and "boundary" not in content_type:
            content_type += "; boundary=fuzzboundary"
        if charset and content_type:
            content_type += f"; charset={charset}"
        if content_type:
            headers.append(("Content-Type", content_type))
        names = run.contact_fields if contact else ["q", "name", "csrfmiddlewaretoken", "x"]
        fields = [(name, draw(ODD_TEXT)) for name in draw(st.lists(st.sampled_from(names)))]
        if contact:
            fields.append(("csrfmiddlewaretoken", run.csrf_token))
            headers.append(("Cookie", f"csrftoken={run.csrf_cookie}"))
            headers.append(("Origin", f"https://127.0.0.1:{site.port}"))
        if chance(0.1):
            fields.append(("big", "z" * (10_000 if chance(0.8) else 3 * 1024 * 1024)))
        if chance(0.05):
            fields.extend((f"f{i}", "1") for i in range(1200))  # past DATA_UPLOAD_MAX_NUMBER_FIELDS
        body = encode_body(fields, content_type, charset)
        if chance(0.1):
            body = draw(st.binary(max_size=200))  # not a form at all
    return encode_request(method, target, headers, body)


def site_paths(site: LiveSite) -> list[str]:
    """Every page in the sitemap, a document and an image, and the site's other entry points."""
    sitemap = get(site, "/sitemap.xml").body.decode()
    paths = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    for page in ("/posters/", "/"):
        html = get(site, page).body.decode()
        paths += re.findall(r'(?:href|src)="(/(?:documents|media|static)/[^"?]+)', html)
    assert len(paths) > 20, "expected the seeded pages in the sitemap"
    return sorted(set(paths + EXTRA_PATHS))


def contact_form(site: LiveSite) -> tuple[list[str], str, str]:
    """The contact form's field names, a CSRF token for the form and the matching cookie."""
    response = get(site, "/contact/")
    html = response.body.decode()
    names = sorted(set(re.findall(r'<(?:input|textarea|select)[^>]*\sname="([^"]+)"', html)))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = next(
        c.split(";", 1)[0].split("=", 1)[1]
        for c in response.header_values("Set-Cookie")
        if c.startswith("csrftoken=")
    )
    assert {"name", "email", "message"} <= set(names)
    return names, token, cookie


@pytest.fixture(scope="module")
def fuzz_run(hardened_site: LiveSite) -> FuzzRun:
    names, token, cookie = contact_form(hardened_site)
    return FuzzRun(hardened_site, site_paths(hardened_site), names, token, cookie)


def test_fuzzed_requests_get_no_server_errors(
    fuzz_run: FuzzRun, capsys: pytest.CaptureFixture
) -> None:
    site = fuzz_run.site
    log_start = site.log_path.stat().st_size
    pool = ThreadPoolExecutor(max_workers=8)

    def status_of(request: bytes) -> int:
        try:
            response = send(site, request)
        except (AssertionError, OSError, ValueError, IndexError) as error:  # no or no HTTP answer
            fuzz_run.server_errors.append(f"{error!r}: {request[:300]!r}")
            return 599
        status = response.status
        fuzz_run.status_counts[status] = fuzz_run.status_counts.get(status, 0) + 1
        if status >= 500:
            fuzz_run.server_errors.append(f"{status}: {request[:300]!r}")
        if request.startswith(b"POST /contact/ ") and b"csrfmiddlewaretoken=" in request:
            html = (response.header("Content-Type") or "").startswith("text/html")
            fuzz_run.contact_posts += 1
            fuzz_run.contact_forms_shown += html and status in {400, 429}  # form with errors
        return status

    @settings(
        max_examples=FUZZ_BATCHES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: keeps the run bounded
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(requests(fuzz_run), min_size=BATCH_SIZE, max_size=BATCH_SIZE))
    def batch_gets_no_server_error(batch: list[bytes]) -> None:
        statuses = list(pool.map(status_of, batch))
        fuzz_run.sent += len(batch)
        assert all(status < 500 for status in statuses), [
            request[:300] for request, status in zip(batch, statuses, strict=True) if status >= 500
        ]

    if FUZZ_SEED != "random":
        batch_gets_no_server_error = seed(int(FUZZ_SEED))(batch_gets_no_server_error)
    try:
        batch_gets_no_server_error()
    finally:
        pool.shutdown()
        with capsys.disabled():  # in CI's log too: the figures for the README
            print(
                f"\nfuzz ({site.database_url.split(':', 1)[0]}): {fuzz_run.sent} requests, {len(fuzz_run.server_errors)} with a 5xx; "
                f"statuses {dict(sorted(fuzz_run.status_counts.items()))}; "
                f"{fuzz_run.contact_posts} contact posts, {fuzz_run.contact_forms_shown} validated"
            )
    log = site.log_path.read_bytes()[log_start:].decode("utf-8", "replace")
    assert "Traceback" not in log, log[log.index("Traceback") - 500 :][:5000]
    assert not re.search(r"\] \[ERROR\]| ERROR ", log), log
    assert fuzz_run.sent >= FUZZ_BATCHES * BATCH_SIZE
    # Not only refusals: real pages, and contact posts that reach the form's validation (the
    # form shown again with its errors, not the plain-text refusal).
    assert fuzz_run.status_counts.get(200, 0) > fuzz_run.sent / 10
    assert fuzz_run.contact_forms_shown > fuzz_run.contact_posts / 4
