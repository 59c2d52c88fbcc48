"""Email the editors when the link checker takes useful links off the public site."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from linkcheck.models import CheckedAddress
from resources.models import ResourceLink

logger = logging.getLogger("linkcheck")

# Everyone in these groups (with an email address) hears about hidden links.
EDITOR_GROUPS = ("Editors", "Moderators")


def _admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def recipients_for(links: list[ResourceLink]) -> list[str]:
    """The Editors' and Moderators' addresses, and each link's last editor's."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    addresses = set(users.filter(groups__name__in=EDITOR_GROUPS).values_list("email", flat=True))
    for link in links:
        revision = link.latest_revision
        user = revision.user if revision else None
        if user is not None and user.is_active and user.email:
            addresses.add(user.email)
    return sorted(addresses)


def tell_editors_about_hidden_links(
    links: list[ResourceLink], addresses: dict[str, CheckedAddress]
) -> int:
    """One email to each editor listing the links that just left the listings; how many sent."""
    recipients = recipients_for(links)
    if not recipients:
        logger.warning("Link check hid %d useful links, but no editor has an email", len(links))
        return 0
    count = len(links)
    subject = (
        f"{count} useful link{'s' if count != 1 else ''} taken off the website: "
        "not working twice in a row"
    )
    body = render_to_string(
        "linkcheck/hidden_links_email.txt",
        {
            "links": [
                {
                    "title": link.title,
                    "url": link.url,
                    "result": addresses[link.url].result_text if link.url in addresses else "",
                    "edit_url": _admin_url(
                        reverse("wagtailsnippets_resources_resourcelink:edit", args=[link.pk])
                    ),
                }
                for link in links
            ],
            "report_url": _admin_url(reverse("linkcheck_report")),
        },
    )
    sent = 0
    for recipient in recipients:
        try:
            sent += send_mail(subject, body, None, [recipient])
        except Exception:
            logger.exception("Could not email %s about hidden useful links", recipient)
    return sent
