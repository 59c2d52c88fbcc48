"""Urgent-help signposting: the block editors fill in and the context components render."""

from __future__ import annotations

import re
from typing import TypedDict

from wagtail import blocks

LEVEL_CHOICES = [
    ("emergency", "Emergency (999, A&E)"),
    ("urgent", "Urgent (NHS 111, crisis lines)"),
    ("non_urgent", "Not urgent (someone to talk to)"),
]


class UrgentHelpLink(TypedDict):
    label: str
    href: str


class UrgentHelpEntry(TypedDict):
    level: str
    label: str
    text: str
    paragraphs: list[str]  # the text as the paragraphs of a care card
    links: list[UrgentHelpLink]


class CareCard(TypedDict):
    """The context of `components/care_card.html` for a card built in code."""

    level: str
    heading: str
    heading_level: int
    plain_heading: bool
    paragraphs: list[str]
    links: list[UrgentHelpLink]


# Shown on the 500 page, which renders without the database and so without the editors' lines.
SERVICE_PROBLEM_CARE_CARD: CareCard = {
    "level": "emergency",
    "heading": "If you need help now",
    "heading_level": 2,
    "plain_heading": True,
    "paragraphs": [
        "Call 999 if your baby is seriously ill or injured, or if you think you or your baby "
        "are in danger.",
        "For urgent help that is not an emergency, call NHS 111. If you are worried about your "
        "own mental health, call NHS 111 and choose the mental health option.",
    ],
    "links": [
        {"label": "Call 999", "href": "tel:999"},
        {"label": "Call NHS 111", "href": "tel:111"},
    ],
}


def _dial_string(number: str) -> str:
    """'116 123' -> '116123'; keeps a leading + for international numbers."""
    return re.sub(r"(?!^\+)[^\d]", "", number.strip())


class UrgentHelpEntryBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=LEVEL_CHOICES,
        default="urgent",
        help_text="Sets the colour and order, after NHS.UK: emergency first.",
    )
    label = blocks.CharBlock(
        max_length=80, help_text="Short name shown in bold, for example 'Emergency'."
    )
    text = blocks.TextBlock(
        help_text="What to do, in one or two plain sentences, for example 'Call 999 or go to A&E'."
    )
    phone = blocks.CharBlock(
        required=False,
        max_length=30,
        help_text="Phone number to call, as people write it (for example 116 123). Becomes a "
        "tap-to-call link.",
    )
    text_number = blocks.CharBlock(
        required=False,
        max_length=30,
        help_text="Number to text, if any (for example 85258). Becomes a tap-to-text link.",
    )
    text_message = blocks.CharBlock(
        required=False,
        max_length=40,
        help_text="Word to put in the text message, if the service asks for one (for example SHOUT).",
    )
    url = blocks.URLBlock(required=False, help_text="Website for this help, if any.")
    url_label = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text="Link text for the website, for example 'NHS 111 online'.",
    )
    verified_on = blocks.DateBlock(
        required=False,
        help_text="When someone last checked this number or link works. Not shown to the public.",
    )

    class Meta:
        icon = "warning"
        label = "Urgent help entry"


def entry_context(value: blocks.StructValue) -> UrgentHelpEntry:
    """Turn one stored entry into the plain dict `components/urgent_help.html` renders."""
    links: list[UrgentHelpLink] = []
    if value.get("phone"):
        links.append(
            {"label": f"Call {value['phone']}", "href": f"tel:{_dial_string(value['phone'])}"}
        )
    if value.get("text_number"):
        number = _dial_string(value["text_number"])
        body = value.get("text_message") or ""
        label = f"Text {body} to {value['text_number']}" if body else f"Text {value['text_number']}"
        links.append({"label": label, "href": f"sms:{number}" + (f"?body={body}" if body else "")})
    if value.get("url"):
        links.append({"label": value.get("url_label") or value["url"], "href": value["url"]})
    return {
        "level": value["level"],
        "label": value["label"],
        "text": value["text"],
        "paragraphs": [value["text"]] if value["text"] else [],
        "links": links,
    }
