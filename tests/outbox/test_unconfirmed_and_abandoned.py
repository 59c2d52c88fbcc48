"""Queued site email and a relay that confirms late (at most one duplicate), retries behind
fresh mail, and the sweep for emails a killed worker left "running"."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enquiries.maintenance import enquiry_maintenance
from outbox.sweep import requeue_abandoned_email
from outbox.tasks import send_queued_email
from tests.task_worker import run_worker

pytestmark = pytest.mark.django_db


def rows(**filters) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=send_queued_email.module_path, **filters).order_by(
            "enqueued_at"
        )
    )


def test_late_relay_gets_one_duplicate_at_most(relay, settings):
    settings.EMAIL_TIMEOUT = 0.3
    settings.EMAIL_CONFIRM_TIMEOUT = 0.6
    settings.OUTBOX_RETRY_DELAYS = [0, 0, 0]
    relay.accept(confirm_delay=1.0)
    send_mail("Your account", "Body", None, ["editor@example.org"])

    run_worker("email")
    run_worker("email")

    [last] = rows()  # each send forgets the finished ones before it
    assert last.status == "SUCCESSFUL" and last.return_value == "sent, not confirmed"
    assert last.args_kwargs["kwargs"] == {"unconfirmed": 1}
    time.sleep(1.2)  # the relay's late confirmations
    assert len(relay.messages) == 2


def test_retry_after_an_unconfirmed_send_waits_longer_and_succeeds(relay, settings):
    settings.EMAIL_TIMEOUT = 0.3
    settings.EMAIL_CONFIRM_TIMEOUT = 3
    settings.OUTBOX_RETRY_DELAYS = [0]
    relay.accept(confirm_delay=0.7)
    send_mail("Your account", "Body", None, ["editor@example.org"])
    run_worker("email")
    [last] = rows()
    assert last.return_value == "sent"
    assert len(relay.messages) == 2


def test_fresh_email_goes_out_before_due_retries(relay, settings):
    settings.OUTBOX_RETRY_DELAYS = [3600]
    relay.refuse()
    for n in range(3):
        send_mail(f"Retry {n}", "Body", None, ["a@example.org"])
    run_worker("email")
    retries = DBTaskResult.objects.filter(pk__in=[r.pk for r in rows(status="READY")])
    assert retries.count() == 3 and {r.priority for r in retries} == {-10}
    retries.update(run_after=timezone.now() - timedelta(seconds=1))  # an hour on: all due
    send_mail("Fresh", "Body", None, ["b@example.org"])
    relay.accept()

    run_worker("email")

    assert relay.messages[0]["Subject"] == "Fresh"
    assert len(relay.messages) == 4


def test_sweep_requeues_email_a_killed_worker_left_running(relay, settings):
    settings.OUTBOX_STALE_RUNNING_SECONDS = 600
    send_mail("Abandoned", "Body", None, ["a@example.org"])
    send_mail("Still sending", "Body", None, ["b@example.org"])
    abandoned, busy = rows()
    now = timezone.now()
    DBTaskResult.objects.filter(pk=abandoned.pk).update(
        status="RUNNING", started_at=now - timedelta(seconds=601)
    )
    DBTaskResult.objects.filter(pk=busy.pk).update(
        status="RUNNING", started_at=now - timedelta(seconds=30)
    )
    run_worker("email")
    assert relay.messages == []  # django-tasks-db never picks up a running row by itself

    enquiry_maintenance.call()  # the maintenance run includes the email sweep

    abandoned.refresh_from_db()
    assert abandoned.status == "READY" and abandoned.priority == -10
    assert abandoned.args_kwargs["kwargs"] == {"unconfirmed": 1}  # it may have reached the relay
    busy.refresh_from_db()
    assert busy.status == "RUNNING"
    assert requeue_abandoned_email() == 0  # nothing more to do

    run_worker("email")
    assert [m["Subject"] for m in relay.messages] == ["Abandoned"]
