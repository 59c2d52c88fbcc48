"""Family hubs and group sessions in the admin (Snippets), for Editors and Moderators."""

from __future__ import annotations

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from groups.models import FamilyHub, GroupSession


class FamilyHubViewSet(SnippetViewSet):
    model = FamilyHub
    icon = "home"
    menu_label = "Family hubs"
    list_display = ["name", "phone"]
    search_fields = ["name"]


class GroupSessionViewSet(SnippetViewSet):
    model = GroupSession
    icon = "date"
    menu_label = "Sessions"
    list_display = ["__str__", "start_time", "end_time", "hub"]
    list_filter = ["hub"]
    ordering = ["-date", "-start_time"]


class GroupSessionsViewSetGroup(SnippetViewSetGroup):
    items = (GroupSessionViewSet, FamilyHubViewSet)
    menu_icon = "date"
    menu_label = "Group sessions"
    menu_name = "group-sessions"
