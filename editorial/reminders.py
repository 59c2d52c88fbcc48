"""The weekly review reminder: one email per page owner listing their pages due for review.

`send_review_reminders` emails every active owner with an address whose pages are due within 30
days or overdue, and records when (`ReviewReminder`), so nobody gets a second email until 90% of
REVIEW_REMINDER_INTERVAL_SECONDS has passed, whatever restarts the worker. `review_reminders` is a
repeating task (`pages.repeating_task`) on the "maintenance" queue that `migrate` starts.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from feedback.owner_summary import feedback_this_month
from pages.repeating_task import RepeatingTask

from .models import ReviewReminder
from .review_due import DuePage, by_owner, due_pages

logger = logging.getLogger("editorial")

# A reminder sent less than this share of the interval ago counts as "this week's".
RESEND_SHARE = 0.9


def resend_after() -> timedelta:
    return timedelta(seconds=settings.REVIEW_REMINDER_INTERVAL_SECONDS) * RESEND_SHARE


def reminder_subject(pages: list[DuePage]) -> str:
    count = len(pages)
    return f"{count} page{'' if count == 1 else 's'} due for review"


def reminder_body(user, pages: list[DuePage]) -> str:
    return render_to_string(
        "editorial/review_reminder.txt",
        {
            "user": user,
            "pages": pages,
            "feedback": feedback_this_month(user.pk),
            "feedback_report_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("feedback_report"),
            "report_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("pages_due_for_review"),
        },
    )


def _reminded_recently(user, now: datetime) -> bool:
    return ReviewReminder.objects.filter(owner=user, last_sent_at__gt=now - resend_after()).exists()


def _send(user, pages: list[DuePage], now: datetime) -> None:
    """Email one owner, then record it. No transaction is held while the relay answers (on
    SQLite that would block every other write)."""
    send_mail(reminder_subject(pages), reminder_body(user, pages), None, [user.email])
    ReviewReminder.objects.update_or_create(owner=user, defaults={"last_sent_at": now})


def send_review_reminders(now: datetime | None = None) -> dict[str, int]:
    """Email each owner their due and overdue pages; nothing to owners with nothing due. A send
    that fails is logged and not recorded, so the next run tries that owner again."""
    now = now or timezone.now()
    owned = by_owner(due_pages(timezone.localdate(now)))
    owners = (
        get_user_model()
        .objects.filter(pk__in=owned, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    counts = {"sent": 0, "already_reminded": 0, "failed": 0}
    for user in owners:
        if _reminded_recently(user, now):
            counts["already_reminded"] += 1
            continue
        try:
            _send(user, owned[user.pk], now)
        except Exception:
            counts["failed"] += 1
            logger.exception("Review reminder to user %s could not be sent", user.pk)
        else:
            counts["sent"] += 1
            logger.info("Review reminder sent to user %s (%d pages)", user.pk, len(owned[user.pk]))
    return counts


@task(backend="database", queue_name="maintenance")
def review_reminders() -> dict[str, int]:
    """Send this week's review reminders, then schedule the next run."""
    return REVIEW_REMINDERS.run(send_review_reminders)


REVIEW_REMINDERS = RepeatingTask(
    review_reminders,
    interval_setting="REVIEW_REMINDER_INTERVAL_SECONDS",
    # A run is a few queries and one email per owner; longer than this, a worker was killed.
    stale_after=lambda: timedelta(minutes=30),
)
