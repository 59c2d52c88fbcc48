"""The HTTP checker against a real server on loopback: each kind of answer, HEAD falling back to
GET, redirects recorded, the timeout, and concurrency."""

from __future__ import annotations

import time

from django.conf import settings

from linkcheck.outcomes import Outcome
from tests.linkcheck.conftest import TIMEOUT
from tests.linkcheck.web_server import SLOW_SECONDS


def test_a_working_address_is_ok_after_one_head_request(web, checker):
    before = len(web.requests)
    result = checker.check(web.url("/ok"))
    assert (result.outcome, result.status_code, result.redirects) == (Outcome.OK, 200, [])
    assert result.final_url == web.url("/ok")
    method, path, user_agent = web.requests[before]
    assert (method, path) == ("HEAD", "/ok")
    assert user_agent == settings.LINKCHECK_USER_AGENT
    assert user_agent.startswith("Infant mental health link checker (North Lincolnshire Council")
    assert len(web.requests) == before + 1


def test_a_redirect_is_followed_and_each_hop_recorded(web, checker):
    result = checker.check(web.url("/moved"))
    assert result.outcome == Outcome.REDIRECTED
    assert result.status_code == 200
    assert result.final_url == web.url("/ok")
    assert result.redirects == [{"status": 301, "url": web.url("/moved")}]


def test_not_found_and_server_errors_are_broken_after_a_get(web, checker):
    before = len(web.requests)
    missing = checker.check(web.url("/missing"))
    failing = checker.check(web.url("/error"))
    assert (missing.outcome, missing.status_code) == (Outcome.BROKEN, 404)
    assert (failing.outcome, failing.status_code) == (Outcome.BROKEN, 500)
    assert missing.failed and failing.failed
    assert [m for m, _, _ in web.requests[before:]] == ["HEAD", "GET", "HEAD", "GET"]


def test_a_server_refusing_head_is_checked_with_get(web, checker):
    before = len(web.requests)
    result = checker.check(web.url("/no-head"))
    assert (result.outcome, result.status_code) == (Outcome.OK, 200)
    assert [(m, p) for m, p, _ in web.requests[before:]] == [
        ("HEAD", "/no-head"),
        ("GET", "/no-head"),
    ]


def test_a_refused_connection_is_an_error(refused_url, checker):
    result = checker.check(refused_url)
    assert result.outcome == Outcome.ERROR and result.failed
    assert result.status_code is None
    assert result.error == "Connection refused"


def test_endless_redirects_stop_at_the_limit(web, checker):
    result = checker.check(web.url("/loop"))
    assert result.outcome == Outcome.ERROR
    assert result.error == "More than 5 redirects"
    assert len(result.redirects) == 6


def test_a_slow_answer_times_out_and_concurrency_keeps_the_run_short(web, checker):
    slow = [web.url(f"/slow?n={n}") for n in range(8)]
    started = time.monotonic()
    results = checker.check_many([*slow, web.url("/ok")])
    elapsed = time.monotonic() - started
    assert [results[url].outcome for url in slow] == [Outcome.ERROR] * 8
    assert results[slow[0]].error == f"No answer within {TIMEOUT:g} seconds"
    assert results[web.url("/ok")].outcome == Outcome.OK
    # One timeout's worth (eight workers), well short of eight in a row or of the slow answer.
    assert elapsed < min(4 * TIMEOUT, SLOW_SECONDS)
