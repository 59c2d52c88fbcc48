"""django-axes on Wagtail's sign-in form: wrong passwords lock that username out from that
client, the right password is refused until the lock ends, and an administrator can unlock."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

from tests.accounts.conftest import sign_in

pytestmark = pytest.mark.django_db


def signed_in(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def lock_out(client: Client, username: str = "editor", ip: str = "203.0.113.7"):
    """AXES_FAILURE_LIMIT (5) wrong passwords; returns the last response."""
    responses = [sign_in(client, username, "wrong password", ip=ip) for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4  # the form again, with an error
    return responses[-1]


def test_five_wrong_passwords_lock_out_even_the_right_one(client, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    locked = lock_out(client)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Signing in is paused" in page
    assert "There have been 5 unsuccessful attempts" in page
    assert "for 15 minutes" in page
    assert "ask a site administrator to unlock your account" in page

    refused = sign_in(client, "editor")  # the right password
    assert refused.status_code == 429 and "Signing in is paused" in refused.content.decode()
    assert not signed_in(client)


def test_lock_is_for_that_username_from_that_client(editor):
    lock_out(Client())
    other_client = Client()
    assert sign_in(other_client, "editor", ip="198.51.100.20").status_code == 302
    assert signed_in(other_client)


def test_lock_ends_after_the_cool_off(client, editor, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    lock_out(client)
    assert sign_in(client, "editor").status_code == 429
    time.sleep(1.1)
    assert sign_in(client, "editor").status_code == 302
    assert signed_in(client)
    assert not AccessAttempt.objects.exists()  # a successful sign-in clears the failures


def test_administrator_unlocks_with_the_management_command(client, editor, capsys):
    lock_out(client)
    call_command("axes_reset_username", "editor")
    assert "1 attempts removed" in capsys.readouterr().out
    assert sign_in(client, "editor").status_code == 302
    assert signed_in(client)


def test_client_address_comes_from_our_proxy_when_trusted(editor, settings):
    """Behind one proxy, the client is the address it appended: a client cannot dodge the lock
    by sending its own X-Forwarded-For, nor lock others out by naming their address."""
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    lock_out(client, ip="127.0.0.1")
    spoofing = Client(HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7")
    assert sign_in(spoofing, "editor", ip="127.0.0.1").status_code == 429
    neighbour = Client(HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert sign_in(neighbour, "editor", ip="127.0.0.1").status_code == 302
