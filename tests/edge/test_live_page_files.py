"""Page files: a real deployment writing its public pages under EDGE_PAGES_DIR, and nginx with
deploy/nginx.conf sending them itself (caching/page_files.py), as compose's web and proxy do.

- The second request for a public page (a filtered listing too) is a page file, with the body
  and every header the origin sent, gzip beside it and a 304 for its ETag.
- Editors (session cookie), Authorization, unsafe query strings, search and the contact form
  (which sets a cookie) always reach the origin.
- A published change is visible through nginx within a second of its commit (about 0.1 s).
"""

from __future__ import annotations

import gzip
import shutil
import ssl
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from caching.page_files import canonical_value
from tests.live_site import LiveSite, free_port, running_site
from tests.nginx_proxy import running_nginx_proxy

PAGE_FILE = "HIT (page file)"
PUBLIC_PAGES = [
    "/",
    "/parents/",
    "/parents/crying-and-comforting/",
    "/useful-links/?audience=parents",
]
# Headers of the connection or of the file, not of the page: nginx writes its own.
TRANSPORT_HEADERS = {
    "date",
    "server",
    "connection",
    "content-length",
    "etag",
    "last-modified",
    "accept-ranges",
    "x-cache",
    "content-encoding",
}
VISIBLE_WITHIN_SECONDS = 1.0
PUBLISH = """
from wagtail.models import Page
page = Page.objects.get(slug="crying-and-comforting").specific
page.title = {title!r}
page.save_revision().publish()
"""


@pytest.fixture(scope="module")
def edge_pages() -> Iterator[Path]:
    """The shared folder, which nginx's unprivileged workers must be able to read."""
    folder = Path(tempfile.mkdtemp(prefix="edge-pages-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory, edge_pages) -> Iterator[LiveSite]:
    extra_env = {"EDGE_PAGES_DIR": str(edge_pages), "PAGE_CACHE_ENABLED": "true"}
    with running_site(tmp_path_factory.mktemp("page-files-site"), extra_env=extra_env) as live:
        # nginx passes the host without its port, and says the request came over HTTPS.
        written = live.manage("write_edge_pages_config", "--host", "127.0.0.1", "--scheme", "https")
        assert "page-headers.conf" in written.stdout
        yield live


@pytest.fixture(scope="module")
def proxy(tmp_path_factory, site, edge_pages) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("nginx")
    with running_nginx_proxy(workdir, site.port, free_port(), edge_pages=edge_pages) as base_url:
        deadline = time.monotonic() + 10
        while get(base_url, "/healthz")[0] != 200:
            assert time.monotonic() < deadline, (workdir / "error.log").read_text()
            time.sleep(0.1)
        yield base_url


def get(base_url: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(base_url + path, headers=headers)
    try:
        with urllib.request.urlopen(request, context=context, timeout=30) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()
    except OSError:
        return 0, {}, b""


def page_headers(headers: dict[str, str]) -> dict[str, str]:
    """The page's own headers (a policy's directives in a canonical order)."""
    return {
        name.lower(): canonical_value(name, value)
        for name, value in headers.items()
        if name.lower() not in TRANSPORT_HEADERS
    }


def test_a_public_page_is_sent_from_its_file_with_the_origins_body_and_headers(proxy):
    for path in PUBLIC_PAGES:
        status, from_origin, body = get(proxy, path)
        assert status == 200 and from_origin.get("X-Cache") != PAGE_FILE, (path, from_origin)
        status, from_file, file_body = get(proxy, path)
        assert (status, from_file.get("X-Cache")) == (200, PAGE_FILE), (path, from_file)
        assert file_body == body, path
        assert page_headers(from_file) == page_headers(from_origin), path
        assert "Content-Security-Policy" in from_file and "s-maxage=" in from_file["Cache-Control"]


def test_page_files_are_sent_gzipped_and_revalidated(proxy):
    status, _headers, body = get(proxy, "/parents/")
    status, headers, zipped = get(proxy, "/parents/", **{"Accept-Encoding": "gzip"})
    assert (status, headers["X-Cache"], headers.get("Content-Encoding")) == (200, PAGE_FILE, "gzip")
    assert gzip.decompress(zipped) == body
    assert headers["Vary"] == "Accept-Encoding"
    for validator in ("If-None-Match", "If-Modified-Since"):
        value = headers["ETag" if validator == "If-None-Match" else "Last-Modified"]
        status, _headers, body = get(
            proxy, "/parents/", **{"Accept-Encoding": "gzip", validator: value}
        )
        assert (status, body) == (304, b""), validator


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/parents/", {"Cookie": "sessionid=an-editors-session"}),
        ("/parents/", {"Cookie": "messages=a-pending-message"}),
        ("/parents/", {"Authorization": "Basic ZWRpdG9yOnNlY3JldA=="}),
        ("/useful-links/?audience=parents/../x", {}),
        ("/search/?q=crying", {}),
        ("/contact/", {}),
    ],
)
def test_editors_odd_queries_search_and_forms_always_reach_the_origin(proxy, path, headers):
    for _attempt in range(3):
        status, answered, _body = get(proxy, path, **headers)
        assert status == 200 and answered.get("X-Cache") != PAGE_FILE, (path, answered)


def test_a_published_change_is_sent_within_a_second_of_its_commit(proxy, site):
    """The site moves `current` on as it commits, and nginx looks a page file up afresh each
    tenth of a second ($edge_pages_tick): each of three publishes is visible within the
    second, then sent from its own page file again."""
    topic = "/parents/crying-and-comforting/"
    timings = []
    for number in (1, 2, 3):
        for _attempt in range(2):
            status, headers, _body = get(proxy, topic)
        assert (status, headers["X-Cache"]) == (200, PAGE_FILE)
        title = f"Crying and comforting (a page file retired, {number})"
        site.manage("shell", "-c", PUBLISH.format(title=title))
        committed = time.monotonic()
        while title not in get(proxy, topic)[2].decode():
            assert time.monotonic() - committed < 5, "still the old page file after 5 s"
            time.sleep(0.01)
        timings.append(time.monotonic() - committed)
        status, headers, body = get(proxy, topic)
        assert (headers["X-Cache"], title in body.decode()) == (PAGE_FILE, True)
    print("\npublish to visible through page files: " + ", ".join(f"{t:.3f}" for t in timings))
    assert max(timings) < VISIBLE_WITHIN_SECONDS
