"""Content that grows: useful links, posters and topic pages added in bulk, the way the tests in
this folder and `bench/content_growth.py` build the small and the large site.

Every item is published and indexed for search (bulk inserts skip Wagtail's indexing signal, so
they are indexed here in one go). Each title contains GROWTH_WORD, so one search finds them all,
and each summary says "crying", so the site's everyday search for it grows with them.
"""

from __future__ import annotations

from wagtail.search.backends import get_search_backend

from pages.models import SectionLandingPage
from resources.choices import Audience
from resources.models import Poster, ResourceLink, Topic
from resources.tasks import make_public_renditions
from tests.factories import PosterFactory, QuickContentPageFactory

GROWTH_WORD = "growth"
GROWTH_TOPIC = "growth-topic"


def growth_topic() -> Topic:
    topic, _created = Topic.objects.get_or_create(
        slug=GROWTH_TOPIC, defaults={"name": "Growth topic"}
    )
    return topic


def add_links(count: int) -> None:
    """`count` more published useful links for both audiences, filed under the growth topic."""
    topic = growth_topic()
    start = ResourceLink.objects.count()
    links = ResourceLink.objects.bulk_create(
        ResourceLink(
            title=f"Growth link {start + n:04d}",
            organisation="Organisation",
            url=f"https://example.org/growth/{start + n}/",
            audience=Audience.BOTH,
            summary="About crying, comfort and growth.",
            live=True,
        )
        for n in range(count)
    )
    through = ResourceLink.topics.through
    through.objects.bulk_create(
        through(resourcelink_id=link.pk, topic_id=topic.pk) for link in links
    )
    get_search_backend().add_bulk(ResourceLink, links)


def add_posters(count: int) -> None:
    """`count` more published posters sharing one real PDF and its preview, whose sizes the
    worker has made."""
    if count <= 0:
        return
    template = Poster.objects.filter(title__startswith="Growth poster").first()
    if template is None:
        template = PosterFactory(title="Growth poster 0000", audience=Audience.BOTH)
        make_public_renditions.call(template.preview_image_id)
        count -= 1
    start = Poster.objects.count()
    posters = Poster.objects.bulk_create(
        Poster(
            title=f"Growth poster {start + n:04d}",
            summary="A poster about crying and growth.",
            audience=Audience.BOTH,
            document=template.document,
            preview_image=template.preview_image,
            preview_document_hash=template.preview_document_hash,
            page_count=1,
            plain_text="Words about growth.",
            live=True,
        )
        for n in range(count)
    )
    get_search_backend().add_bulk(Poster, posters)


def add_topic_pages(section: SectionLandingPage, count: int) -> None:
    """`count` more published topic pages in the section."""
    start = section.get_children_count()
    for n in range(start, start + count):
        QuickContentPageFactory(
            parent=section,
            title=f"Growth page {n:04d}",
            slug=f"growth-page-{n:04d}",
            summary="A topic page about crying and growth.",
        )
