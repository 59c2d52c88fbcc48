"""Scheduled publishing and expiry that run without cron.

Editors can set "go live" and "expiry" dates on pages and on snippets with drafts (posters, useful
links). Wagtail only acts on them when its `publish_scheduled` command runs, so
`publish_scheduled_content` is a task on the database queue that runs that command and then
re-schedules itself (`run_after`) every SCHEDULED_PUBLISHING_INTERVAL_SECONDS. The chain is
started by `migrate` (a post_migrate handler calls `ensure_scheduled_publishing`) and survives
errors because the next run is queued in a `finally`. So a running `db_worker` is all it needs.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

# A run is a few queries; one "running" for longer was abandoned by a killed worker.
STALE_RUNNING = timedelta(minutes=15)
# Finished runs are kept this long (to look at a failure), then deleted.
KEEP_FINISHED = timedelta(days=1)


def ensure_scheduled_publishing(*, from_running_task: bool = False) -> bool:
    """Queue the next run unless one is already waiting (never two chains). True if queued.

    From inside a run, its own row is "running", so only a waiting one counts; from anywhere
    else (migrate), a run still in progress counts too.
    """
    rows = DBTaskResult.objects.filter(task_path=publish_scheduled_content.module_path)
    busy = Q(status="READY")
    if not from_running_task:
        busy |= Q(status="RUNNING", started_at__gte=timezone.now() - STALE_RUNNING)
    if rows.filter(busy).exists():
        return False
    if from_running_task:
        run_after = timezone.now() + timedelta(
            seconds=settings.SCHEDULED_PUBLISHING_INTERVAL_SECONDS
        )
        publish_scheduled_content.using(run_after=run_after).enqueue()
    else:
        publish_scheduled_content.enqueue()
    return True


def prune_scheduled_publishing_rows() -> int:
    """Finished runs older than KEEP_FINISHED are of no further use."""
    deleted, _ = DBTaskResult.objects.filter(
        task_path=publish_scheduled_content.module_path,
        status__in=["SUCCESSFUL", "FAILED"],
        finished_at__lt=timezone.now() - KEEP_FINISHED,
    ).delete()
    return deleted


def run_scheduled_publishing() -> dict[str, int]:
    """One run: Wagtail's own scheduled publishing and expiry, then pruning. The next run is
    queued even if this one fails."""
    try:
        call_command("publish_scheduled", stdout=io.StringIO())
        return {"pruned": prune_scheduled_publishing_rows()}
    finally:
        ensure_scheduled_publishing(from_running_task=True)


@task(backend="database", queue_name="maintenance")
def publish_scheduled_content() -> dict[str, int]:
    """Publish what is due, unpublish what has expired, then schedule the next run."""
    return run_scheduled_publishing()


def schedule_after_migrate(using: str = "default", **kwargs) -> None:
    """post_migrate handler: make sure the self-rescheduling publishing task is queued."""
    if DBTaskResult._meta.db_table in connections[using].introspection.table_names():
        ensure_scheduled_publishing()
