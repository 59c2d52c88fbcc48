"""The body StreamBlock: names and shapes, validation, rendering, contents list and previews."""

from __future__ import annotations

import importlib

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from pages.blocks import BodyStreamBlock, VideoBlock
from pages.rich_text import RICH_TEXT_FEATURES
from pages.table_of_contents import OpensSection, body_with_anchors
from pages.video_urls import video_addresses
from resources.tasks import make_public_renditions
from tests.factories import PosterFactory, ResourceLinkFactory
from tests.pages.conftest import make_content, make_section

BODY_BLOCKS = BodyStreamBlock().child_blocks

# Stored names and value shapes are a contract with seed data, other apps and saved pages:
# blocks may be added, but these keep their names and fields (None: not a StructBlock).
STORED_SHAPES = {
    "heading": {"text", "level"},
    "rich_text": None,
    "inset_text": {"text"},
    "care_card": {"level", "heading", "body"},
    "tips": {"heading", "intro", "items"},
    "details": {"summary", "body"},
    "quote": {"quote", "attribution", "consent_date"},
    "image": {"image", "caption"},
    "video": {"title", "url", "transcript"},
    "resource_list": {"heading", "resources", "audience", "topic"},
    "poster_list": {"heading", "posters", "audience"},
    "listing": {"heading", "listing"},
}


def test_stored_block_names_and_shapes_keep_their_contract():
    for name, fields in STORED_SHAPES.items():
        child = BODY_BLOCKS[name]
        if fields is not None:
            assert set(child.child_blocks) == fields, name
    assert BODY_BLOCKS["rich_text"].features == RICH_TEXT_FEATURES


def _help_text(block) -> str:
    field = getattr(block, "field", None)  # a field block's help text sits on its form field
    return getattr(block.meta, "help_text", None) or (field.help_text if field else "")


@pytest.mark.parametrize("name", list(BODY_BLOCKS))
def test_block_describes_itself_for_the_block_picker(name):
    block = BODY_BLOCKS[name]
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.label
    assert _help_text(block)
    assert block.meta.description
    assert block.meta.template == f"components/blocks/{name}.html"
    get_template(block.meta.template)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(BODY_BLOCKS))
def test_block_renders_its_preview_value(name):
    ResourceLinkFactory(title="Start for Life")  # so the list blocks have something to list
    PosterFactory(title="Cuddles help")
    block = BODY_BLOCKS[name]
    html = block.render(block.get_preview_value())
    if getattr(block.meta, "preview_value", None) is not None:  # an image needs an upload
        assert html.strip()


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Cuddle", file=get_test_image_file(size=(1200, 800))
    )


def _image_value(image, alt_text: str = "", decorative: bool = False, caption: str = ""):
    block = BODY_BLOCKS["image"]
    return block.to_python(
        {
            "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
            "caption": caption,
        }
    )


def test_image_needs_alt_text_unless_decorative(image):
    block = BODY_BLOCKS["image"]
    with pytest.raises(ValidationError) as error:
        block.clean(_image_value(image))
    assert "alt_text" in error.value.block_errors["image"].block_errors
    assert block.clean(_image_value(image, alt_text="A parent cuddling a baby"))
    assert block.clean(_image_value(image, decorative=True))


def test_image_renders_webp_renditions_lazily_with_size(image):
    make_public_renditions.call(image.pk)  # the worker's job once the image is saved
    block = BODY_BLOCKS["image"]
    value = _image_value(image, alt_text="A parent cuddling a baby", caption="Cuddles help")
    soup = BeautifulSoup(block.render(value), "html.parser")
    img = soup.img
    assert img["alt"] == "A parent cuddling a baby"
    assert img["loading"] == "lazy" and img["width"] and img["height"]
    assert ".webp" in img["src"] and "srcset" in img.attrs
    assert soup.figcaption.get_text() == "Cuddles help"
    assert len(img["srcset"].split(",")) == 3
    decorative = _image_value(image, alt_text="Ignored when decorative", decorative=True)
    assert BeautifulSoup(block.render(decorative), "html.parser").img["alt"] == ""


def test_image_without_renditions_yet_shows_the_original_and_makes_none(image):
    block = BODY_BLOCKS["image"]
    value = _image_value(image, alt_text="A parent cuddling a baby")
    img = BeautifulSoup(block.render(value), "html.parser").img
    assert img["src"] == image.file.url and "srcset" not in img.attrs
    assert (img["width"], img["height"], img["alt"]) == ("1200", "800", "A parent cuddling a baby")
    assert not image.renditions.exists()


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


def test_contents_list_is_the_sum_of_what_blocks_say_about_themselves():
    class MilestoneBlock(OpensSection, blocks.StructBlock):
        heading = blocks.CharBlock()

    stream_block = blocks.StreamBlock(
        [("milestone", MilestoneBlock()), ("text", blocks.RichTextBlock())]
    )
    stream = StreamValue(
        stream_block, [("milestone", {"heading": "Six weeks"}), ("text", "<p>Smiles.</p>")]
    )
    items, contents = body_with_anchors(stream)
    assert contents == [{"text": "Six weeks", "anchor": "six-weeks"}]
    assert [item["anchor"] for item in items] == ["six-weeks", ""]


IMAGE_MIGRATION = importlib.import_module("pages.migrations.0007_wagtail_image_block")


@pytest.mark.parametrize(
    ("stored", "converted"),
    [
        (
            {"image": 7, "alt_text": "A baby", "decorative": False, "caption": "Hello"},
            {"image": {"image": 7, "decorative": False, "alt_text": "A baby"}, "caption": "Hello"},
        ),
        (
            {"image": 7, "alt_text": "Old words", "decorative": True, "caption": ""},
            {"image": {"image": 7, "decorative": True, "alt_text": ""}, "caption": ""},
        ),
    ],
)
def test_image_migration_moves_stored_values_both_ways(stored, converted):
    forward = IMAGE_MIGRATION.IntoWagtailImageBlock().apply(stored)
    assert forward == converted
    assert IMAGE_MIGRATION.IntoWagtailImageBlock().apply(forward) == converted
    back = IMAGE_MIGRATION.OutOfWagtailImageBlock().apply(forward)
    assert back == {**stored, "alt_text": converted["image"]["alt_text"]}
