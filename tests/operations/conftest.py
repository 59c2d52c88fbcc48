"""Fixtures for the operations app: a worker heartbeat at a chosen age, an email queued at a
chosen time (through the real queued email backend)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from operations.heartbeat import beat
from operations.models import WorkerHeartbeat


@pytest.fixture
def heartbeat(db) -> Callable[[float], WorkerHeartbeat]:
    """Record a heartbeat, then make it `seconds_ago` old."""

    def record(seconds_ago: float = 0) -> WorkerHeartbeat:
        beat("test-worker", timezone.now())
        WorkerHeartbeat.objects.filter(worker_id="test-worker").update(
            beat_at=timezone.now() - timedelta(seconds=seconds_ago)
        )
        return WorkerHeartbeat.objects.get(worker_id="test-worker")

    return record


@pytest.fixture
def queued_email(db, settings) -> Callable[..., DBTaskResult]:
    """Queue a real site email; backdate when it was queued, or schedule it for later."""
    settings.EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"

    def queue(*, queued_ago: float = 0, due_in: float | None = None) -> DBTaskResult:
        before = set(DBTaskResult.objects.values_list("pk", flat=True))
        send_mail("Subject", "Body", "site@example.org", ["someone@example.org"])
        [task] = DBTaskResult.objects.exclude(pk__in=before)
        now = timezone.now()
        fields = {"enqueued_at": now - timedelta(seconds=queued_ago)}
        if due_in is not None:
            fields["run_after"] = now + timedelta(seconds=due_in)
        DBTaskResult.objects.filter(pk=task.pk).update(**fields)
        task.refresh_from_db()
        assert task.queue_name == "email" and task.status == "READY"
        return task

    return queue
