"""Scheduled publishing and expiry that run without cron.

Editors can set "go live" and "expiry" dates on pages and on snippets with drafts (posters, useful
links). Wagtail only acts on them when its `publish_scheduled` command runs, so
`publish_scheduled_content` is a repeating task (`pages.repeating_task`) that runs that command
every SCHEDULED_PUBLISHING_INTERVAL_SECONDS.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.management import call_command
from django_tasks import task

from pages.repeating_task import RepeatingTask


def _publish_due_content() -> dict[str, int]:
    call_command("publish_scheduled", stdout=io.StringIO())
    return {}


@task(backend="database", queue_name="maintenance")
def publish_scheduled_content() -> dict[str, int]:
    """Publish what is due, unpublish what has expired, then schedule the next run."""
    return SCHEDULED_PUBLISHING.run(_publish_due_content)


SCHEDULED_PUBLISHING = RepeatingTask(
    publish_scheduled_content,
    interval_setting="SCHEDULED_PUBLISHING_INTERVAL_SECONDS",
    # A run is a few queries; one "running" for longer was abandoned by a killed worker.
    stale_after=lambda: timedelta(minutes=15),
)
