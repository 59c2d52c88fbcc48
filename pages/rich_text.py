"""The one set of rich-text features editors get, in every rich-text field and block."""

from __future__ import annotations

# Bold, italic, links (to pages, the web and documents) and lists: no headings, which come from
# Heading blocks so that they build the "On this page" list. "team-email" and "team-phone" insert
# the team's contact details from Service settings (pages/rich_text_contact.py).
RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "team-email",
    "team-phone",
]
