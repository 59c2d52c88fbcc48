"""Build the two emails an enquiry produces: one to the team's inbox, one acknowledgement."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from wagtail.models import Site

from pages.models.service_settings import DEFAULT_INBOX, ServiceSettings

from .models import Enquiry


def _single_line(text: str) -> str:
    return " ".join(text.split())


def message_id_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "localhost"


def message_id_for(enquiry: Enquiry, kind: str = "") -> str:
    suffix = f"-{kind}" if kind else ""
    return f"<enquiry-{enquiry.uuid}{suffix}@{message_id_domain()}>"


def service_settings() -> ServiceSettings | None:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return ServiceSettings.for_site(site) if site else None


def routed_inbox(enquiry: Enquiry, service: ServiceSettings | None) -> str:
    """The topic's own inbox, else the service inbox. Never anything the sender typed."""
    if enquiry.topic_id and enquiry.topic and enquiry.topic.inbox:
        return enquiry.topic.inbox
    return service.inbox_email if service and service.inbox_email else DEFAULT_INBOX


def team_email(enquiry: Enquiry, recipient: str) -> EmailMessage:
    subject = _single_line(f"Website enquiry: {enquiry.topic_name} [{enquiry.reference}]")
    body = render_to_string("enquiries/email/team.txt", {"enquiry": enquiry})
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
