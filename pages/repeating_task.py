"""Tasks that repeat on the database queue without cron (scheduled publishing, enquiry upkeep).

A `RepeatingTask` wraps a task on the database backend: each run does its work, prunes its own
finished rows, and queues the next run (`run_after`) in a `finally`, so an error never breaks the
chain. `migrate` starts the chain (`after_migrate`, a post_migrate handler), so a running
`db_worker` is all it needs. There is never more than one chain.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

# Finished runs are kept this long (to look at a failure), then deleted.
KEEP_FINISHED = timedelta(days=1)


class RepeatingTask:
    def __init__(
        self,
        task: Any,
        *,
        interval_setting: str,
        stale_after: Callable[[], timedelta],
        first_run_waits: bool = False,
    ) -> None:
        """`task`: the django-tasks task; `interval_setting`: the setting naming the seconds
        between runs; `stale_after`: how long a "running" row may last before it counts as
        abandoned by a killed worker (read at each call, so settings can change it);
        `first_run_waits`: the chain's first run also waits one interval (for slow, outward
        work such as the weekly link check) instead of running at once."""
        self.task = task
        self.interval_setting = interval_setting
        self.stale_after = stale_after
        self.first_run_waits = first_run_waits

    def rows(self):
        return DBTaskResult.objects.filter(task_path=self.task.module_path)

    def ensure_scheduled(self, *, from_running_task: bool = False) -> bool:
        """Queue the next run unless one is already waiting (never two chains). True if queued.

        From inside a run, its own row is "running", so only a waiting one counts; from anywhere
        else (migrate, a command), a run still in progress counts too.
        """
        busy = Q(status="READY")
        if not from_running_task:
            busy |= Q(status="RUNNING", started_at__gte=timezone.now() - self.stale_after())
        if self.rows().filter(busy).exists():
            return False
        if from_running_task or self.first_run_waits:
            interval = timedelta(seconds=getattr(settings, self.interval_setting))
            self.task.using(run_after=timezone.now() + interval).enqueue()
        else:
            self.task.enqueue()
        return True

    def prune_finished(self) -> int:
        """Finished runs older than KEEP_FINISHED are of no further use."""
        deleted, _ = (
            self.rows()
            .filter(
                status__in=["SUCCESSFUL", "FAILED"],
                finished_at__lt=timezone.now() - KEEP_FINISHED,
            )
            .delete()
        )
        return deleted

    def run(self, work: Callable[[], dict[str, int]]) -> dict[str, int]:
        """One run: `work`, then pruning; the next run is queued even if this one fails."""
        try:
            return {**work(), "pruned": self.prune_finished()}
        finally:
            self.ensure_scheduled(from_running_task=True)

    def after_migrate(self, using: str = "default", **kwargs: Any) -> None:
        """post_migrate handler: make sure the chain is queued (once the queue's table exists)."""
        if DBTaskResult._meta.db_table in connections[using].introspection.table_names():
            self.ensure_scheduled()
