"""Markdown in seed files → the HTML Wagtail stores for rich text.

Links to other pages of the site are written with the `page:` scheme and the page's slug path
below the home page: `[crying](page:parents/crying-and-comforting)`. They become Wagtail page
links (`<a linktype="page" id="…">`) once every page exists, so they survive slug changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown as python_markdown
from wagtail.models import Page

from seed.errors import SeedContentError

_BETWEEN_BLOCKS = re.compile(r">\s*\n\s*<")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_PAGE_LINK = re.compile(r'<a href="page:(?P<path>[^"]+)">')
_CONTACT_LINK = re.compile(r'<a href="contact:(?P<detail>[^"]*)">.*?</a>')
CONTACT_DETAILS = ("email", "phone")


def rich_text_html(text: str) -> str:
    """HTML for rich text: no newlines between or inside elements (wrapped lines join up)."""
    html = python_markdown.markdown(text, output_format="html")
    return contact_references(_LINE_BREAK.sub(" ", _BETWEEN_BLOCKS.sub("><", html)))


def contact_references(html: str) -> str:
    """`[the team's email](contact:email)` → the reference Wagtail stores, which shows the
    current value from Service settings (pages/rich_text_contact.py); the link text is dropped."""

    def reference(match: re.Match) -> str:
        if match["detail"] not in CONTACT_DETAILS:
            raise SeedContentError(
                f"contact:{match['detail']} is not a contact detail: use "
                + " or ".join(f"contact:{name}" for name in CONTACT_DETAILS)
            )
        return f'<embed embedtype="contact_detail" detail="{match["detail"]}"/>'

    return _CONTACT_LINK.sub(reference, html)


def link_pages(html: str, find_page: Callable[[str], Page]) -> str:
    """Turn every `page:` link into a Wagtail page link; `find_page` raises if it is missing."""
    return _PAGE_LINK.sub(
        lambda match: f'<a linktype="page" id="{find_page(match["path"]).pk}">', html
    )
