"""The body StreamBlock: names and shapes, validation, rendering, contents list and previews."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamValue

from pages.blocks import BodyStreamBlock, ImageBlock, VideoBlock
from pages.table_of_contents import body_with_anchors
from pages.video_urls import video_addresses
from tests.pages.conftest import make_content, make_section

EXPECTED_BLOCKS = {
    "heading": {"text", "level"},
    "rich_text": None,
    "inset_text": {"text"},
    "care_card": {"level", "heading", "body"},
    "tips": {"heading", "intro", "items"},
    "details": {"summary", "body"},
    "quote": {"quote", "attribution", "consent_date"},
    "image": {"image", "alt_text", "decorative", "caption"},
    "video": {"title", "url", "transcript"},
    "resource_list": None,
    "poster_list": None,
}


def test_body_block_names_and_shapes_are_the_agreed_contract():
    block = BodyStreamBlock()
    assert list(block.child_blocks) == list(EXPECTED_BLOCKS)
    for name, fields in EXPECTED_BLOCKS.items():
        child = block.child_blocks[name]
        if fields is not None:
            assert set(child.child_blocks) == fields, name
        assert child.meta.icon, name
        assert child.meta.label, name
        assert child.meta.help_text, name
        assert child.meta.description, name
        assert child.meta.template == f"components/blocks/{name}.html", name
    assert block.child_blocks["rich_text"].features == [
        "bold",
        "italic",
        "link",
        "document-link",
        "ol",
        "ul",
    ]


@pytest.mark.django_db
def test_every_block_with_a_preview_value_renders_its_preview():
    block = BodyStreamBlock()
    for name, child in block.child_blocks.items():
        if name in ("image", "resource_list", "poster_list"):
            continue  # image needs an upload (tested below); the lists belong to resources/
        html = child.render(child.get_preview_value())
        assert html.strip(), name


def test_image_needs_alt_text_unless_decorative():
    block = ImageBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"image": None, "alt_text": "", "decorative": False}))
    assert "alt_text" in error.value.block_errors or "image" in error.value.block_errors


@pytest.mark.django_db
def test_image_renders_webp_renditions_lazily_with_size():
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Cuddle", file=get_test_image_file(size=(1200, 800)))
    block = ImageBlock()
    value = block.to_python(
        {
            "image": image.pk,
            "alt_text": "A parent cuddling a baby",
            "decorative": False,
            "caption": "Cuddles help",
        }
    )
    assert block.clean(value)
    img = BeautifulSoup(block.render(value), "html.parser").img
    assert img["alt"] == "A parent cuddling a baby"
    assert img["loading"] == "lazy" and img["width"] and img["height"]
    assert ".webp" in img["src"] and "srcset" in img.attrs
    decorative = block.to_python({"image": image.pk, "alt_text": "", "decorative": True})
    assert block.clean(decorative)
    assert BeautifulSoup(block.render(decorative), "html.parser").img["alt"] == ""


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
    ],
)
def test_video_addresses_become_privacy_enhanced_players(url, embed):
    assert video_addresses(url).embed_url == embed


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/video.mp4",
        "javascript:alert(1)",
        "https://www.youtube.com/watch?v=<x>",
        "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_other_video_addresses_are_refused(url):
    assert video_addresses(url) is None
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "T", "url": url, "transcript": "<p>Words.</p>"}))


def test_video_is_a_plain_link_until_played_and_keeps_its_transcript():
    block = VideoBlock()
    value = block.to_python(
        {
            "title": "Getting to know your baby",
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "transcript": "<p>A health visitor talks.</p>",
        }
    )
    soup = BeautifulSoup(block.render(value), "html.parser")
    assert soup.find("iframe") is None
    assert (
        soup.select_one("a.app-video__link")["href"]
        == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    assert soup.select_one("[data-embed-url]")["data-embed-url"] == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert "A health visitor talks." in soup.select_one("details").get_text()


def test_quote_never_shows_the_consent_date():
    block = BodyStreamBlock().child_blocks["quote"]
    value = block.to_python(
        {"quote": "It helped.", "attribution": "A parent", "consent_date": "2025-03-04"}
    )
    html = block.render(value)
    assert "It helped." in html and "2025" not in html and "March" not in html


def test_contents_anchors_are_stable_slugs_and_unique_on_the_page():
    stream = StreamValue(
        BodyStreamBlock(),
        [
            ("heading", {"text": "Why babies cry", "level": "h2"}),
            ("rich_text", "<p>Text</p>"),
            ("heading", {"text": "Why babies cry", "level": "h2"}),
            ("heading", {"text": "Rocking", "level": "h3"}),
            ("tips", {"heading": "Ideas to help", "intro": "", "items": ["<p>One</p>"]}),
            ("heading", {"text": "!!!", "level": "h2"}),
        ],
    )
    items, contents = body_with_anchors(stream)
    assert [item["anchor"] for item in items] == [
        "why-babies-cry",
        "",
        "why-babies-cry-2",
        "rocking",
        "ideas-to-help",
        "section",
    ]
    assert [entry["text"] for entry in contents] == [
        "Why babies cry",
        "Why babies cry",
        "Ideas to help",
        "!!!",
    ]


@pytest.mark.django_db
def test_long_page_shows_on_this_page_list_linking_to_its_headings(client, home):
    section = make_section(home)
    page = make_content(
        section,
        "bonding",
        body=[
            {"type": "heading", "value": {"text": "Talking and singing", "level": "h2"}},
            {"type": "rich_text", "value": "<p>Talk to your baby.</p>"},
            {"type": "heading", "value": {"text": "Stress and babies", "level": "h2"}},
            {"type": "heading", "value": {"text": "Feeling hungry", "level": "h3"}},
        ],
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    links = soup.select(".app-contents-list a")
    assert [a["href"] for a in links] == ["#talking-and-singing", "#stress-and-babies"]
    for link in links:
        assert soup.find(id=link["href"][1:]).get_text() == link.get_text()
    short = make_content(section, "short")
    assert (
        BeautifulSoup(client.get(short.url).content, "html.parser").select(".app-contents-list")
        == []
    )
