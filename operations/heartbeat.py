"""The task worker's heartbeat: a row in the database, so the web containers can see it."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from datetime import timedelta

from django.db import DatabaseError, connection
from django.utils import timezone

from .models import WorkerHeartbeat

logger = logging.getLogger("operations")

# Rows of workers gone this long are deleted when a worker starts.
FORGET_AFTER = timedelta(days=1)


def beat(worker_id: str, started_at) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"beat_at": timezone.now(), "hostname": socket.gethostname(), "pid": os.getpid()},
        create_defaults={
            "beat_at": timezone.now(),
            "hostname": socket.gethostname(),
            "pid": os.getpid(),
            "started_at": started_at,
        },
    )


def forget_old_workers() -> None:
    WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - FORGET_AFTER).delete()


class HeartbeatThread(threading.Thread):
    """Beats every `interval` seconds on its own connection; a database outage only delays it.

    It runs beside the worker's loop, so it shows the process is alive; a loop stuck on one task
    shows instead as email waiting too long (operations.health.email_queue).
    """

    def __init__(self, worker_id: str, interval: float):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.started_at = timezone.now()
        self.stopping = threading.Event()
        self._failing = False

    def run(self) -> None:
        with contextlib.suppress(DatabaseError):  # a beat below reports the outage
            forget_old_workers()
        while True:
            self._beat_once()
            if self.stopping.wait(self.interval):
                return

    def _beat_once(self) -> None:
        try:
            beat(self.worker_id, self.started_at)
        except DatabaseError as error:
            if not self._failing:
                logger.warning("Worker heartbeat not recorded: %s", error)
            self._failing = True
        else:
            if self._failing:
                logger.info("Worker heartbeat recorded again")
            self._failing = False
        finally:
            connection.close()  # this thread's own connection; a fresh one next time

    def stop(self) -> None:
        self.stopping.set()
