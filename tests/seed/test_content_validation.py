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


def test_a_video_from_a_disallowed_host_is_refused(seeded, content_copy):
    add_page(
        content_copy,
        "broken",
        content_page(
            {"heading": {"text": "A video"}},
            {"video": {"title": "Ours", "url": "https://videos.example.org/1", "transcript": "Hi"}},
        ),
    )
    message = seed_error(content_copy)
    assert "content/pages/broken.yaml" in message
    assert "body > block 2 (video) > url" in message
    assert "Use a YouTube address" in message


def test_an_image_block_without_an_image_is_refused(seeded, content_copy):
    add_page(content_copy, "broken", content_page({"image": {"alt_text": "A baby smiling"}}))
    message = seed_error(content_copy)
    assert "content/pages/broken.yaml" in message
    assert "body > block 1 (image) > image" in message
    assert "required" in message


def test_an_unknown_block_name_is_refused(seeded, content_copy):
    add_page(content_copy, "broken", content_page({"vidoe": {"title": "Typo"}}))
    message = seed_error(content_copy)
    assert "content/pages/broken.yaml" in message
    assert "body > block 1: unknown block 'vidoe'" in message


def test_an_unknown_field_in_a_block_is_refused(seeded, content_copy):
    add_page(content_copy, "broken", content_page({"heading": {"text": "Hi", "size": "big"}}))
    message = seed_error(content_copy)
    assert "body > block 1 (heading): unknown field(s) size" in message


def test_a_link_to_a_missing_page_is_refused(seeded, content_copy):
    add_page(
        content_copy,
        "broken",
        content_page({"rich_text": "See [crying](page:parents/no-such-page)."}),
    )
    message = seed_error(content_copy)
    assert "content/pages/broken.yaml" in message
    assert "'parents/no-such-page'" in message


def test_a_page_type_that_cannot_go_there_is_refused(seeded, content_copy):
    add_page(content_copy, "broken", {"type": "pages.HomePage", "title": "Second home"})
    message = seed_error(content_copy)
    assert "content/pages/broken.yaml" in message
    assert "cannot go under" in message


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
