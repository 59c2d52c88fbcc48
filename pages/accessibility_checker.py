"""Editors' accessibility checker: Wagtail's axe-based userbar checker plus two link checks.

- ``link-text-purpose``: link text that says nothing out of context ("click here", "read more").
- ``document-link-format``: links to documents (under /documents/ or ending .pdf) whose text
  doesn't give the file's format and size, like "(PDF, 240 KB, 1 page)".

axe checks need JavaScript ``evaluate`` functions; ``pages/js/accessibility_checks.js`` registers
them with the userbar (``registerCheck``) before it configures axe on page load. Wagtail renders
the item's media only inside the userbar, which anonymous visitors never get.
"""

from __future__ import annotations

from django.forms import Media
from wagtail.admin.userbar import ContentCheckerItem

# Lower-case link texts that don't describe where the link goes.
VAGUE_LINK_TEXTS = [
    "click here",
    "click this link",
    "here",
    "link",
    "more",
    "more info",
    "more information",
    "read more",
    "this link",
    "this page",
    "find out more",
    "learn more",
]

# A document link's text must name the format and size, e.g. "(PDF, 240 KB, 1 page)".
DOCUMENT_FORMAT_PATTERN = r"\b(PDF|DOCX?|XLSX?|ODT|CSV)\b.*\b\d+(\.\d+)?\s?(KB|MB|bytes)\b"
DOCUMENT_LINK_SELECTOR = 'a[href^="/documents/"], a[href*=".pdf"], a[href*=".PDF"]'


class LinkTextContentChecker(ContentCheckerItem):
    """Wagtail's content checker with this site's link-text rules added."""

    axe_run_only = [*ContentCheckerItem.axe_run_only, "link-text-purpose", "document-link-format"]

    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        {
            "id": "link-text-purpose",
            "impact": "serious",
            "selector": "a[href]",
            "tags": ["best-practice"],
            "any": ["check-link-text-purpose"],
            "enabled": True,
        },
        {
            "id": "document-link-format",
            "impact": "moderate",
            "selector": DOCUMENT_LINK_SELECTOR,
            "tags": ["best-practice"],
            "any": ["check-document-link-format"],
            "enabled": True,
        },
    ]

    axe_custom_checks = [
        *ContentCheckerItem.axe_custom_checks,
        {"id": "check-link-text-purpose", "options": {"vague": VAGUE_LINK_TEXTS}},
        {"id": "check-document-link-format", "options": {"pattern": DOCUMENT_FORMAT_PATTERN}},
    ]

    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "link-text-purpose": {
            "error_name": "Link text does not say where it goes",
            "help_text": 'Replace words like "click here" or "read more" with the name of the '
            'page or document, for example "Read about crying and comforting"',
        },
        "document-link-format": {
            "error_name": "Document link does not give its format and size",
            "help_text": 'Add the format and size to the link text, for example "Cuddles poster '
            '(PDF, 240 KB, 1 page)"',
        },
    }

    @property
    def media(self) -> Media:
        return Media(js=["pages/js/accessibility_checks.js"])


def use_link_text_checker(request, items: list, page) -> None:
    """`construct_wagtail_userbar` hook: swap Wagtail's checker item for ours, in place."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, LinkTextContentChecker):
            items[index] = LinkTextContentChecker(in_editor=item.in_editor)
