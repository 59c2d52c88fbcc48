"""End to end over real HTTP: gunicorn with the email worker beside it (RUN_TASK_WORKER) and a
real SMTP server on loopback. Only what needs real processes is here: an enquiry arriving, and a
worker killed mid-send. Refusing and hanging SMTP servers are tested in test_delivery.py, through
the same worker loop and a real SMTP server, and test_form.py shows a submission only queues.
One deployment for the module; the SMTP port's behaviour is switched between tests."""

from __future__ import annotations

import http.cookiejar
import os
import signal
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup

from tests.enquiries.forms import VALID, form_fields, topic_values
from tests.enquiries.smtp import SMTPEndpoint
from tests.live_site import LiveSite, running_site

INBOX = "infantmentalhealth@northlincs.gov.uk"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: cookies, forms, no automatic redirects."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


def send_enquiry(site: LiveSite, email: str, topic: str = "A general question") -> str:
    """Fill in the form like a person, follow the redirect, return the reference shown."""
    browser = Browser(site.base_url)
    status, _, html = browser.request("/contact/")
    assert status == 200
    assert [c.name for c in browser.cookies] == ["csrftoken"]
    data = {**form_fields(html), **VALID, "email": email, "topic": topic_values(html)[topic]}
    status, headers, _ = browser.request("/contact/", data)
    assert status == 303, _
    status, _, confirmation = browser.request(headers["Location"])
    assert status == 200
    return BeautifulSoup(confirmation, "html.parser").find(attrs={"data-reference": True}).text


def team_messages(smtp: SMTPEndpoint, reference: str) -> list:
    return [m for m in smtp.to(INBOX) if reference in str(m["Subject"])]


def wait_until(condition, timeout: float = 20.0, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(interval)
    raise AssertionError("timed out waiting")


@pytest.fixture(scope="module")
def smtp() -> Iterator[SMTPEndpoint]:
    endpoint = SMTPEndpoint()
    endpoint.accept()
    yield endpoint
    endpoint.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory, smtp) -> Iterator[LiveSite]:
    extra_env = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_TIMEOUT": "4",
        "RUN_TASK_WORKER": "true",
        "TASK_WORKER_INTERVAL": "0.2",
        "ENQUIRY_MIN_FILL_SECONDS": "0",
        "ENQUIRY_RETRY_DELAYS": "1,1,1,1,1,1",
        "ENQUIRY_RETRY_REPEAT_SECONDS": "1",
        "ENQUIRY_STALE_SENDING_SECONDS": "2",
        "ENQUIRY_RATE_LIMIT_COUNT": "50",
    }
    with running_site(tmp_path_factory.mktemp("enquiries-live"), extra_env=extra_env) as live:
        wait_until(lambda: live.task_worker_pids(), timeout=10)
        yield live


def test_enquiry_arrives_at_the_inbox_and_sender_gets_acknowledgement(site, smtp):
    smtp.accept()
    reference = send_enquiry(site, "parent.one@example.org")
    assert reference.startswith("IMH-")
    team = wait_until(lambda: team_messages(smtp, reference))
    assert len(team) == 1
    assert team[0]["Reply-To"] == f"{VALID['name']} <parent.one@example.org>"
    assert "A general question" in team[0]["Subject"]
    assert VALID["message"] in team[0].get_content()
    ack = wait_until(lambda: smtp.to("parent.one@example.org"))
    assert reference in ack[0]["Subject"]
    assert "not for emergencies" in ack[0].get_content()
    assert "999" in ack[0].get_content()  # the seeded urgent-help lines


def test_worker_killed_mid_send_is_recovered_by_the_sweep(site, smtp):
    smtp.hang()
    reference = send_enquiry(site, "parent.four@example.org")
    wait_until(lambda: smtp._hanging_clients, timeout=5)  # claimed: status "sending"
    for pid in site.task_worker_pids():
        os.kill(pid, signal.SIGKILL)
    smtp.accept()
    time.sleep(2.5)  # older than ENQUIRY_STALE_SENDING_SECONDS
    swept = site.manage("sweep_enquiries")
    assert "Re-queued 1 enquiries." in swept.stdout
    # gunicorn's master has restarted the worker meanwhile (operations/supervisor.py): it sends.
    wait_until(lambda: team_messages(smtp, reference))
    assert len(team_messages(smtp, reference)) == 1
