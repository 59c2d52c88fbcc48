"""The team's contact details as Service settings hold them now, for the contact-details block.

Pages never store the inbox address or phone number: the block stores which details to show and
reads them here each time the page is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import HttpRequest

from pages.models.service_settings import ServiceSettings

CONTACT_DETAIL_CHOICES = [
    ("name", "The service's and council's names"),
    ("email", "Email address (the team's inbox)"),
    ("phone", "Phone number"),
    ("out_of_hours", "Out-of-hours notice (when the inbox is not read)"),
]


@dataclass(frozen=True)
class ContactDetails:
    """What the block's template shows; an empty string hides that line."""

    name: str = ""
    email: str = ""
    phone: str = ""
    out_of_hours: str = ""

    @property
    def phone_href(self) -> str:
        """'tel:01724123456' for a phone link: digits and + only, without a '(0)'."""
        return "tel:" + re.sub(r"[^\d+]", "", self.phone.replace("(0)", "")) if self.phone else ""

    def __bool__(self) -> bool:
        return any((self.name, self.email, self.phone, self.out_of_hours))


def contact_details(request: HttpRequest | None, chosen: list[str]) -> ContactDetails:
    """The chosen details from the request's site's settings (the default site's without a
    request, as in a block preview rendered on its own)."""
    settings = (
        ServiceSettings.for_request(request)
        if request is not None
        else ServiceSettings.for_rendering_without_request()
    )
    if settings is None:
        return ContactDetails()
    return ContactDetails(
        name=f"{settings.service_name}, {settings.organisation_name}" if "name" in chosen else "",
        email=settings.inbox_email if "email" in chosen else "",
        phone=settings.service_phone if "phone" in chosen else "",
        out_of_hours=settings.out_of_hours_notice if "out_of_hours" in chosen else "",
    )
