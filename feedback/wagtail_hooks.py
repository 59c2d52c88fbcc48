"""Admin: the "Page feedback" report (Reports menu), for Editors and Moderators."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .report import PageFeedbackReportView, can_view_report


@hooks.register("register_admin_urls")
def register_feedback_report_urls():
    return [
        path("reports/page-feedback/", PageFeedbackReportView.as_view(), name="feedback_report"),
        path(
            "reports/page-feedback/results/",
            PageFeedbackReportView.as_view(results_only=True),
            name="feedback_report_results",
        ),
    ]


class FeedbackReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view_report(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item() -> MenuItem:
    return FeedbackReportMenuItem(
        "Page feedback",
        reverse("feedback_report"),
        name="page-feedback",
        icon_name="help",
        order=670,
    )
