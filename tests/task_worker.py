"""The real db_worker loop, in the test's own process (tests of tasks on the database queue)."""

from __future__ import annotations

from unittest import mock

from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker


def run_worker(queue: str = "enquiries") -> None:
    """Run every task that is ready on `queue`, then return.

    The loop calls `close_old_connections()` between tasks, which would close the test's
    connection (it is inside the test transaction); that one call is skipped here. The full
    worker process runs unpatched in the live tests (tests/enquiries/test_live_worker.py,
    tests/pages/test_live_scheduled_publishing.py).
    """
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        _worker(queue).run()


def _worker(queue: str) -> Worker:
    return Worker(
        queue_names=[queue],
        interval=0,
        batch=True,
        backend_name="database",
        startup_delay=False,
        max_tasks=100,  # a send that keeps failing with zero delays must not loop forever
        worker_id="pytest",
        excluded_queue_names=[],
    )
