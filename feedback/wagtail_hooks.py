"""Admin: the "Page feedback" report (Reports menu), for Editors and Moderators, and deleting a
comment from it (Moderators), recorded in Wagtail's log."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .comment_deletion import LOG_ACTION, DeleteFeedbackCommentView
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
        path(
            "reports/page-feedback/comments/<int:pk>/delete/",
            DeleteFeedbackCommentView.as_view(),
            name="feedback_delete_comment",
        ),
    ]


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions) -> None:
    actions.register_action(
        LOG_ACTION, "Delete feedback comment", "Deleted the comment of a page feedback answer"
    )


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
