"""Pages due for review with their Wagtail page owner (for reminders and the dashboard)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pages.review_report import pages_due_for_review


@dataclass(frozen=True)
class DuePage:
    """One page to review: its title, due date, whether that has passed, owner and edit link."""

    page_id: int
    title: str
    due: datetime.date
    overdue: bool
    owner_id: int | None
    edit_path: str

    @property
    def edit_url(self) -> str:
        """The full address of the page's edit view, for email."""
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.edit_path


def due_pages(today: datetime.date | None = None) -> list[DuePage]:
    """Every page due within 30 days or overdue (`pages_due_for_review`), most overdue first."""
    today = today or timezone.localdate()
    return [
        DuePage(
            page_id=page.pk,
            title=page.get_admin_display_title(),
            due=page.review_due_date,
            overdue=page.review_due_date < today,
            owner_id=page.owner_id,
            edit_path=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        )
        for page in pages_due_for_review(today)
    ]


def by_owner(pages: list[DuePage]) -> dict[int, list[DuePage]]:
    """Owner id -> their pages; pages without an owner are left out (the report lists them)."""
    grouped: dict[int, list[DuePage]] = defaultdict(list)
    for page in pages:
        if page.owner_id is not None:
            grouped[page.owner_id].append(page)
    return dict(grouped)
