"""Admin: a "Resources" menu grouping useful links, posters and topics; the poster downloads report."""

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from resources.download_report import (
    PosterDownloadsReportView,
    can_view_downloads,
    with_download_counts,
)
from resources.models import Poster, ResourceLink, Topic


class ResourceLinkViewSet(SnippetViewSet):
    model = ResourceLink
    icon = "link"
    menu_label = "Useful links"
    menu_order = 100
    list_display = [
        "title",
        "organisation",
        Column("audience", label="Audience", accessor="get_audience_display"),
        Column("status", label="Link status", accessor="get_status_display"),
        DateColumn("last_checked", label="Last checked"),
        LiveStatusTagColumn(),
    ]
    list_filter = ["audience", "topics", "status", "live"]
    list_per_page = 50
    ordering = ["title"]
    add_to_admin_menu = False


class PosterViewSet(SnippetViewSet):
    model = Poster
    icon = "doc-full"
    menu_label = "Posters"
    menu_order = 200
    list_display = [
        "title",
        Column("audience", label="Audience", accessor="get_audience_display"),
        Column("page_count", label="Pages"),
        Column("downloads_this_month", label="Downloads this month"),
        Column("downloads_total", label="Downloads in all"),
        LiveStatusTagColumn(),
    ]
    list_filter = ["audience", "live"]
    ordering = ["title"]

    def get_queryset(self, request: HttpRequest):
        return with_download_counts(Poster.objects.all())


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    menu_order = 300
    list_display = ["name", "slug"]
    search_fields = ["name"]
    sort_order_field = "sort_order"


class ResourcesViewSetGroup(SnippetViewSetGroup):
    items = (ResourceLinkViewSet, PosterViewSet, TopicViewSet)
    menu_icon = "link"
    menu_label = "Resources"
    menu_name = "resources"
    menu_order = 250


register_snippet(ResourcesViewSetGroup)


class SnippetSearchArea(SearchArea):
    """A tab in the admin's site-wide search results for one snippet model."""

    def __init__(self, viewset_class: type[SnippetViewSet], order: int):
        self.model = viewset_class.model
        super().__init__(
            viewset_class.menu_label,
            reverse(
                f"wagtailsnippets_{self.model._meta.app_label}_{self.model._meta.model_name}:list"
            ),
            icon_name=viewset_class.icon,
            order=order,
        )

    def is_shown(self, request: HttpRequest) -> bool:
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or any(
            request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("add", "change", "delete")
        )


@hooks.register("register_admin_search_area")
def register_useful_links_search_area() -> SearchArea:
    return SnippetSearchArea(ResourceLinkViewSet, order=250)


@hooks.register("register_admin_search_area")
def register_posters_search_area() -> SearchArea:
    return SnippetSearchArea(PosterViewSet, order=260)


@hooks.register("register_admin_urls")
def register_poster_downloads_report_urls():
    return [
        path(
            "reports/poster-downloads/",
            PosterDownloadsReportView.as_view(),
            name="poster_downloads_report",
        ),
        path(
            "reports/poster-downloads/results/",
            PosterDownloadsReportView.as_view(results_only=True),
            name="poster_downloads_report_results",
        ),
    ]


class PosterDownloadsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view_downloads(request.user)


@hooks.register("register_reports_menu_item")
def register_poster_downloads_menu_item() -> MenuItem:
    return PosterDownloadsMenuItem(
        "Poster downloads",
        reverse("poster_downloads_report"),
        name="poster-downloads",
        icon_name="doc-full",
        order=680,
    )
