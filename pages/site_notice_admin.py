"""The site notice in the admin (Snippets > Site notices), for Moderators."""

from __future__ import annotations

from wagtail.snippets.views.snippets import SnippetViewSet

from pages.models.site_notice import SiteNotice


class SiteNoticeViewSet(SnippetViewSet):
    model = SiteNotice
    icon = "warning"
    menu_label = "Site notices"
    add_to_admin_menu = False
    list_display = ["__str__", "style"]
    list_filter = ["style"]
    ordering = ["-starts_at"]
