"""`manage.py run_worker`: the email and maintenance task worker, as `db_worker` with the same
options, that survives database outages and writes a heartbeat (operations app)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from operations.heartbeat import HeartbeatThread
from operations.worker import ResilientWorker


class Command(DbWorkerCommand):
    help = (
        "Run the database task worker (as db_worker), reconnecting after database errors and "
        "recording a heartbeat every WORKER_HEARTBEAT_SECONDS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
            retry_max=float(settings.WORKER_DB_RETRY_MAX_SECONDS),
        )
        heartbeat = HeartbeatThread(worker.worker_id, settings.WORKER_HEARTBEAT_SECONDS)
        heartbeat.start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stop()
