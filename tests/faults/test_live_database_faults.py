"""The database stops, then freezes, under a live gunicorn (production settings, email worker
run after the outage, SMTP sink on loopback), on the tests' own throwaway PostgreSQL server:

- outage (`pg_ctl stop -m immediate`): pages answer 503 with urgent help within 5 s, static files
  are served at once, a contact form post says the message was not sent; after a restart the
  pages answer 200 again with the same gunicorn;
- freeze (SIGSTOP of the server and every backend): the same within 5 s, with static files
  served while page requests wait; after SIGCONT, 200 again;
- every enquiry accepted before the outage is delivered after it, exactly once.

Runs only when DATABASE_URL is PostgreSQL (CI's PostgreSQL run): the server it stops is its own
either way, and that run already has the migrated, seeded template to copy with pg_dump.
The measured times are printed (the figures in the README come from them).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from bs4 import BeautifulSoup

from infant_mh.postgresql.base import HEALTH_CHECK_SECONDS
from tests.enquiries.forms import VALID, form_fields, topic_values
from tests.enquiries.smtp import SMTPEndpoint
from tests.enquiries.test_live_worker import Browser, send_enquiry, team_messages, wait_until
from tests.faults.postgres_server import ThrowawayPostgres, binaries
from tests.live_site import LiveSite, _template_site, running_site

PHONE = "01724 000000"
EMAIL = "team@example.org"
LIMIT = 5.0  # seconds a page may take while the database is unavailable
FREEZE_SECONDS = 8
PAGES = ["/", "/contact/", "/parents/", "/search/?q=sleep"]

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="runs in the PostgreSQL run only (it starts its own PostgreSQL server)",
    ),
    # In CI a missing server package is a failure (the `server` fixture), not a skip.
    pytest.mark.skipif(
        binaries() is None and not os.environ.get("CI"),
        reason="needs Debian's postgresql package (/usr/lib/postgresql/*/bin)",
    ),
]

figures: list[str] = []


@pytest.fixture(scope="module")
def smtp() -> Iterator[SMTPEndpoint]:
    endpoint = SMTPEndpoint()
    endpoint.accept()
    yield endpoint
    endpoint.stop()


@pytest.fixture(scope="module")
def server() -> Iterator[ThrowawayPostgres]:
    bin_dir = binaries()
    assert bin_dir, "install Debian's postgresql package: /usr/lib/postgresql/*/bin is missing"
    started = time.monotonic()
    pg = ThrowawayPostgres(bin_dir)
    try:
        pg.init()
        pg.start()
        figures.append(
            f"throwaway server initialised and started in {time.monotonic() - started:.2f}"
        )
        yield pg
    finally:
        pg.destroy()


@pytest.fixture(scope="module")
def site(tmp_path_factory, server, smtp) -> Iterator[LiveSite]:
    template = _template_site(seed=True)
    started = time.monotonic()
    server.load("infant_mh", template.database_url)
    figures.append(f"seeded database copied (pg_dump) in {time.monotonic() - started:.2f}")
    workdir = tmp_path_factory.mktemp("faults-live")
    if template.media_root.exists():
        shutil.copytree(template.media_root, workdir / "media")
    extra_env = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "ENQUIRY_MIN_FILL_SECONDS": "0",
        "ENQUIRY_RATE_LIMIT_COUNT": "50",
        "CONTACT_FALLBACK_PHONE": PHONE,
        "CONTACT_FALLBACK_EMAIL": EMAIL,
        # These tests follow a render through the fault. A page the page cache holds, or one the
        # content memo can render with no query (home, topic pages), is served without the
        # database, which would hide the path under test.
        "PAGE_CACHE_ENABLED": "false",
        "CONTENT_MEMO_ENABLED": "false",
        # Static files answered while pages wait on a frozen database need a free thread:
        # gunicorn's default `sync` worker serves one request at a time per process, so there
        # they queue behind the pages (up to the breaker's limit), and in compose the edge cache
        # answers them instead. This module runs the threaded worker a deployment without an
        # edge cache should use (README, "When the database is unavailable").
        "GUNICORN_THREADS": "2",
    }
    with running_site(workdir, extra_env=extra_env, database_url=server.url("infant_mh")) as live:
        yield live


@pytest.fixture(scope="module", autouse=True)
def print_figures(request) -> Iterator[None]:
    yield
    if figures:
        with request.config.pluginmanager.get_plugin(
            "capturemanager"
        ).global_and_fixture_disabled():
            print("\nDatabase fault figures (seconds):\n  " + "\n  ".join(figures))


def get(site: LiveSite, path: str, timeout: float = 30) -> tuple[int, float, str]:
    """GET over a fresh connection: status, seconds taken, body."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode(errors="replace")
        return response.status, time.monotonic() - started, body
    finally:
        conn.close()


def static_path(site: LiveSite) -> str:
    status, _, html = get(site, "/")
    assert status == 200
    return BeautifulSoup(html, "html.parser").find("link", rel="stylesheet")["href"]


def text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


def assert_unavailable_page(status: int, seconds: float, html: str) -> None:
    assert status == 503, text(html)[:300]
    assert seconds < LIMIT
    page = text(html)
    assert "Sorry, the service is unavailable" in page
    assert "Call 999" in page and "Call NHS 111" in page
    assert PHONE in page and EMAIL in page


def burst(site: LiveSite, static: str) -> tuple[list, list]:
    """Two rounds of every page at once (more requests than gunicorn has threads), with static
    requests one after another meanwhile."""
    with ThreadPoolExecutor(max_workers=len(PAGES) * 2 + 1) as pool:
        pages = [pool.submit(get, site, path) for path in PAGES * 2]
        time.sleep(0.2)  # the page requests hold the threads first
        statics = []
        while not all(page.done() for page in pages):
            statics.append(get(site, static))
            time.sleep(0.01)
        return [page.result() for page in pages], statics


def record(label: str, results: list) -> None:
    times = sorted(seconds for _, seconds, _ in results)
    figures.append(
        f"{label}: {len(times)} requests, slowest {times[-1]:.2f}, fastest {times[0]:.2f}"
    )


def wait_for_recovery(site: LiveSite, label: str) -> None:
    """Until every page answers 200 twice over (each gunicorn worker process notices the
    server is back by itself, within the breaker's pause)."""
    started = time.monotonic()
    wait_until(
        lambda: all(get(site, path)[0] == 200 for path in PAGES * 2), timeout=30, interval=0.2
    )
    figures.append(f"{label}: every page 200 again after {time.monotonic() - started:.2f}")


accepted: list[str] = []


def test_outage_gives_fast_503_static_files_and_not_sent_then_recovers(site, server, smtp):
    smtp.refuse()  # nothing is delivered before the outage
    gunicorn = site.process.pid
    static = static_path(site)
    for n in range(3):
        accepted.append(send_enquiry(site, f"before.outage{n}@example.org"))
    # A form filled in before the outage, posted during it.
    browser = Browser(site.base_url)
    _, _, html = browser.request("/contact/")
    form = {**form_fields(html), **VALID, "topic": next(iter(topic_values(html).values()))}

    server.stop_immediately()
    pages = [get(site, path) for path in PAGES]
    for result in pages:
        assert_unavailable_page(*result)
    record("outage, pages (503)", pages)
    statics = [get(site, static) for _ in range(5)]
    assert all(status == 200 for status, _, _ in statics)
    assert max(seconds for _, seconds, _ in statics) < 1
    record("outage, static files (200)", statics)
    started = time.monotonic()
    status, _, html = browser.request("/contact/", form)
    figures.append(f"outage, contact post: {status} in {time.monotonic() - started:.2f}")
    assert status == 503
    page = text(html)
    assert "Your message has not been sent" in page
    assert PHONE in page and EMAIL in page
    assert re.search(r'href="tel:01724000000"', html)

    server.start()
    wait_for_recovery(site, "outage ended")
    assert site.process.pid == gunicorn and site.process.poll() is None


def test_freeze_gives_503_within_5_seconds_and_static_files_meanwhile(site, server):
    static = static_path(site)
    assert get(site, "/")[0] == 200  # persistent connections are open
    server.freeze()
    pages, statics = [], []
    try:
        # Bursts for FREEZE_SECONDS: the first meets open connections, later ones the pause
        # after which one request per process tries the server again.
        frozen_until = time.monotonic() + FREEZE_SECONDS
        while time.monotonic() < frozen_until:
            more_pages, more_statics = burst(site, static)
            pages += more_pages
            statics += more_statics
            time.sleep(0.5)
    finally:
        server.thaw()
    record("freeze, pages (503)", pages)
    record("freeze, static files (200)", statics)
    for result in pages:
        assert_unavailable_page(*result)
    assert statics and all(status == 200 for status, _, _ in statics)
    # A static request may queue behind its process's threads while they wait on a persistent
    # connection's health check (at most HEALTH_CHECK_SECONDS, then the breaker fails fast),
    # never behind a page's whole deadline (3 s). Slack for a loaded machine.
    assert max(seconds for _, seconds, _ in statics) < HEALTH_CHECK_SECONDS + 0.5
    wait_for_recovery(site, "freeze ended")


def test_every_enquiry_accepted_before_the_outage_is_delivered(site, smtp):
    assert len(accepted) == 3
    smtp.accept()
    site.manage(
        "db_worker", "--backend=database", "--queue-name=enquiries", "--batch", "--no-startup-delay"
    )
    for reference in accepted:
        assert len(team_messages(smtp, reference)) == 1, reference
