"""Seeding topics, useful links and sample posters: complete, idempotent, editor-safe."""

from __future__ import annotations

import hashlib

import pypdfium2
import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from resources.choices import Audience, LinkStatus
from resources.models import Poster, ResourceLink, Topic
from resources.pdf_pages import summarise_pdf
from resources.poster_pdfs import PosterContent, render_poster_pdf
from resources.seed import seed_posters, seed_resources, seed_topics
from resources.seed_data import POSTERS, RESOURCES, TOPICS

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "topics": Topic.objects.count(),
        "links": ResourceLink.objects.count(),
        "posters": Poster.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_topics():
    seed_topics()
    assert list(Topic.objects.values_list("name", flat=True)) == [name for _slug, name in TOPICS]
    assert len(TOPICS) == 8


def test_every_resource_with_its_details():
    links = seed_resources()
    assert set(links) == {spec["key"] for spec in RESOURCES}
    assert len(links) == 16  # every resource in resources.md except the red book
    unicef = links["unicef-baby-friendly"]
    assert unicef.live
    assert unicef.url == "https://www.unicef.org.uk/babyfriendly/"
    assert unicef.audience == Audience.BOTH
    assert unicef.last_checked is not None
    assert {t.slug for t in unicef.topics.all()} == {"feeding", "bonding-and-relationships"}
    assert unicef.revisions.count() == 1
    assert unicef.live_revision is not None
    for link in ResourceLink.objects.exclude(seed_key="amy-brown-video"):
        assert link.live, link
        assert link.url.startswith(("https://", "http://")), link
        assert link.summary and link.organisation, link
        assert link.topics.exists(), link
    one_thousand_days = links["1000-days"]
    assert one_thousand_days.status == LinkStatus.CHECK
    assert "1000 Days" in one_thousand_days.editor_notes
    assert not ResourceLink.objects.filter(title__icontains="red book").exists()


def test_the_video_without_an_address_is_a_flagged_draft():
    video = seed_resources()["amy-brown-video"]
    assert not video.live
    assert video.url == ""
    assert video.status == LinkStatus.CHECK
    assert "not known" in video.editor_notes
    assert video.has_unpublished_changes
    assert video.latest_revision is not None
    assert video not in ResourceLink.objects.live()


def test_posters_are_real_a4_pdfs_with_previews_and_text():
    posters = seed_posters()
    assert len(posters) == len(POSTERS) >= 5
    for poster in posters.values():
        assert poster.live
        assert poster.title.startswith("Sample poster: ")
        assert poster.document.title == poster.title
        assert poster.page_count == 1
        assert poster.preview_image is not None
        assert "North Lincolnshire Council" in poster.plain_text
        assert "SAMPLE" in poster.plain_text
        assert "127.0.0.1:8000" in poster.plain_text  # WAGTAILADMIN_BASE_URL in tests
        with poster.document.open_file() as file:
            data = file.read()
        assert data.startswith(b"%PDF-")
        assert poster.download_meta.startswith("PDF, ")
    cuddles = posters["cuddles-help-your-baby-feel-safe"]
    assert "Help your baby to calm down when they are upset" in cuddles.plain_text


def test_poster_pdfs_are_a4_and_byte_for_byte_repeatable():
    content = PosterContent(
        heading="Talk, wait and watch",
        paragraphs=("When you talk to your baby, wait.",),
        site_address="example.org",
    )
    first, second = render_poster_pdf(content), render_poster_pdf(content)
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    assert b"Sample poster: Talk, wait and watch" in first  # the PDF's title
    pdf = pypdfium2.PdfDocument(first)
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)
    text = pdf[0].get_textpage().get_text_range()
    assert "SAMPLE" in text
    assert "North Lincolnshire Council" in text
    assert "example.org" in text
    pdf.close()
    assert summarise_pdf(ContentFile(first)).page_count == 1


def test_the_words_on_each_poster_are_its_plain_text():
    poster = seed_posters()["share-books-and-rhymes"]
    with poster.document.open_file() as file:
        pdf = pypdfium2.PdfDocument(file.read())
    words_in_pdf = set(pdf[0].get_textpage().get_text_range().split())
    pdf.close()
    words_in_text = set(poster.plain_text.split())
    assert words_in_pdf == words_in_text


@override_settings(WAGTAILADMIN_BASE_URL="https://infant-mh.northlincs.gov.uk/")
def test_posters_carry_the_sites_address():
    poster = seed_posters()["look-after-yourself-too"]
    assert "Find out more: infant-mh.northlincs.gov.uk" in poster.plain_text


def test_seeding_twice_changes_nothing():
    seed_resources()
    seed_posters()
    first = counts()
    seed_resources()
    seed_posters()
    assert counts() == first
    assert first["links"] == 16 and first["topics"] == 8 and first["posters"] == len(POSTERS)


def test_seeding_again_keeps_editors_changes():
    links = seed_resources()
    posters = seed_posters()
    link = links["icon-cope"]
    link.title = "ICON: an editor's better title"
    link.url = "https://iconcope.org/parents/"
    link.save_revision().publish()
    poster = posters["talk-wait-and-watch"]
    poster.title = "Talk, wait and watch (edited)"
    poster.save_revision().publish()
    topic = Topic.objects.get(slug="feeding")
    topic.name = "Feeding your baby"
    topic.save()

    seed_resources()
    seed_posters()

    assert ResourceLink.objects.get(pk=link.pk).title == "ICON: an editor's better title"
    assert ResourceLink.objects.filter(title__startswith="ICON").count() == 1
    assert Poster.objects.get(pk=poster.pk).title == "Talk, wait and watch (edited)"
    assert Poster.objects.count() == len(POSTERS)
    assert Topic.objects.get(slug="feeding").name == "Feeding your baby"
    assert Topic.objects.count() == 8


def test_a_link_an_editor_already_added_is_not_duplicated():
    ResourceLink.objects.create(title="AIMH", url="https://aimh.uk/", live=True)
    links = seed_resources()
    assert ResourceLink.objects.filter(url="https://aimh.uk/").count() == 1
    assert links["aimh-uk"].title == "AIMH"
