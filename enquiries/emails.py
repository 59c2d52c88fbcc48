"""Build the two emails an enquiry produces: one to the team's inbox, one acknowledgement."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from pages.models.service_settings import ServiceSettings
from pages.service_names import ORGANISATION_NAME, SERVICE_NAME

from .models.enquiry import Enquiry


def _single_line(text: str) -> str:
    return " ".join(text.split())


def message_id_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "localhost"


def message_id_for(enquiry: Enquiry, kind: str = "") -> str:
    suffix = f"-{kind}" if kind else ""
    return f"<enquiry-{enquiry.uuid}{suffix}@{message_id_domain()}>"


def _names(service: ServiceSettings | None) -> dict[str, str]:
    """The service's and the council's names as editors set them, for the email text."""
    return {
        "service_name": service.service_name if service else SERVICE_NAME,
        "organisation_name": service.organisation_name if service else ORGANISATION_NAME,
    }


def team_email(enquiry: Enquiry, recipient: str, service: ServiceSettings | None) -> EmailMessage:
    subject = _single_line(f"Website enquiry: {enquiry.topic_name} [{enquiry.reference}]")
    body = render_to_string("enquiries/email/team.txt", {"enquiry": enquiry, **_names(service)})
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        reply_to=[formataddr((_single_line(enquiry.name), enquiry.email))],
        headers={"Message-ID": message_id_for(enquiry)},
    )


def acknowledgement_email(
    enquiry: Enquiry, service: ServiceSettings | None, inbox: str
) -> EmailMessage:
    context = {
        "enquiry": enquiry,
        **_names(service),
        "urgent_help": service.urgent_help_entries() if service else [],
        "out_of_hours_notice": service.out_of_hours_notice if service else "",
    }
    return EmailMessage(
        subject=f"We have received your message (reference {enquiry.reference})",
        body=render_to_string("enquiries/email/acknowledgement.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[enquiry.email],
        reply_to=[inbox],
        headers={"Message-ID": message_id_for(enquiry, "ack")},
    )
