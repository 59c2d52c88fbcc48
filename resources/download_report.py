"""Admin: poster downloads per poster per month (Reports > Poster downloads), and the counts the
poster list shows."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.admin.views.reports import ReportView

from resources.models import PosterDownloadMonth


def can_view_downloads(user) -> bool:
    """Anyone who may see posters in the admin."""
    return user.is_active and any(
        user.has_perm(f"resources.{action}_poster") for action in ("view", "add", "change")
    )


def with_download_counts(posters: QuerySet) -> QuerySet:
    """Annotate `downloads_this_month` and `downloads_total` (0 when none), one query in all."""
    month = timezone.localdate().replace(day=1)
    per_poster = PosterDownloadMonth.objects.filter(poster=OuterRef("pk"))

    def total(rows: QuerySet) -> Coalesce:
        summed = rows.values("poster").annotate(total=Sum("count")).values("total")
        return Coalesce(Subquery(summed, output_field=IntegerField()), 0)

    return posters.annotate(
        downloads_this_month=total(per_poster.filter(month=month)),
        downloads_total=total(per_poster),
    )


class PosterDownloadsReportView(ReportView):
    page_title = "Poster downloads"
    header_icon = "doc-full"
    results_template_name = "resources/admin/downloads_report_results.html"
    index_url_name = "poster_downloads_report"
    index_results_url_name = "poster_downloads_report_results"
    context_object_name = "rows"
    list_export = ["month", "poster.title", "count"]
    export_headings = {"month": "Month", "poster.title": "Poster", "count": "Downloads"}

    @property
    def permission_policy(self):
        return None  # checked in dispatch

    def dispatch(self, request, *args, **kwargs):
        if not can_view_downloads(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return PosterDownloadMonth.objects.select_related("poster").order_by(
            "-month", "poster__title", "poster_id"
        )

    def get_filename(self) -> str:
        return f"poster-downloads-{datetime.date.today():%Y-%m-%d}"
