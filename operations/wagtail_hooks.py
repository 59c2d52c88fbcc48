"""Admin additions: dashboard warnings when email is not going out or security.txt expired."""

from __future__ import annotations

from wagtail import hooks

from .dashboard import panels_for


@hooks.register("construct_homepage_panels")
def add_operations_warnings(request, panels: list) -> None:
    panels.extend(panels_for(request.user))
