"""/healthz and /readyz in-process: plain text, never cached, no cookies, any Host, plain HTTP;
readiness fails, with the reason, on a stale heartbeat, unapplied migrations or a late email."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db


def get(client, path: str, **extra):
    response = client.get(path, **extra)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    return response


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = get(client, "/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_health_endpoints_answer_any_host_over_plain_http(client, settings, heartbeat):
    """A container healthcheck asks gunicorn by its own address, without TLS headers."""
    settings.SECURE_SSL_REDIRECT = True
    heartbeat(seconds_ago=1)
    assert client.get("/", HTTP_HOST="10.89.0.20:8000").status_code == 400  # others: host check
    assert client.get("/robots.txt").status_code == 301  # others: the HTTPS redirect
    for path in ["/healthz", "/readyz"]:
        assert get(client, path, HTTP_HOST="10.89.0.20:8000").status_code == 200


def test_ready_with_a_fresh_heartbeat_and_nothing_waiting(client, heartbeat):
    heartbeat(seconds_ago=3)
    response = get(client, "/readyz")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == [
        "ready",
        "database: ok",
        "migrations: ok",
        "worker: heartbeat 3 s ago",
        "email queue: nothing waiting",
    ]


def test_not_ready_before_any_worker_has_run(client):
    response = get(client, "/readyz")
    assert response.status_code == 503
    assert "worker: no heartbeat: the task worker has never run" in response.content.decode()


def test_stale_heartbeat_is_not_ready(client, heartbeat, settings):
    settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS = 60
    heartbeat(seconds_ago=59)
    assert get(client, "/readyz").status_code == 200
    heartbeat(seconds_ago=61)
    response = get(client, "/readyz")
    assert response.status_code == 503
    body = response.content.decode()
    assert body.startswith("not ready\n")
    assert re.search(r"^worker: heartbeat 6[12] s old \(limit 60 s\)$", body, re.M)


def test_unapplied_migration_is_not_ready(client, heartbeat):
    heartbeat()
    MigrationRecorder(connection).record_unapplied("operations", "0001_heartbeat_and_security_txt")
    response = get(client, "/readyz")
    assert response.status_code == 503
    assert "migrations: 1 not applied (operations.0001_heartbeat_and_security_txt)" in (
        response.content.decode()
    )


def test_email_due_too_long_is_not_ready(client, heartbeat, queued_email, settings):
    settings.EMAIL_QUEUE_MAX_WAIT_SECONDS = 600
    heartbeat()
    queued_email(queued_ago=590)
    response = get(client, "/readyz")
    assert response.status_code == 200
    assert "email queue: oldest due email waiting 590 s" in response.content.decode()
    queued_email(queued_ago=660)
    response = get(client, "/readyz")
    assert response.status_code == 503
    assert "email queue: oldest due email waiting 660 s (limit 600 s)" in response.content.decode()


def test_a_retry_counts_from_when_it_falls_due(client, heartbeat, queued_email):
    """A send waiting for its retry time is not late: the relay is failing, not the worker."""
    heartbeat()
    queued_email(queued_ago=3600, due_in=60)
    assert get(client, "/readyz").status_code == 200
    task = queued_email(queued_ago=3600, due_in=-700)
    response = get(client, "/readyz")
    assert response.status_code == 503
    assert "oldest due email waiting 700 s" in response.content.decode()
    task.delete()


def test_head_and_post(client):
    assert client.head("/healthz").status_code == 200
    response = client.post("/readyz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
