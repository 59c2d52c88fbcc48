"""Listing links and posters costs a fixed number of queries however many there are.

Each test counts the queries for FEW items, then again for MANY: equal counts show the cost
does not grow with the items (an N+1 query would add at least MANY - FEW), and a fixed ceiling
keeps the count itself small.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from resources.blocks import PosterListBlock, ResourceListBlock
from resources.choices import Audience
from resources.filtering import PosterFilter, ResourceFilter
from resources.models import Poster, ResourceLink
from resources.tasks import make_public_renditions
from tests.factories import PosterFactory, TopicFactory

pytestmark = pytest.mark.django_db

FEW = 2
MANY = 10


def make_links(count: int) -> list[ResourceLink]:
    """`count` published links, each filed under two topics (bulk, so setup stays fast)."""
    training = TopicFactory(name="Training", slug="training")
    feeding = TopicFactory(name="Feeding", slug="feeding")
    start = ResourceLink.objects.count()
    links = ResourceLink.objects.bulk_create(
        ResourceLink(
            title=f"Link {start + n:04d}",
            organisation="Organisation",
            url=f"https://example.org/{start + n}/",
            audience=Audience.BOTH if n % 2 else Audience.PARENTS,
            summary="Summary.",
            live=True,
        )
        for n in range(count)
    )
    through = ResourceLink.topics.through
    through.objects.bulk_create(
        through(resourcelink_id=link.pk, topic_id=topic.pk)
        for link in links
        for topic in (training, feeding)
    )
    return links


def make_posters(count: int) -> None:
    """`count` published posters sharing one real PDF and preview (with its sizes made, as the
    worker does)."""
    template = PosterFactory(title="Poster 0000")
    make_public_renditions.call(template.preview_image_id)
    Poster.objects.bulk_create(
        Poster(
            title=f"Poster {n:04d}",
            audience=Audience.PARENTS,
            document=template.document,
            preview_image=template.preview_image,
            preview_document_hash=template.preview_document_hash,
            page_count=1,
            plain_text="Words.",
            live=True,
        )
        for n in range(1, count)
    )


def queries_for(action) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        result = action()
    return len(captured), result


def filter_with_topics():
    result = ResourceFilter(QueryDict("audience=parents&topic=training"))
    rows = [(link.title, link.url) for link in result.results]
    return rows, result.groups, result.active_description


def render_resource_block(raw: dict):
    block = ResourceListBlock()
    return block.render(block.to_python(raw))


def test_resource_filter_queries_do_not_grow():
    make_links(FEW)
    small, (rows, _groups, _text) = queries_for(filter_with_topics)
    assert len(rows) == FEW
    make_links(MANY - FEW)
    large, (rows, _groups, _text) = queries_for(filter_with_topics)
    assert len(rows) == MANY
    assert small == large <= 2


def test_resource_list_block_queries_do_not_grow():
    links = make_links(FEW)
    chosen = {"resources": [link.pk for link in links]}
    small_filter, html = queries_for(lambda: render_resource_block({"audience": "parents"}))
    assert html.count("<li") == FEW
    small_chosen, html = queries_for(lambda: render_resource_block(chosen))
    assert html.count("<li") == FEW

    links += make_links(MANY - FEW)
    large_filter, html = queries_for(lambda: render_resource_block({"audience": "parents"}))
    assert html.count("<li") == MANY
    chosen = {"resources": [link.pk for link in links]}
    large_chosen, html = queries_for(lambda: render_resource_block(chosen))
    assert html.count("<li") == MANY

    assert small_filter == large_filter == 1
    assert small_chosen == large_chosen == 1


def poster_cards():
    return PosterFilter(QueryDict("audience=parents")).items


def render_poster_block():
    block = PosterListBlock()
    return block.render(block.to_python({"audience": "parents"}))


def test_poster_listing_queries_do_not_grow():
    make_posters(FEW)
    poster_cards()  # the first view stores the PDF's size (Wagtail reads it from the file once)
    small_cards, cards = queries_for(poster_cards)
    assert len(cards) == FEW
    small_block, html = queries_for(render_poster_block)
    assert html.count('class="app-poster-card"') == FEW

    make_posters(MANY - FEW)
    poster_cards()
    large_cards, cards = queries_for(poster_cards)
    assert len(cards) == MANY
    large_block, html = queries_for(render_poster_block)
    assert html.count('class="app-poster-card"') == MANY

    assert small_cards == large_cards <= 2
    assert small_block == large_block <= 2
