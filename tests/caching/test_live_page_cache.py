"""The page cache on a real gunicorn deployment (2 worker processes, the production settings).

A hit is proven without timing and without any header saying so: the page's title is changed
straight in the database, behind the application's back (no signal, no purge), and every worker
keeps answering with the page as it was, so none of them rendered it again. A real publish (in
another process, as an editor's or the task worker's would be) is then visible within 1 s on
both workers: the access log names the worker process that answered each request.
"""

from __future__ import annotations

import gzip
import http.client
import pickle
import re
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import dj_database_url
import psycopg
import pytest

from tests.live_site import LiveSite, running_site

TOPIC = "/parents/crying-and-comforting/"
TOPIC_PATH = "/home/parents/crying-and-comforting/"
OTHER = "/parents/"
OTHER_PATH = "/home/parents/"
# Each access log line names the worker process and the request's X-Probe header, so an answer
# (and the title in it) is matched to the worker that gave it.
ACCESS_LOG_FORMAT = "--access-logformat 'served-by %(p)s probe %({x-probe}i)s %(s)s'"
REQUESTS_PER_ROUND = 16
MAX_ROUNDS = 20
WORKERS = 2  # tests.live_site serves with 2 worker processes


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    extra_env = {
        "GUNICORN_ACCESS_LOG": "-",
        "GUNICORN_CMD_ARGS": ACCESS_LOG_FORMAT,
        "PAGE_CACHE_ENABLED": "true",
    }
    with running_site(tmp_path_factory.mktemp("page-cache"), extra_env=extra_env) as deployment:
        yield deployment


def fetch(
    site: LiveSite, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=20)
    conn.request(method, path, headers={"Connection": "close", **(headers or {})})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def title_of(body: bytes) -> str:
    match = re.search(rb"<h1[^>]*>\s*(.*?)\s*</h1>", body, re.S)
    assert match, body[:500]
    return match.group(1).decode()


def get_all(site: LiveSite, path: str, marker: str) -> dict[str, tuple[float, bytes]]:
    """REQUESTS_PER_ROUND GETs of `path`, 8 at a time, each with its own X-Probe header: when
    each answer arrived (monotonic) and its body, by probe."""

    def get(probe: str) -> tuple[float, bytes]:
        body = fetch(site, path, {"X-Probe": probe}).body  # type: ignore[attr-defined]
        return time.monotonic(), body

    probes = [f"{marker}-{number}" for number in range(REQUESTS_PER_ROUND)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip(probes, pool.map(get, probes), strict=True))


def workers_by_probe(site: LiveSite, probes: Iterable[str]) -> dict[str, str]:
    """Which worker process answered each of `probes`, from the access log (polled until
    gunicorn has written them all)."""
    wanted = set(probes)
    deadline = time.monotonic() + 5
    while True:
        answered = {}
        for line in site.log_path.read_text().splitlines():
            match = re.search(r"served-by <?(\d+)>? probe (\S+) 200", line)
            if match:
                answered[match.group(2)] = match.group(1)
        if wanted <= answered.keys() or time.monotonic() > deadline:
            return answered
        time.sleep(0.02)


def titles_by_worker(site: LiveSite, path: str, marker: str) -> dict[str, set[str]]:
    """The titles each worker process answered to rounds of GETs of `path`, until both workers
    have answered (a cached page is quick enough that one `sync` worker may take a whole round)."""
    served: dict[str, set[str]] = {}
    for round_number in range(MAX_ROUNDS):
        answers = get_all(site, path, f"{marker}{round_number}")
        workers = workers_by_probe(site, answers)
        for probe, (_arrived, body) in answers.items():
            served.setdefault(workers[probe], set()).add(title_of(body))
        if len(served) == WORKERS:
            break
    return served


def edit_title_behind_the_sites_back(site: LiveSite, url_path: str, title: str) -> None:
    """Change the title in the database directly: no model signal, so nothing is purged."""
    url = site.database_url
    if url.startswith(("postgres://", "postgresql://")):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "UPDATE wagtailcore_page SET title = %s WHERE url_path = %s", (title, url_path)
            )
        return
    with sqlite3.connect(dj_database_url.parse(url)["NAME"]) as conn:
        conn.execute("UPDATE wagtailcore_page SET title = ? WHERE url_path = ?", (title, url_path))


def publish_title(site: LiveSite, url_path: str, title: str) -> None:
    site.manage(
        "shell",
        "-c",
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(url_path={url_path!r}).specific\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n",
    )


def test_hits_on_every_worker_and_a_publish_is_visible_within_a_second(site: LiveSite) -> None:
    titles_by_worker(site, TOPIC, "warm")
    titles_by_worker(site, OTHER, "warm")
    edit_title_behind_the_sites_back(site, TOPIC_PATH, "Never rendered")
    edit_title_behind_the_sites_back(site, OTHER_PATH, "Renamed behind its back")

    served = titles_by_worker(site, TOPIC, "stale")
    assert len(served) == 2, served  # both worker processes answered
    assert all(titles == {"Crying and comforting"} for titles in served.values()), served

    publish_title(site, TOPIC_PATH, "Crying, and how to comfort")
    published = time.monotonic()
    # Every request after the publish committed gets the new page, whichever worker answers.
    first_fresh: dict[str, float] = {}
    for round_number in range(MAX_ROUNDS):
        answers = get_all(site, TOPIC, f"fresh{round_number}")
        workers = workers_by_probe(site, answers)
        for probe, (arrived, body) in answers.items():
            assert title_of(body) == "Crying, and how to comfort", probe
            worker = workers[probe]
            first_fresh[worker] = min(first_fresh.get(worker, arrived), arrived)
        if len(first_fresh) == WORKERS:
            break
    assert len(first_fresh) == WORKERS, first_fresh
    elapsed = max(first_fresh.values()) - published
    print(f"publish visible on both workers {elapsed:.3f} s after it committed")
    assert elapsed < 1
    # The whole site was purged: the other page is rendered again too (with its edited title).
    assert set().union(*titles_by_worker(site, OTHER, "other").values()) == {
        "Renamed behind its back"
    }


def test_http_caching_on_gunicorn(site: LiveSite) -> None:
    plain = fetch(site, "/")
    assert plain.status == 200
    assert plain.getheader("Cache-Control") == "public, max-age=0, s-maxage=60"
    assert plain.getheader("Vary") == "Accept-Encoding"
    assert plain.getheader("Set-Cookie") is None
    assert plain.getheader("Content-Security-Policy")
    etag = plain.getheader("ETag")
    for _ in range(2):  # the render, then hits
        brotli_response = fetch(site, "/", {"Accept-Encoding": "gzip, deflate, br"})
        assert brotli_response.getheader("Content-Encoding") == "br"
        assert brotli.decompress(brotli_response.body) == plain.body  # type: ignore[attr-defined]
        gzip_response = fetch(site, "/", {"Accept-Encoding": "gzip"})
        assert gzip.decompress(gzip_response.body) == plain.body  # type: ignore[attr-defined]
        assert gzip_response.getheader("Content-Security-Policy") == plain.getheader(
            "Content-Security-Policy"
        )
    not_modified = fetch(site, "/", {"If-None-Match": etag})
    assert not_modified.status == 304 and not_modified.body == b""  # type: ignore[attr-defined]
    head = fetch(site, "/", method="HEAD")
    assert head.status == 200 and head.getheader("Content-Length") == str(len(plain.body))  # type: ignore[attr-defined]


def test_what_stays_per_visitor_on_gunicorn(site: LiveSite) -> None:
    fetch(site, "/")
    assert fetch(site, "/", {"Host": "evil.example"}).status == 400
    contact = [fetch(site, "/contact/") for _ in range(2)]
    for response in contact:
        assert response.status == 200
        assert "csrftoken=" in (response.getheader("Set-Cookie") or "")
        assert "private" in response.getheader("Cache-Control")
    assert contact[0].body != contact[1].body  # type: ignore[attr-defined]
    term = "pagecacheprivateterm"
    for _ in range(2):
        search = fetch(site, f"/search/?q={term}")
        assert search.status == 200 and term.encode() in search.body  # type: ignore[attr-defined]
        assert search.getheader("Cache-Control") == "private, no-cache"
    stored = stored_bytes(Path(site.env["CACHE_DIR"]))
    assert b"<h1" in stored  # pages are stored there...
    assert term.encode() not in stored  # ...but never what a visitor typed


def stored_bytes(cache_dir: Path) -> bytes:
    """Everything Django's file cache holds there, unpacked (an expiry, then zlib'd pickle)."""
    contents = []
    for path in cache_dir.glob("*.djcache"):
        with path.open("rb") as file:
            pickle.load(file)  # noqa: S301 (our own cache files)
            contents.append(zlib.decompress(file.read()))
    return b"".join(contents)
