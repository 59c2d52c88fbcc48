"""The enquiries app's models: what people send (`enquiry`) and the page they send it from
(`contact_page`). Modules inside the app import the one they need, so the page, which uses the
form and submission modules, and the records those modules use never import each other."""

from .contact_page import ContactPage
from .enquiry import (
    AcknowledgementStatus,
    ContactTopic,
    Enquiry,
    Role,
    Status,
)

__all__ = [
    "AcknowledgementStatus",
    "ContactPage",
    "ContactTopic",
    "Enquiry",
    "Role",
    "Status",
]
