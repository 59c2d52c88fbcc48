from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.outbox.conftest import relay  # noqa: F401 (fixture: queued email, loopback relay)

PASSWORD = "a long passphrase for tests"


@pytest.fixture
def editor(db):
    """A staff superuser with a known password (no second factor yet)."""
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.org", PASSWORD, first_name="Ed"
    )


def sign_in(client: Client, username: str, password: str = PASSWORD, ip: str = "203.0.113.7"):
    """Post Wagtail's sign-in form as a browser would."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )
