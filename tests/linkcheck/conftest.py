"""Fixtures for the link checker: a loopback web server, a refused port, and a checker that can
only ever connect to 127.0.0.1 (so no test request leaves this machine)."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from urllib.parse import SplitResult

import pytest

from linkcheck.checker import Checker, connect_directly
from linkcheck.run import checker_from_settings
from tests.enquiries.smtp import SMTPEndpoint, smtp_relay
from tests.linkcheck.web_server import WebServer
from tests.live_site import free_port

TIMEOUT = 0.5


@pytest.fixture(scope="module")
def web() -> Iterator[WebServer]:
    server = WebServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def refused_url() -> str:
    """A loopback port with nothing listening."""
    return f"http://127.0.0.1:{free_port()}/anything"


def loopback_only(parts: SplitResult, timeout: float) -> http.client.HTTPConnection:
    if parts.hostname != "127.0.0.1":
        raise AssertionError(f"a test tried to reach {parts.hostname}")
    return connect_directly(parts, timeout)


@pytest.fixture(autouse=True)
def quick_checks(settings) -> None:
    settings.LINKCHECK_TIMEOUT_SECONDS = TIMEOUT
    settings.LINKCHECK_CONCURRENCY = 8
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"


@pytest.fixture
def checker() -> Checker:
    return checker_from_settings(connect=loopback_only)


@pytest.fixture
def smtp(settings) -> Iterator[SMTPEndpoint]:
    """A real SMTP server (aiosmtpd) on loopback for the editors' email."""
    with smtp_relay(settings, "EMAIL_BACKEND") as endpoint:
        yield endpoint
