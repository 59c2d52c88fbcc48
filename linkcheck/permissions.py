"""Who may see the link report and ask for a check: anyone who edits pages or useful links."""

from __future__ import annotations

from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ACTIONS = ["add", "change", "publish"]


def can_use_link_report(user) -> bool:
    return user.has_perm(
        "resources.change_resourcelink"
    ) or PagePermissionPolicy().user_has_any_permission(user, PAGE_ACTIONS)


def can_confirm_useful_links(user) -> bool:
    return user.has_perm("resources.change_resourcelink")
