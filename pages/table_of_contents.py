"""The "On this page" contents list, built from what each body block says about itself.

A block that opens a section mixes in `OpensSection`: it names the text its anchor is made from
and whether the section is listed. Anchors come from that text, so they stay the same when other
blocks move, and get a "-2", "-3"… suffix when two headings on one page say the same thing.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.utils.text import slugify
from wagtail import blocks

FALLBACK_ANCHOR = "section"


class ContentsItem(TypedDict):
    text: str
    anchor: str


class BodyItem(TypedDict):
    block: Any
    anchor: str


def heading_anchor(text: str) -> str:
    """A URL fragment for a heading: lower-case words joined by hyphens."""
    return slugify(text)[:80].strip("-") or FALLBACK_ANCHOR


class OpensSection(blocks.StructBlock):
    """For a StructBlock whose heading opens a section of the page.

    Its template gets an `anchor`: the page's unique one when rendered in a body, otherwise one
    made from the heading text (block previews, other pages).
    """

    anchor_field = "heading"

    def anchor_text(self, value) -> str:
        """The heading text the section's anchor is made from."""
        return value[self.anchor_field]

    def listed_in_contents(self, value) -> bool:
        """Whether the section appears in the "On this page" list."""
        return True

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = (parent_context or {}).get("heading_anchor") or heading_anchor(
            self.anchor_text(value)
        )
        return context


def body_with_anchors(body) -> tuple[list[BodyItem], list[ContentsItem]]:
    """Pair each block of a StreamField value with its anchor ("" if it opens no section), and
    list the sections the blocks say belong in the contents list."""
    items: list[BodyItem] = []
    contents: list[ContentsItem] = []
    used: set[str] = set()
    for child in body or []:
        anchor = ""
        if isinstance(child.block, OpensSection):
            text = child.block.anchor_text(child.value)
            base = heading_anchor(text)
            anchor, number = base, 2
            while anchor in used:
                anchor, number = f"{base}-{number}", number + 1
            used.add(anchor)
            if child.block.listed_in_contents(child.value):
                contents.append({"text": text, "anchor": anchor})
        items.append({"block": child, "anchor": anchor})
    return items, contents
