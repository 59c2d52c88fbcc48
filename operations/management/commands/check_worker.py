"""`manage.py check_worker`: exit 0 if a task worker on this host beat recently, else 1.

Compose's worker healthcheck: the container's host name is its own, so this asks about the
worker in this container only.
"""

from __future__ import annotations

import socket
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from operations.models import WorkerHeartbeat


class Command(BaseCommand):
    help = "Succeed if a task worker on this host recorded a heartbeat recently."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--any-host", action="store_true", help="Accept a worker on any host.")

    def handle(self, *args: Any, any_host: bool, **options: Any) -> None:
        limit = settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS
        beats = WorkerHeartbeat.objects.filter(
            beat_at__gte=timezone.now() - timedelta(seconds=limit)
        )
        if not any_host:
            beats = beats.filter(hostname=socket.gethostname())
        latest = beats.order_by("-beat_at").first()
        if latest is None:
            raise CommandError(f"No task worker heartbeat in the last {limit} s.")
        self.stdout.write(f"Worker {latest} is alive.")
