"""The useful links and posters list blocks: what they show and how editors set them up."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.struct_block import StructBlockValidationError

from resources.blocks import PosterListBlock, ResourceListBlock
from resources.choices import Audience
from resources.tasks import make_public_renditions
from tests.factories import PosterFactory, ResourceLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db


def render(block, raw: dict) -> BeautifulSoup:
    value = block.to_python(raw)
    return BeautifulSoup(block.render(value), "html.parser")


def test_chosen_links_in_the_editors_order_without_drafts():
    first = ResourceLinkFactory(title="Zebra first", organisation="Org Z", summary="Zed.")
    draft = ResourceLinkFactory(title="Draft", live=False)
    second = ResourceLinkFactory(title="Apple second")
    block = ResourceListBlock()
    soup = render(
        block,
        {"heading": "Find out more", "resources": [first.pk, draft.pk, second.pk, 999999]},
    )
    assert soup.find("h2").get_text() == "Find out more"
    links = soup.select(".app-resource-list__title a")
    assert [a.get_text() for a in links] == ["Zebra first", "Apple second"]
    assert links[0]["href"] == first.url
    assert soup.select_one(".app-resource-list__organisation").get_text() == "Org Z"
    assert soup.select_one(".app-resource-list__summary").get_text() == "Zed."
    assert soup.find("h3") is not None


def test_filter_by_audience_and_topic():
    crying = TopicFactory(name="Crying", slug="crying")
    ResourceLinkFactory(title="Parents crying", audience=Audience.PARENTS, topics=[crying])
    ResourceLinkFactory(title="Both crying", audience=Audience.BOTH, topics=[crying])
    ResourceLinkFactory(title="Pro crying", audience=Audience.PROFESSIONALS, topics=[crying])
    ResourceLinkFactory(title="Parents other", audience=Audience.PARENTS)
    ResourceLinkFactory(title="Draft crying", audience=Audience.PARENTS, live=False)
    soup = render(ResourceListBlock(), {"audience": "parents", "topic": crying.pk})
    assert [a.get_text() for a in soup.select("a")] == ["Both crying", "Parents crying"]


def test_nothing_to_show_renders_nothing_not_an_empty_heading():
    ResourceLinkFactory(title="Draft only", live=False)
    soup = render(ResourceListBlock(), {"heading": "Find out more", "audience": "parents"})
    assert soup.get_text().strip() == ""


def test_choosing_links_and_setting_a_filter_is_an_error():
    link = ResourceLinkFactory()
    block = ResourceListBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({"resources": [link.pk], "audience": "parents"}))
    assert "not both" in str(caught.value.block_errors["resources"])


def test_block_picker_metadata():
    for block in (ResourceListBlock(), PosterListBlock()):
        assert block.meta.icon
        assert block.meta.help_text
        assert block.meta.description
        assert block.meta.preview_value
        assert block.meta.template.startswith("components/blocks/")
        for name, child in block.child_blocks.items():
            field = getattr(child, "field", None)
            help_text = field.help_text if field is not None else child.meta.help_text
            assert help_text, f"{type(block).__name__}.{name} has no help text"


def test_poster_list_shows_preview_summary_and_download():
    poster = PosterFactory(title="Cuddles", summary="Why cuddles help.", audience=Audience.BOTH)
    PosterFactory(title="Draft poster", live=False)
    PosterFactory(title="For professionals", audience=Audience.PROFESSIONALS)
    make_public_renditions.call(poster.preview_image_id)  # the worker's job
    soup = render(PosterListBlock(), {"heading": "Posters", "audience": "parents"})
    cards = soup.select(".app-poster-card")
    assert len(cards) == 1
    card = cards[0]
    assert card.select_one(".app-poster-card__title").get_text() == "Cuddles"
    assert card.select_one(".app-poster-card__summary").get_text() == "Why cuddles help."
    image = card.select_one("img")
    assert image["src"].startswith("/media/images/")
    assert image["alt"] == ""
    assert int(image["height"]) > int(image["width"])
    download = card.select_one(".app-download__link")
    assert download["href"] == poster.document.url
    assert "PDF" in card.select_one(".app-download__meta").get_text()


def test_chosen_posters_keep_the_editors_order():
    first = PosterFactory(title="Zebra")
    second = PosterFactory(title="Apple")
    draft = PosterFactory(title="Draft", live=False)
    soup = render(PosterListBlock(), {"posters": [first.pk, draft.pk, second.pk]})
    assert [h.get_text() for h in soup.select(".app-poster-card__title")] == ["Zebra", "Apple"]
