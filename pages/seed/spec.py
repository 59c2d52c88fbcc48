"""The shapes seed data is written in, and small helpers to write body blocks tersely.

A body is a list of `(block_name, value)` pairs in the raw form the body StreamBlock stores:
rich text is HTML. A link to another seeded page is written `<a data-page="parents/crying">`
(the page's slug path below the home page); the seed command turns it into a Wagtail page link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Block = tuple[str, Any]


@dataclass(frozen=True)
class PageSpec:
    model: str  # "pages.ContentPage"
    slug: str
    title: str
    summary: str
    fields: dict[str, Any] = field(default_factory=dict)
    body: list[Block] = field(default_factory=list)
    show_in_menus: bool = False
    children: list[PageSpec] = field(default_factory=list)


def h2(text: str) -> Block:
    return ("heading", {"text": text, "level": "h2"})


def h3(text: str) -> Block:
    return ("heading", {"text": text, "level": "h3"})


def paras(*paragraphs: str) -> str:
    """Paragraphs (each may already contain inline HTML) as rich text HTML."""
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def text(*paragraphs: str) -> Block:
    return ("rich_text", paras(*paragraphs))


def bullets(*items: str, intro: str = "") -> Block:
    lis = "".join(f"<li>{item}</li>" for item in items)
    return ("rich_text", (paras(intro) if intro else "") + f"<ul>{lis}</ul>")


def inset(*paragraphs: str) -> Block:
    return ("inset_text", {"text": paras(*paragraphs)})


def care_card(level: str, heading: str, *paragraphs: str) -> Block:
    return ("care_card", {"level": level, "heading": heading, "body": paras(*paragraphs)})


def link(url: str, label: str) -> str:
    return f'<a href="{url}">{label}</a>'


def page_link(path: str, label: str) -> str:
    return f'<a data-page="{path}">{label}</a>'


def email_link(address: str) -> str:
    return f'<a href="mailto:{address}">{address}</a>'
