"""The weekly link check, a repeating task on the database queue (`pages.repeating_task`).

`migrate` starts the chain; its first run waits a whole interval like every later one, so a new
deployment (or a test database) never reaches out to the internet by itself. "Check links now"
in the admin and `manage.py check_links` run a check sooner.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from linkcheck.run import run_link_check
from pages.repeating_task import RepeatingTask


@task(backend="database", queue_name="maintenance")
def check_links() -> dict[str, int]:
    """Check every external address, then schedule the next weekly run."""
    return LINK_CHECK.run(run_link_check)


LINK_CHECK = RepeatingTask(
    check_links,
    interval_setting="LINKCHECK_INTERVAL_SECONDS",
    # A run takes minutes at most (timeouts, bounded concurrency); longer means a killed worker.
    stale_after=lambda: timedelta(hours=1),
    first_run_waits=True,
)


def check_waiting_or_running() -> bool:
    """A check the worker will start soon, or has started: no need to queue another."""
    rows = LINK_CHECK.rows()
    running = rows.filter(
        status="RUNNING", started_at__gte=timezone.now() - LINK_CHECK.stale_after()
    )
    return rows.ready().exists() or running.exists()


def queue_check_now() -> bool:
    """Queue a check for the worker's next turn; False if one is already waiting or running."""
    if check_waiting_or_running():
        return False
    check_links.enqueue()
    return True
