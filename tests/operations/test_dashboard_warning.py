"""The dashboard warns enquiry officers (and superusers), and nobody else, when email is not
going out: an email due too long, or no recent heartbeat from the worker."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

WARNING = "Enquiries are not being emailed"


@pytest.fixture
def dashboard(client, django_user_model):
    def as_user(*groups: str, superuser: bool = False) -> str:
        user = django_user_model.objects.create_user(
            f"user-{django_user_model.objects.count()}",
            password="not-used",
            is_staff=True,
            is_superuser=superuser,
        )
        user.groups.set(Group.objects.filter(name__in=groups))
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 200
        return response.content.decode()

    return as_user


def test_no_warning_while_email_flows(dashboard, heartbeat, queued_email):
    heartbeat(seconds_ago=2)
    queued_email(queued_ago=30)
    assert WARNING not in dashboard("Enquiry officers")
    assert WARNING not in dashboard(superuser=True)


def test_email_due_too_long_warns_officers_and_superusers(dashboard, heartbeat, queued_email):
    heartbeat(seconds_ago=2)
    queued_email(queued_ago=15 * 60)
    officer = dashboard("Enquiry officers")
    assert WARNING in officer
    assert "The oldest email waiting to be sent has waited 15 minutes." in officer
    assert WARNING in dashboard(superuser=True)
    assert WARNING not in dashboard("Editors")
    assert WARNING not in dashboard("Moderators")


def test_silent_worker_warns_officers(dashboard, heartbeat):
    heartbeat(seconds_ago=5 * 60)
    officer = dashboard("Enquiry officers")
    assert "The email worker was last seen 5 minutes ago." in officer
    assert WARNING not in dashboard("Editors")
