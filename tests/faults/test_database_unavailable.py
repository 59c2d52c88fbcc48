"""In process: a database that fails gives the 503 page with urgent help (or, for a contact form
post, the "not sent" page with the phone number and address), rendered without any query; and
a request's database deadline cuts a server that never answers. The real outage and freeze are in
test_live_database_faults.py."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError, connection
from psycopg import OperationalError as DriverOperationalError

from enquiries.forms import EnquiryForm
from enquiries.models import Enquiry
from enquiries.not_sent import FORM_MARKER
from infant_mh.database_breaker import BREAK_SECONDS, Breaker, breaker
from infant_mh.database_deadline import database_deadline
from infant_mh.postgresql.base import DatabaseWrapper
from tests.enquiries.conftest import contact_page, topics  # noqa: F401 (fixtures)
from tests.enquiries.forms import VALID, form_fields, topic_values

pytestmark = pytest.mark.django_db

PHONE = "01724 000000"
EMAIL = "team@example.org"


@pytest.fixture(autouse=True)
def fallbacks(settings) -> None:
    settings.CONTACT_FALLBACK_PHONE = PHONE
    settings.CONTACT_FALLBACK_EMAIL = EMAIL


@contextmanager
def database_fails(when=lambda sql: True) -> Iterator[list[str]]:
    """Every query (or those `when` picks) raises OperationalError, as from a stopped server."""
    refused: list[str] = []

    def fail(execute, sql, params, many, context):
        if when(sql):
            refused.append(sql)
            raise OperationalError("connection refused (test)")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield refused


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def assert_urgent_help(text: str) -> None:
    assert "If you need help now" in text
    assert "Call 999" in text
    assert "Call NHS 111" in text


def test_page_request_gets_503_with_urgent_help_and_no_query(client, contact_page):  # noqa: F811
    client.raise_request_exception = False
    with database_fails() as refused:
        response = client.get("/")
    assert refused  # the page did need the database
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-cache" in response["Cache-Control"]
    text = text_of(response)
    assert "Sorry, the service is unavailable" in text
    assert_urgent_help(text)
    assert PHONE in text and EMAIL in text
    # Rendering asked nothing more of the database: only the page's own first query failed.
    assert len(refused) == 1


def test_failure_in_middleware_also_gets_503(client, contact_page):  # noqa: F811
    """The session lookup fails inside the middleware chain, before any view: handler500."""
    client.raise_request_exception = False
    client.cookies["sessionid"] = "a" * 32  # a well-formed key is looked up
    with database_fails():
        response = client.get("/admin/")
    assert response.status_code == 503
    assert_urgent_help(text_of(response))


def submit_contact_form(client, page_url: str):
    html = client.get(page_url).content.decode()
    data = {**form_fields(html), **VALID, "topic": next(iter(topic_values(html).values()))}
    return client.post(page_url, data)


def test_contact_post_that_cannot_be_stored_says_not_sent(client, contact_page):  # noqa: F811
    with database_fails(when=lambda sql: "enquiries_enquiry" in sql):
        response = submit_contact_form(client, contact_page.url)
    assert response.status_code == 503
    text = text_of(response)
    assert "Your message has not been sent" in text
    assert PHONE in text and EMAIL in text
    assert f'href="tel:{PHONE.replace(" ", "")}"' in response.content.decode()
    assert f'href="mailto:{EMAIL}"' in response.content.decode()
    assert_urgent_help(text)
    assert not Enquiry.objects.exists()


def test_contact_post_while_database_is_down_says_not_sent(client, contact_page):  # noqa: F811
    """The page itself cannot be found: still the "not sent" page, not the general 503."""
    client.raise_request_exception = False
    html = client.get(contact_page.url).content.decode()
    data = {**form_fields(html), **VALID, "topic": "1"}
    with database_fails():
        response = client.post(contact_page.url, data)
    assert response.status_code == 503
    assert "Your message has not been sent" in text_of(response)


def test_other_posts_get_the_general_page(client, contact_page):  # noqa: F811
    client.raise_request_exception = False
    with database_fails():
        response = client.post("/search/", {"q": "sleep"})
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in text_of(response)


def test_the_form_marker_is_the_enquiry_forms_own_field():
    assert FORM_MARKER in EnquiryForm.base_fields


def test_other_errors_still_get_the_500_page(client, contact_page, monkeypatch):  # noqa: F811
    client.raise_request_exception = False

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("enquiries.models.contact_page.EnquiryForm", broken)
    response = client.get(contact_page.url)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in text_of(response)


def test_contact_post_that_fails_for_another_reason_says_not_sent(
    client,
    contact_page,  # noqa: F811
    monkeypatch,
):
    """Any failure while handling the form (here a bug in storing it) is a 500 that says plainly
    the message was not sent, with the phone and email, never the general 500 page."""
    client.raise_request_exception = False
    html = client.get(contact_page.url).content.decode()
    data = {**form_fields(html), **VALID, "topic": next(iter(topic_values(html).values()))}

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("enquiries.models.contact_page.store_enquiry", broken)
    response = client.post(contact_page.url, data)
    assert response.status_code == 500
    text = text_of(response)
    assert "Your message has not been sent" in text
    assert EMAIL in text
    assert_urgent_help(text)
    assert not Enquiry.objects.exists()


@contextmanager
def silent_server() -> Iterator[int]:
    """A TCP port that accepts connections and never answers, like a frozen PostgreSQL."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for client in accepted:
            client.close()
        server.close()


@pytest.fixture(autouse=True)
def closed_breaker() -> Iterator[None]:
    """The silent server trips this process's breaker: no other test may inherit that."""
    breaker.reset()
    yield
    breaker.reset()


def silent_database(port: int) -> DatabaseWrapper:
    return DatabaseWrapper(
        {
            "NAME": "infant_mh",
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "OPTIONS": {"connect_timeout": 30},
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TIME_ZONE": None,
            "TEST": {},
        },
        alias="silent",
    )


def test_connecting_to_a_silent_server_stops_at_the_deadline():
    """connect_timeout says 30 s; the request's deadline (2 s, libpq's minimum) wins."""
    with silent_server() as port:
        database = silent_database(port)
        started = time.monotonic()
        with pytest.raises(DriverOperationalError), database_deadline(2):
            database.get_new_connection(database.get_connection_params())
        assert 1.5 < time.monotonic() - started < 3.5
    assert breaker.broken  # a timeout (not a refusal): the next attempts fail fast


def test_while_the_server_does_not_answer_connections_fail_fast():
    breaker.trip("test")
    with silent_server() as port:
        database = silent_database(port)
        started = time.monotonic()
        with pytest.raises(DriverOperationalError, match="failing fast"):
            database.get_new_connection(database.get_connection_params())
        assert time.monotonic() - started < 0.1


def test_breaker_lets_one_trial_through_after_its_pause(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("infant_mh.database_breaker.time.monotonic", lambda: clock[0])
    fresh = Breaker()
    assert fresh.allows(trial_seconds=3)
    fresh.trip("test")
    assert not fresh.allows(trial_seconds=3)
    clock[0] += BREAK_SECONDS
    assert fresh.allows(trial_seconds=3)  # the trial
    assert not fresh.allows(trial_seconds=3)  # everyone else, while it runs
    clock[0] += 3
    assert fresh.allows(trial_seconds=3)  # the trial never answered: another may try
    fresh.reset()
    assert fresh.allows(trial_seconds=3) and fresh.allows(trial_seconds=3)


class FakePostgres:
    """Just what the deadline's cut needs: a PostgreSQL-like connection over a real socket."""

    vendor = "postgresql"
    alias = "fake"

    def __init__(self, sock: socket.socket) -> None:
        self.connection = self
        self.closed = False
        self._sock = sock

    def fileno(self) -> int:
        return self._sock.fileno()


def is_cut(sock: socket.socket) -> bool:
    sock.settimeout(0.05)
    try:
        return sock.recv(1) == b""  # shut down: end of stream at once
    except TimeoutError:
        return False  # still open, nothing to read


def test_deadline_cuts_a_call_still_waiting_but_not_other_work():
    client, _server = socket.socketpair()
    with database_deadline(0.2) as deadline:
        deadline._databases = [FakePostgres(client)]
        time.sleep(0.5)  # rendering, resizing images…: not waiting on the database
        assert not is_cut(client)
        with deadline.call():
            time.sleep(0.2)  # a query started after the deadline, answered quickly
        assert not is_cut(client)
        with deadline.call():
            time.sleep(0.6)  # a query that hangs: cut once it waited STUCK_SECONDS
            assert is_cut(client)
    assert breaker.broken


def test_call_waiting_when_the_deadline_passes_is_cut_at_once():
    client, _server = socket.socketpair()
    with database_deadline(0.3) as deadline:
        deadline._databases = [FakePostgres(client)]
        with deadline.call():
            started = time.monotonic()
            while not is_cut(client):
                assert time.monotonic() - started < 1
            assert 0.25 < time.monotonic() - started < 0.6
