"""Where an enquiry goes: its topic's inbox, else the service inbox in Service settings."""

from __future__ import annotations

from pages.models.service_settings import ServiceSettings

from .models.enquiry import Enquiry


class NoInboxError(Exception):
    """Neither the topic nor Service settings names an inbox: the send fails and is retried."""

    def __init__(self) -> None:
        super().__init__("No inbox address set in Service settings")


def routed_inbox(enquiry: Enquiry, service: ServiceSettings | None) -> str:
    """The topic's own inbox, else the service inbox. Never anything the sender typed."""
    if enquiry.topic_id and enquiry.topic and enquiry.topic.inbox:
        return enquiry.topic.inbox
    if service and service.inbox_email:
        return service.inbox_email
    raise NoInboxError
