"""What /readyz checks: the database answers and is migrated, the task worker's heartbeat is
fresh, and no email has waited too long for it. Each check returns a problem or None."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import WorkerHeartbeat

# Queues whose tasks send email: enquiries, and all other site email (outbox, password reset).
EMAIL_QUEUES = ("enquiries", "email")


@dataclass(frozen=True)
class Check:
    name: str
    problem: str | None
    detail: str = "ok"

    @property
    def line(self) -> str:
        return f"{self.name}: {self.problem or self.detail}"


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return Check("database", f"unreachable ({type(error).__name__})")
    return Check("database", None)


def migrations() -> Check:
    """Unapplied migrations mean this code and the database disagree: not ready."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:3])
        return Check("migrations", f"{len(plan)} not applied ({names})")
    return Check("migrations", None)


def heartbeat_age(now: datetime | None = None) -> timedelta | None:
    """How long since any task worker last reported; None if none ever has."""
    latest = WorkerHeartbeat.objects.aggregate(latest=Max("beat_at"))["latest"]
    return None if latest is None else (now or timezone.now()) - latest


def worker() -> Check:
    age = heartbeat_age()
    limit = settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS
    if age is None:
        return Check("worker", "no heartbeat: the task worker has never run")
    if age.total_seconds() > limit:
        return Check("worker", f"heartbeat {int(age.total_seconds())} s old (limit {limit} s)")
    return Check("worker", None, f"heartbeat {int(age.total_seconds())} s ago")


def oldest_due_email_wait(now: datetime | None = None) -> timedelta | None:
    """How long the longest-waiting email task has been due (ready to send) without being sent."""
    now = now or timezone.now()
    due = DBTaskResult.objects.ready().filter(queue_name__in=EMAIL_QUEUES)
    # run_after is the far future for "as soon as possible": those are due since enqueued.
    oldest = [
        due.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"],
        due.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"],
    ]
    since = min((at for at in oldest if at is not None), default=None)
    return None if since is None else max(now - since, timedelta(0))


def email_queue() -> Check:
    wait = oldest_due_email_wait()
    limit = settings.EMAIL_QUEUE_MAX_WAIT_SECONDS
    if wait is None:
        return Check("email queue", None, "nothing waiting")
    if wait.total_seconds() > limit:
        return Check(
            "email queue",
            f"oldest due email waiting {int(wait.total_seconds())} s (limit {limit} s)",
        )
    return Check("email queue", None, f"oldest due email waiting {int(wait.total_seconds())} s")


CHECKS: list[Callable[[], Check]] = [database, migrations, worker, email_queue]


def readiness() -> list[Check]:
    """Every check, in order; after the database fails the rest are not tried."""
    results = [database()]
    if results[0].problem:
        return results
    for check in CHECKS[1:]:
        try:
            results.append(check())
        except DatabaseError as error:
            results.append(Check(check.__name__, f"database error ({type(error).__name__})"))
            break
    return results
