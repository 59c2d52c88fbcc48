"""Admin sessions end after a working day without activity; passwords are long and uncommon."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.accounts.conftest import sign_in

pytestmark = pytest.mark.django_db

WORKING_DAY = 8 * 60 * 60


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Sh0rt-pass!", "at least 12 characters"),
        ("password1234", "too common"),
        ("123456789012345", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(password, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert message in " ".join(refused.value.messages)


def test_long_uncommon_password_is_accepted():
    validate_password("otter lantern orchard mist")


def test_session_ends_after_a_working_day_without_a_request(client, editor):
    sign_in(client, "editor")
    session = Session.objects.get()
    assert (session.expire_date - timezone.now()).total_seconds() == pytest.approx(
        WORKING_DAY, abs=60
    )
    # Each request moves the end along: activity keeps an editor signed in.
    Session.objects.update(expire_date=timezone.now() + timedelta(hours=1))
    assert client.get("/admin/").status_code == 200
    assert (Session.objects.get().expire_date - timezone.now()).total_seconds() > WORKING_DAY - 60
    # An expired session is signed out.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
