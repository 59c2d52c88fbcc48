"""Markdown in seed files becomes the rich text HTML Wagtail stores."""

import pytest

from seed.errors import SeedContentError
from seed.markdown import link_pages, rich_text_html


def test_paragraphs_lists_and_links_with_no_newlines():
    html = rich_text_html(
        "First line\nwraps on.\n\nWrite to [the team](mailto:team@example.org):\n\n"
        "- one\n- two, which\n  wraps\n"
    )
    assert html == (
        "<p>First line wraps on.</p>"
        '<p>Write to <a href="mailto:team@example.org">the team</a>:</p>'
        "<ul><li>one</li><li>two, which wraps</li></ul>"
    )


class _Page:
    pk = 7


def test_page_links_become_wagtail_page_links():
    html = rich_text_html("See [crying](page:parents/crying-and-comforting).")
    found = []

    def find(path):
        found.append(path)
        return _Page()

    assert link_pages(html, find) == '<p>See <a linktype="page" id="7">crying</a>.</p>'
    assert found == ["parents/crying-and-comforting"]


def test_a_missing_page_fails():
    def find(path):
        raise SeedContentError(f"no page {path}")

    with pytest.raises(SeedContentError, match="no page gone"):
        link_pages(rich_text_html("[x](page:gone)"), find)
