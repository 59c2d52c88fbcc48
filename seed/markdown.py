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

_BETWEEN_BLOCKS = re.compile(r">\s*\n\s*<")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_PAGE_LINK = re.compile(r'<a href="page:(?P<path>[^"]+)">')


def rich_text_html(text: str) -> str:
    """HTML for rich text: no newlines between or inside elements (wrapped lines join up)."""
    html = python_markdown.markdown(text, output_format="html")
    return _LINE_BREAK.sub(" ", _BETWEEN_BLOCKS.sub("><", html))


def link_pages(html: str, find_page: Callable[[str], Page]) -> str:
    """Turn every `page:` link into a Wagtail page link; `find_page` raises if it is missing."""
    return _PAGE_LINK.sub(
        lambda match: f'<a linktype="page" id="{find_page(match["path"]).pk}">', html
    )
