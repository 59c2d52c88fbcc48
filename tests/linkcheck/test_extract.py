"""The generic walk finds every external address the public sees, and where, with no code per
page type: rich text, nested blocks, URL blocks, URL fields, settings; never drafts."""

from __future__ import annotations

import pytest

from linkcheck.extract import find_external_urls, urls_in_rich_text
from tests.linkcheck.content import build_content

pytestmark = pytest.mark.django_db


def test_rich_text_yields_only_external_hrefs():
    source = (
        '<p><a href="https://example.org/a">a</a> <a linktype="page" id="3">b</a> '
        '<a href="mailto:x@example.org">c</a> <a href="HTTP://example.org/b ">d</a></p>'
    )
    assert urls_in_rich_text(source) == ["https://example.org/a", "HTTP://example.org/b"]


def test_every_public_use_is_found_with_its_place(web, refused_url):
    content = build_content(web, refused_url)
    found = {
        (use.url, use.kind, str(use.instance), use.field_label) for use in find_external_urls()
    }
    assert found == {
        (web.url("/ok"), "Useful link", "Working link", "Web address"),
        (web.url("/moved"), "Useful link", "Moved link", "Web address"),
        (web.url("/missing"), "Useful link", "Missing link", "Web address"),
        (refused_url, "Useful link", "Refused link", "Web address"),
        (web.url("/missing"), "Page", "Crying", "Body › Text"),
        (web.url("/no-head"), "Page", "Crying", "Body › Tips list › Items"),
        (web.url("/error"), "Page", "Crying", "Body › Video › Url"),
        (
            web.url("/moved"),
            "Service settings",
            str(content.service_settings),
            "Footer links › Footer link › Url",
        ),
    }
