"""Admin additions for editors: the "Pages due for review" report, the site notice."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from pages.accessibility_checker import use_link_text_checker
from pages.review_report import PagesDueForReviewView
from pages.rich_text_contact import register_contact_detail_features
from pages.search_admin import SearchTermsViewSetGroup
from pages.site_notice_admin import SiteNoticeViewSet

register_snippet(SiteNoticeViewSet)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/pages-due-for-review/",
            PagesDueForReviewView.as_view(),
            name="pages_due_for_review",
        ),
        path(
            "reports/pages-due-for-review/results/",
            PagesDueForReviewView.as_view(results_only=True),
            name="pages_due_for_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item() -> MenuItem:
    return MenuItem(
        "Pages due for review",
        reverse("pages_due_for_review"),
        name="pages-due-for-review",
        icon_name="date",
        order=650,
    )


# --- Editors' accessibility checker (accessibility concern) --------------------------------------
@hooks.register("construct_wagtail_userbar")
def add_link_text_checks(request, items, page):
    use_link_text_checker(request, items, page)


# --- Contact details inside rich text (pages/rich_text_contact.py) -------------------------------
@hooks.register("register_rich_text_features")
def register_contact_details_in_rich_text(features):
    register_contact_detail_features(features)


# --- Site search: synonyms and crisis terms (pages/search_admin.py) -----------------------------
register_snippet(SearchTermsViewSetGroup)
