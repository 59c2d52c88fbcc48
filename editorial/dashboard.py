"""The dashboard panel: "Your pages due for review", the reminder email's list in the admin."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from .review_due import due_pages


def can_edit_pages(user) -> bool:
    """Editors, moderators and superusers; enquiry officers have no pages to review."""
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


class PagesDueForReviewPanel(Component):
    name = "pages_due_for_review"
    template_name = "editorial/dashboard_panel.html"
    order = 90  # above Wagtail's own panels (workflow 100, pages for moderation 200...)

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        every_due_page = due_pages()
        return {
            "pages": [page for page in every_due_page if page.owner_id == self.user.pk],
            "site_total": len(every_due_page),
            "report_url": reverse("pages_due_for_review"),
        }
