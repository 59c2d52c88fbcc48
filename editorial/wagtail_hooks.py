"""Admin additions: the dashboard's "Your pages due for review" panel."""

from __future__ import annotations

from wagtail import hooks

from .dashboard import PagesDueForReviewPanel, can_edit_pages


@hooks.register("construct_homepage_panels")
def add_pages_due_for_review_panel(request, panels: list) -> None:
    if can_edit_pages(request.user):
        panels.append(PagesDueForReviewPanel(request.user))
