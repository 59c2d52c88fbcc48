"""Admin: the "Broken and redirected links" report (Reports menu) and its two actions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from linkcheck.permissions import can_use_link_report
from linkcheck.report import BrokenLinksReportView
from linkcheck.views import check_links_now, mark_useful_link_working


@hooks.register("register_admin_urls")
def register_link_report_urls():
    return [
        path("reports/broken-links/", BrokenLinksReportView.as_view(), name="linkcheck_report"),
        path(
            "reports/broken-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="linkcheck_report_results",
        ),
        path("reports/broken-links/check-now/", check_links_now, name="linkcheck_check_now"),
        path(
            "reports/broken-links/useful-link/<int:pk>/working/",
            mark_useful_link_working,
            name="linkcheck_mark_working",
        ),
    ]


class LinkReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_use_link_report(request.user)


@hooks.register("register_reports_menu_item")
def register_link_report_menu_item() -> MenuItem:
    return LinkReportMenuItem(
        "Broken links",
        reverse("linkcheck_report"),
        name="broken-links",
        icon_name="link",
        order=660,
    )
