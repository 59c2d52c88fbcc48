"""Seeded topics, useful links, sample posters and contact topics: complete, idempotent,
editor-safe, and each poster's PDF committed in content/posters/."""

from __future__ import annotations

import pypdfium2
import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from enquiries.models import ContactTopic
from resources.choices import Audience, LinkStatus
from resources.models import Poster, ResourceLink, Topic
from seed.content_files import CONTENT_DIR
from tests.sample_pdfs import SEED_POSTER_ADDRESS, PosterContent, render_poster_pdf
from tests.seed.conftest import content_file, seed

pytestmark = pytest.mark.django_db

TOPICS = content_file("topics.yaml")["items"]
LINKS = content_file("useful-links.yaml")["items"]
POSTERS = content_file("posters.yaml")["items"]


def counts() -> dict[str, int]:
    return {
        "topics": Topic.objects.count(),
        "links": ResourceLink.objects.count(),
        "posters": Poster.objects.count(),
        "contact topics": ContactTopic.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_topics(seeded):
    assert list(Topic.objects.values_list("name", flat=True)) == [item["name"] for item in TOPICS]
    assert list(Topic.objects.values_list("sort_order", flat=True)) == [
        10,
        20,
        30,
        40,
        50,
        60,
        70,
        80,
    ]


def test_contact_topics_in_order(seeded):
    assert list(ContactTopic.objects.values_list("name", flat=True)) == [
        "A general question",
        "Solihull Approach training courses",
        "\u201cUnderstanding your baby\u201d groups",
        "Babies First posters",
        "Feedback about this website",
    ]


def test_every_resource_with_its_details(seeded):
    links = {link.seed_key: link for link in ResourceLink.objects.all()}
    assert set(links) == {item["seed_key"] for item in LINKS}
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


def test_the_video_without_an_address_is_a_flagged_draft(seeded):
    video = ResourceLink.objects.get(seed_key="amy-brown-video")
    assert not video.live
    assert video.url == ""
    assert video.status == LinkStatus.CHECK
    assert "not known" in video.editor_notes
    assert video.has_unpublished_changes
    assert video.latest_revision is not None
    assert video not in ResourceLink.objects.live()


def test_posters_are_the_committed_pdfs_with_previews_and_text(seeded):
    assert Poster.objects.count() == len(POSTERS) >= 5
    for item in POSTERS:
        poster = Poster.objects.get(seed_key=item["seed_key"])
        assert poster.live
        assert poster.title.startswith("Sample poster: ")
        assert poster.document.title == poster.title
        assert poster.page_count == 1
        assert poster.preview_image is not None
        assert "North Lincolnshire Council" in poster.plain_text
        assert "SAMPLE" in poster.plain_text
        assert f"Find out more: {SEED_POSTER_ADDRESS}" in poster.plain_text
        with poster.document.open_file() as file:
            data = file.read()
        assert data == (CONTENT_DIR / item["document"]).read_bytes()
        # (storage adds a suffix when an earlier test left a file of that name)
        assert poster.document.filename.startswith(f"babies-first-sample-{item['seed_key']}")
        assert poster.download_meta.startswith("PDF, ")


def test_the_words_on_each_poster_are_its_plain_text(seeded):
    for poster in Poster.objects.all():
        with poster.document.open_file() as file:
            pdf = pypdfium2.PdfDocument(file.read())
        page = pdf[0]
        assert [round(side) for side in page.get_size()] == [595, 842]  # A4
        words_in_pdf = set(page.get_textpage().get_text_range().split())
        pdf.close()
        assert words_in_pdf == set(poster.plain_text.split()), poster


def test_the_committed_poster_pdfs_are_what_the_sample_drawer_makes():
    """content/posters/*.pdf were drawn once by tests/sample_pdfs.py: it still draws them."""
    for item in POSTERS:
        _series, _label, heading, *paragraphs, _council, _address, _watermark = item[
            "plain_text"
        ].split("\n\n")
        content = PosterContent(heading, tuple(paragraphs), SEED_POSTER_ADDRESS)
        assert content.words() == item["plain_text"]
        assert render_poster_pdf(content) == (CONTENT_DIR / item["document"]).read_bytes()


def test_seeding_twice_changes_nothing(seeded):
    first = counts()
    seed()
    assert counts() == first
    assert first["links"] == 16 and first["topics"] == 8 and first["posters"] == len(POSTERS)


def test_seeding_again_keeps_editors_changes(seeded):
    link = ResourceLink.objects.get(seed_key="icon-cope")
    link.title = "ICON: an editor's better title"
    link.url = "https://iconcope.org/parents/"
    link.save_revision().publish()
    poster = Poster.objects.get(seed_key="talk-wait-and-watch")
    poster.title = "Talk, wait and watch (edited)"
    poster.save_revision().publish()
    topic = Topic.objects.get(slug="feeding")
    topic.name = "Feeding your baby"
    topic.save()

    seed()

    assert ResourceLink.objects.get(pk=link.pk).title == "ICON: an editor's better title"
    assert ResourceLink.objects.filter(title__startswith="ICON").count() == 1
    assert Poster.objects.get(pk=poster.pk).title == "Talk, wait and watch (edited)"
    assert Poster.objects.count() == len(POSTERS)
    assert Topic.objects.get(slug="feeding").name == "Feeding your baby"
    assert Topic.objects.count() == 8


def test_a_link_or_topic_an_editor_already_added_is_not_duplicated(seeded):
    ResourceLink.objects.filter(seed_key="aimh-uk").delete()
    ResourceLink.objects.create(title="AIMH", url="https://AIMH.uk/", live=True)
    Topic.objects.filter(slug="training").delete()
    Topic.objects.create(slug="courses", name="training")

    seed()

    assert ResourceLink.objects.filter(url__iexact="https://aimh.uk/").get().title == "AIMH"
    assert Topic.objects.filter(name__iexact="training").get().slug == "courses"
