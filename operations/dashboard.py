"""Dashboard warnings: email not going out (enquiry officers and superusers), and an expired
security.txt (administrators)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from . import health
from .models import SecurityTxtSettings

# The permission only the Enquiry officers group (and superusers) have (enquiries/admin_views.py).
ENQUIRY_PERMISSION = "enquiries.view_enquiry"


def email_problems() -> list[str]:
    """Plain-English reasons enquiries may not be reaching the team, or none."""
    problems = []
    wait = health.oldest_due_email_wait()
    if wait is not None and wait.total_seconds() > settings.EMAIL_QUEUE_MAX_WAIT_SECONDS:
        minutes = int(wait.total_seconds() // 60)
        problems.append(f"The oldest email waiting to be sent has waited {minutes} minutes.")
    age = health.heartbeat_age()
    if age is None:
        problems.append("The email worker has not started.")
    elif age.total_seconds() > settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS:
        minutes = max(1, int(age.total_seconds() // 60))
        problems.append(f"The email worker was last seen {minutes} minutes ago.")
    return problems


class EmailDelayedPanel(Component):
    name = "email_delayed"
    template_name = "operations/email_delayed_panel.html"
    order = 10  # first: enquiries from parents are not arriving

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"problems": self.problems}


class SecurityTxtExpiredPanel(Component):
    name = "security_txt_expired"
    template_name = "operations/security_txt_expired_panel.html"
    order = 20

    def __init__(self, values: SecurityTxtSettings) -> None:
        self.values = values

    def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        site = Site.objects.get(pk=self.values.site_id)
        return {
            "expires": self.values.expires,
            "edit_url": reverse(
                "wagtailsettings:edit", args=["operations", "securitytxtsettings", site.pk]
            ),
        }


def panels_for(user) -> list[Component]:
    panels: list[Component] = []
    if user.has_perm(ENQUIRY_PERMISSION) and (problems := email_problems()):
        panels.append(EmailDelayedPanel(problems))
    if user.is_superuser:
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None:
            values = SecurityTxtSettings.for_site(site)
            if values.has_expired:
                panels.append(SecurityTxtExpiredPanel(values))
    return panels
