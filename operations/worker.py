"""django-tasks-db's worker loop, made to outlive database outages.

The library's `Worker.run` lets any database error other than "database is locked" escape, and
`db_worker` then exits. Here the loop is re-entered after closing the broken connections and
waiting (1 s, doubling to WORKER_DB_RETRY_MAX_SECONDS), so a restarted database is picked up
again without restarting the worker.
"""

from __future__ import annotations

import logging
import time

from django.db import DatabaseError, connections
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("operations")

# A loop that ran this long before failing was healthy: the next wait starts small again.
HEALTHY_RUN_SECONDS = 60.0


def close_connections() -> None:
    """Drop every connection of this thread; a broken one may fail to close cleanly."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DatabaseError:
            conn.connection = None


class ResilientWorker(Worker):
    def __init__(self, *, retry_initial: float = 1.0, retry_max: float = 30.0, **kwargs):
        super().__init__(**kwargs)
        self.retry_initial = retry_initial
        self.retry_max = retry_max
        self.database_errors = 0

    def run(self) -> None:
        delay = self.retry_initial
        while self.running:
            started = time.monotonic()
            try:
                super().run()
                return  # --batch or --max-tasks finished
            except DatabaseError as error:
                self.database_errors += 1
                if time.monotonic() - started >= HEALTHY_RUN_SECONDS:
                    delay = self.retry_initial
                logger.warning(
                    "Task worker lost the database (%s: %s); trying again in %.0f s",
                    type(error).__name__,
                    str(error).strip().splitlines()[0] if str(error).strip() else "",
                    delay,
                )
                close_connections()
                self.startup_delay = False
                time.sleep(delay)
                delay = min(delay * 2, self.retry_max)
