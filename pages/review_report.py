"""Admin report: pages whose "next review due" date is within 30 days or has passed."""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page, get_page_models

from pages.models.base import BasePage

DUE_WITHIN_DAYS = 30


def review_due_cutoff(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) + datetime.timedelta(days=DUE_WITHIN_DAYS)


def pages_due_for_review(today: datetime.date | None = None):
    """Pages due for review by the cutoff, most overdue first."""
    cutoff = review_due_cutoff(today)
    due: dict[int, datetime.date] = {}
    for model in get_page_models():
        if issubclass(model, BasePage) and not model._meta.abstract:
            rows = model.objects.filter(next_review_due__lte=cutoff).values_list(
                "pk", "next_review_due"
            )
            due.update(rows)
    pages = list(Page.objects.filter(pk__in=due).specific(defer=True))
    for page in pages:
        page.review_due_date = due[page.pk]
    return sorted(pages, key=lambda page: (page.review_due_date, page.title))


class PagesDueForReviewView(PageReportView):
    page_title = "Pages due for review"
    header_icon = "date"
    results_template_name = "pages/reports/review_due_results.html"
    index_url_name = "pages_due_for_review"
    index_results_url_name = "pages_due_for_review_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [*PageReportView.list_export, "review_due_date"]
    export_headings = {**PageReportView.export_headings, "review_due_date": "Next review due"}

    def get_queryset(self):
        return pages_due_for_review()

    def get_filtered_queryset(self):
        return self.get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["today"] = timezone.localdate()
        return context
