"""Bad seed content fails loudly, naming the file and the block, and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management.base import CommandError
from wagtail.models import Page

from tests.seed.conftest import seed

pytestmark = pytest.mark.django_db


def add_page(content: Path, slug: str, page: dict) -> None:
    """Add a page file under the home page of a copied content folder."""
    home_file = content / "home.yaml"
    home = yaml.safe_load(home_file.read_text(encoding="utf-8"))
    home["children"].append(slug)
    home_file.write_text(yaml.safe_dump(home, allow_unicode=True), encoding="utf-8")
    (content / "pages" / f"{slug}.yaml").write_text(yaml.safe_dump(page), encoding="utf-8")


def content_page(*body: dict) -> dict:
    return {
        "type": "pages.ContentPage",
        "title": "Broken",
        "summary": "A test.",
        "body": list(body),
    }


def seed_error(content: Path) -> str:
    with pytest.raises(CommandError) as raised:
        seed(content)
    assert not Page.objects.filter(slug="broken").exists()  # nothing was written
    return str(raised.value)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(
            content_page(
                {"heading": {"text": "A video"}},
                {
                    "video": {
                        "title": "Ours",
                        "url": "https://videos.example.org/1",
                        "transcript": "Hi",
                    }
                },
            ),
            ["body > block 2 (video) > url", "Use a YouTube address"],
            id="video from a disallowed host",
        ),
        pytest.param(
            content_page({"image": {"image": {"alt_text": "A baby smiling"}}}),
            ["body > block 1 (image) > image", "required"],
            id="image block without an image",
        ),
        pytest.param(
            content_page({"vidoe": {"title": "Typo"}}),
            ["body > block 1: unknown block 'vidoe'"],
            id="unknown block name",
        ),
        pytest.param(
            content_page({"heading": {"text": "Hi", "size": "big"}}),
            ["body > block 1 (heading): unknown field(s) size"],
            id="unknown part of a block",
        ),
        pytest.param(
            content_page({"rich_text": "See [crying](page:parents/no-such-page)."}),
            ["'parents/no-such-page'", "no page at that slug path"],
            id="link to a missing page",
        ),
        pytest.param(
            {"type": "pages.HomePage", "title": "Second home"},
            ["cannot go under"],
            id="page type not allowed there",
        ),
    ],
)
def test_bad_content_is_refused_naming_the_file(seeded, content_copy, page, expected):
    add_page(content_copy, "broken", page)
    message = seed_error(content_copy)
    assert "content/pages/broken.yaml" in message
    for fragment in expected:
        assert fragment in message


def test_a_page_file_no_parent_lists_is_refused(seeded, content_copy):
    (content_copy / "pages" / "broken.yaml").write_text(
        yaml.safe_dump(content_page()), encoding="utf-8"
    )
    message = seed_error(content_copy)
    assert "content/pages/broken.yaml is not listed" in message


def test_a_valid_new_page_is_published_with_its_blocks(seeded, content_copy):
    add_page(
        content_copy,
        "broken",
        content_page(
            {"video": {"title": "Ours", "url": "https://youtu.be/aaaaaaaaaaa", "transcript": "Hi"}}
        ),
    )
    seed(content_copy)
    page = Page.objects.get(slug="broken").specific
    assert page.live and page.revisions.count() == 1
    assert page.body[0].value["url"] == "https://youtu.be/aaaaaaaaaaa"
    assert page.body[0].value["transcript"].source == "<p>Hi</p>"
