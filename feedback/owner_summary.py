"""This month's feedback on one owner's pages, for the weekly review email (editorial)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import PageFeedback


@dataclass(frozen=True)
class PageFeedbackCount:
    title: str
    yes: int
    no: int


def feedback_this_month(
    owner_id: int, today: datetime.date | None = None
) -> list[PageFeedbackCount]:
    """Yes/no counts this calendar month for each page the user owns that has any answers."""
    today = today or timezone.localdate()
    rows = (
        PageFeedback.objects.filter(page__owner_id=owner_id, created_on__gte=today.replace(day=1))
        .values("page_id", "page__title")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
        .order_by("page__title", "page_id")
    )
    return [PageFeedbackCount(row["page__title"], row["yes"], row["no"]) for row in rows]
