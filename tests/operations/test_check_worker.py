"""`manage.py check_worker`, compose's worker healthcheck: a fresh heartbeat from this host."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from operations.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_fresh_heartbeat_from_this_host_passes(heartbeat, capsys):
    heartbeat(seconds_ago=3)
    call_command("check_worker")
    assert "is alive" in capsys.readouterr().out


def test_stale_or_foreign_heartbeat_fails(heartbeat, settings):
    settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS = 60
    heartbeat(seconds_ago=61)
    with pytest.raises(CommandError, match="No task worker heartbeat in the last 60 s"):
        call_command("check_worker")
    heartbeat(seconds_ago=1)
    WorkerHeartbeat.objects.update(hostname="another-container")
    with pytest.raises(CommandError):
        call_command("check_worker")
    call_command("check_worker", "--any-host")
