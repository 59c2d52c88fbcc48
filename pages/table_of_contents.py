"""The "On this page" contents list: anchors for a body's heading blocks.

Anchors come from the heading text, so they stay the same when other blocks move, and get a
"-2", "-3"… suffix when two headings on one page say the same thing.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.utils.text import slugify

FALLBACK_ANCHOR = "section"
# Blocks that open a section with a main heading, and the field holding its text.
ANCHORED_BLOCKS = {"heading": "text", "tips": "heading"}


class ContentsItem(TypedDict):
    text: str
    anchor: str


class BodyItem(TypedDict):
    block: Any
    anchor: str


def heading_anchor(text: str) -> str:
    """A URL fragment for a heading: lower-case words joined by hyphens."""
    return slugify(text)[:80].strip("-") or FALLBACK_ANCHOR


def body_with_anchors(body) -> tuple[list[BodyItem], list[ContentsItem]]:
    """Pair each block of a StreamField value with its anchor ("" if it has no heading), and
    list the main (h2) headings for the contents list."""
    items: list[BodyItem] = []
    contents: list[ContentsItem] = []
    used: set[str] = set()
    for child in body or []:
        anchor = ""
        if child.block_type in ANCHORED_BLOCKS:
            text = child.value[ANCHORED_BLOCKS[child.block_type]]
            base = heading_anchor(text)
            anchor, number = base, 2
            while anchor in used:
                anchor, number = f"{base}-{number}", number + 1
            used.add(anchor)
            if child.value.get("level", "h2") == "h2":
                contents.append({"text": text, "anchor": anchor})
        items.append({"block": child, "anchor": anchor})
    return items, contents
