"""Admin report: "Is this page useful?" answers counted per page per month, with the comments."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from wagtail.admin.views.reports import ReportView

from .comment_deletion import can_delete_comments
from .models import PageFeedback

REPORT_PERMISSION = "feedback.view_pagefeedback"


def can_view_report(user) -> bool:
    return user.is_active and user.has_perm(REPORT_PERMISSION)


def monthly_counts():
    """One row per page and month: page_id, page__title, month, yes, no, comments."""
    return (
        PageFeedback.objects.annotate(month=TruncMonth("created_on"))
        .values("page_id", "page__title", "month")
        .annotate(
            yes=Count("pk", filter=Q(useful=True)),
            no=Count("pk", filter=Q(useful=False)),
            comments=Count("pk", filter=~Q(comment="")),
        )
        .order_by("-month", "page__title", "page_id")
    )


class PageFeedbackReportView(ReportView):
    page_title = "Page feedback"
    header_icon = "help"
    results_template_name = "feedback/admin/report_results.html"
    index_url_name = "feedback_report"
    index_results_url_name = "feedback_report_results"
    context_object_name = "rows"
    list_export = ["month", "page__title", "yes", "no", "comment_text"]
    export_headings = {
        "month": "Month",
        "page__title": "Page",
        "yes": "Useful: yes",
        "no": "Useful: no",
        "comment_text": "What people were looking for",
    }

    @property
    def permission_policy(self):
        return None  # checked in dispatch

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return monthly_counts()

    def get_filename(self) -> str:
        return f"page-feedback-{datetime.date.today():%Y-%m-%d}"

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)  # the same dicts the template's `rows` holds: add to them
        wanted = {(row["page_id"], row["month"]) for row in rows if row["comments"]}
        found: dict[tuple, list[dict]] = defaultdict(list)
        if wanted:
            comments = (
                PageFeedback.objects.exclude(comment="")
                .filter(page_id__in={page_id for page_id, _ in wanted})
                .filter(created_on__gte=min(month for _, month in wanted))
                .order_by("created_at")
                .values_list("pk", "page_id", "created_on", "comment")
            )
            for pk, page_id, created_on, comment in comments:
                key = (page_id, created_on.replace(day=1))
                if key in wanted:
                    found[key].append({"pk": pk, "text": comment})
        for row in rows:
            row["comment_list"] = found.get((row["page_id"], row["month"]), [])
            row["comment_text"] = "\n\n".join(comment["text"] for comment in row["comment_list"])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_delete_comments"] = can_delete_comments(self.request.user)
        return context
