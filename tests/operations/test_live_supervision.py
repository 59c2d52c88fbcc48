"""A `make run`-style deployment (gunicorn with RUN_TASK_WORKER) behind real nginx using
deploy/nginx.conf, and a real SMTP server on loopback. One deployment for the module.

- The task worker killed with SIGKILL is restarted by gunicorn's master, and an enquiry sent
  afterwards reaches the inbox with no manual step.
- /healthz and /readyz answer over plain HTTP straight from gunicorn, and through the proxy.
- The worker outlives a database outage (connections refused on PostgreSQL, the file gone on
  SQLite): same process before and after, and the next enquiry arrives.
- Only the proxy speaks for the client: X-Forwarded-For values a client makes up through nginx
  all count as one client; straight to gunicorn they would not (why compose hides its port).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.enquiries.forms import VALID, form_fields, topic_values
from tests.enquiries.smtp import SMTPEndpoint
from tests.enquiries.test_live_worker import NoRedirect, send_enquiry, team_messages, wait_until
from tests.live_site import (
    LiveSite,
    _database_name,
    _is_postgres,
    _server_admin,
    free_port,
    running_site,
)
from tests.nginx_proxy import running_nginx_proxy


class Client:
    """Cookies, forms, no redirects; optionally through TLS with a made-up X-Forwarded-For."""

    def __init__(self, base_url: str, forwarded_for: str | None = None):
        self.base_url = base_url
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            urllib.request.HTTPSHandler(context=context),
            NoRedirect,
        )
        self.headers = {"Origin": base_url}
        if forwarded_for:
            self.headers["X-Forwarded-For"] = forwarded_for

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=self.headers)
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def send_enquiry(self, email: str) -> None:
        status, _, html = self.request("/contact/")
        assert status == 200
        data = {**form_fields(html), **VALID, "email": email}
        data["topic"] = topic_values(html)["A general question"]
        status, _, body = self.request("/contact/", data)
        assert status == 303, body


def clients_counted(site: LiveSite, *domains: str) -> list[int]:
    """How many different clients the stored enquiries from each domain were counted as."""
    code = "from enquiries.models import Enquiry\n" + "".join(
        f"print(Enquiry.objects.filter(email__endswith='@{domain}')"
        ".values('client_hash').distinct().count())\n"
        for domain in domains
    )
    return [int(n) for n in site.manage("shell", "-c", code).stdout.split()[-len(domains) :]]


@contextmanager
def database_outage(site: LiveSite) -> Iterator[None]:
    """The deployment's own database goes away, then comes back (never the shared server)."""
    if _is_postgres(site.database_url):
        name = _database_name(site.database_url)
        with _server_admin(site.database_url) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [name],
            )
            try:
                yield
            finally:
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        return
    path = Path(_database_name(site.database_url))
    files = [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))]
    moved = [(f, f.with_name(f.name + ".away")) for f in files if f.exists()]
    for original, away in moved:
        original.rename(away)
    try:
        yield  # connections opened meanwhile find an empty database: "no such table"
    finally:
        for original in files:
            original.unlink(missing_ok=True)
        for original, away in moved:
            away.rename(original)


@pytest.fixture(scope="module")
def smtp() -> Iterator[SMTPEndpoint]:
    endpoint = SMTPEndpoint()
    endpoint.accept()
    yield endpoint
    endpoint.stop()


@pytest.fixture(scope="module")
def proxy_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def site(tmp_path_factory, smtp, proxy_port) -> Iterator[LiveSite]:
    workdir = tmp_path_factory.mktemp("operations-live")
    extra_env = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_TIMEOUT": "4",
        "RUN_TASK_WORKER": "true",
        "TASK_WORKER_INTERVAL": "0.2",
        # A SQLite "outage" (its files moved away) is seen only by connections opened after it:
        # one per request and per worker poll here, instead of the kept ones.
        "DATABASE_CONN_MAX_AGE": "0",
        "WORKER_HEARTBEAT_SECONDS": "1",
        "WORKER_DB_RETRY_MAX_SECONDS": "2",
        "ENQUIRY_MIN_FILL_SECONDS": "0",
        "ENQUIRY_RATE_LIMIT_COUNT": "50",
        "TRUSTED_PROXY_COUNT": "1",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        # Forms posted through the proxy (over plain HTTP, the origin is the request's host).
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{proxy_port}",
    }
    with running_site(workdir, extra_env=extra_env) as live:
        wait_until(lambda: live.task_worker_pids(), timeout=15)
        yield live


@pytest.fixture(scope="module")
def proxy(tmp_path_factory, site, proxy_port) -> Iterator[str]:
    """nginx with deploy/nginx.conf, its upstream, ports and certificates pointed at this test."""
    with running_nginx_proxy(tmp_path_factory.mktemp("nginx"), site.port, proxy_port) as base_url:
        wait_until(lambda: _answers(base_url + "/healthz"), timeout=10)
        yield base_url


def _answers(url: str) -> bool:
    try:
        return Client(url).request("")[0] == 200
    except OSError:
        return False


def test_health_endpoints_straight_from_gunicorn_and_through_the_proxy(site, proxy):
    ready = wait_until(lambda: Client(site.base_url).request("/readyz")[0] == 200, timeout=15)
    assert ready
    for base_url in [site.base_url, proxy]:
        status, headers, body = Client(base_url).request("/readyz")
        assert status == 200, body
        assert re.search(r"^worker: heartbeat \d s ago$", body, re.M), body
        assert "no-store" in headers["Cache-Control"]
        assert "Set-Cookie" not in headers
        status, headers, body = Client(base_url).request("/healthz")
        assert (status, body) == (200, "ok\n")
        assert "Set-Cookie" not in headers


def test_killed_worker_is_restarted_and_the_next_enquiry_arrives(site, smtp):
    [first] = wait_until(lambda: site.task_worker_pids(), timeout=15)
    os.kill(first, signal.SIGKILL)
    killed = time.monotonic()
    [_restarted_pid] = wait_until(
        lambda: [p for p in site.task_worker_pids() if p != first], timeout=10
    )
    restarted = time.monotonic() - killed
    reference = send_enquiry(site, "after.kill@example.org")
    submitted = time.monotonic() - killed
    wait_until(lambda: team_messages(smtp, reference), timeout=20)
    delivered = time.monotonic() - killed
    print(
        f"worker restarted {restarted:.2f} s after SIGKILL; enquiry submitted at "
        f"{submitted:.2f} s, delivered at {delivered:.2f} s"
    )
    assert restarted < 3  # first restart waits TASK_WORKER_RESTART_DELAY (1 s)
    assert len(team_messages(smtp, reference)) == 1
    assert "exited with signal 9; restarting it in 1 s" in site.log_path.read_text()


def test_only_the_proxy_says_who_the_client_is(site, proxy):
    for made_up in ["198.51.100.1", "198.51.100.2", "198.51.100.3"]:
        Client(proxy, forwarded_for=made_up).send_enquiry(f"{made_up}@via-proxy.example.org")
    # Straight to gunicorn, a made-up header would count as another client each time: this is
    # why compose does not publish gunicorn's port.
    for made_up in ["203.0.113.1", "203.0.113.2"]:
        Client(site.base_url, forwarded_for=made_up).send_enquiry(f"{made_up}@direct.example.org")
    assert clients_counted(site, "via-proxy.example.org", "direct.example.org") == [1, 2]


def test_worker_outlives_a_database_outage(site, smtp):
    [worker] = wait_until(lambda: site.task_worker_pids(), timeout=15)
    with database_outage(site):
        wait_until(lambda: "Task worker lost the database" in site.log_path.read_text(), timeout=15)
        assert Client(site.base_url).request("/readyz")[0] == 503
    reference = send_enquiry(site, "after.outage@example.org")
    wait_until(lambda: team_messages(smtp, reference), timeout=20)
    assert site.task_worker_pids() == [worker]  # the same process: no restart was needed
    wait_until(lambda: Client(site.base_url).request("/readyz")[0] == 200, timeout=10)
