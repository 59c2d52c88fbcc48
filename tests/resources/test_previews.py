"""Poster previews and download details, from real PDFs rendered by reportlab and PDFium."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from resources.models import Poster
from resources.models.posters import describe_file_size
from resources.tasks import make_public_renditions
from tests.factories import PosterDocumentFactory, PosterFactory

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_saving_a_poster_makes_a_png_preview_of_the_first_page():
    poster = PosterFactory(title="Talk, wait and watch")

    image = poster.preview_image
    assert image is not None
    assert image.title == "Preview of Talk, wait and watch"
    with image.open_file() as file:
        assert file.read(8) == PNG_SIGNATURE
    with image.open_file() as file, PILImage.open(file) as drawn:
        assert drawn.format == "PNG"
        assert drawn.size == (image.width, image.height)
        # A4 portrait is 1 : 1.414; the preview keeps its proportions.
        assert 1.38 < drawn.height / drawn.width < 1.44
        assert drawn.width == 800
        # The page was really drawn: the teal band and white page are both there.
        colours = {colour for _count, colour in drawn.convert("RGB").getcolors(1_000_000)}
        assert (255, 255, 255) in colours
        assert len(colours) > 10
    assert poster.page_count == 1
    assert poster.preview_document_hash == poster.document.file_hash


def test_download_meta_states_format_real_size_and_pages():
    poster = PosterFactory()
    size = poster.document.file.size
    assert poster.document.get_file_size() == size
    expected_kb = max(1, round(size / 1024))
    assert poster.download_meta == f"PDF, {expected_kb} KB, 1 page"


@pytest.mark.parametrize(
    ("size", "expected"),
    [(100, "1 KB"), (245_760, "240 KB"), (1_048_575, "1024 KB"), (1_468_006, "1.4 MB")],
)
def test_file_sizes_read_like_gov_uk(size, expected):
    assert describe_file_size(size) == expected


def test_card_points_at_the_document_and_a_rendition_of_the_preview():
    poster = PosterFactory(title="Share books and rhymes", summary="Never too early.")
    make_public_renditions.call(poster.preview_image_id)  # the worker's job
    card = Poster.objects.for_cards().get(pk=poster.pk).card()
    assert card["title"] == "Share books and rhymes"
    assert card["download_url"] == poster.document.url
    assert card["download_url"].startswith("/documents/")
    assert card["preview_url"].startswith("/media/images/")
    assert card["preview_width"] == 480
    assert 1.38 < card["preview_height"] / card["preview_width"] < 1.44
    assert card["download_meta"].startswith("PDF, ")
    assert [part.split()[-1] for part in card["preview_srcset"].split(", ")] == ["480w", "240w"]


def test_card_before_the_worker_has_made_the_sizes_has_no_image_and_makes_none():
    poster = PosterFactory()
    card = Poster.objects.for_cards().get(pk=poster.pk).card()
    assert (card["preview_url"], card["preview_srcset"]) == ("", "")
    assert not poster.preview_image.renditions.exists()
    # An editor's preview in the admin makes them at once.
    assert Poster.objects.get(pk=poster.pk).card(make_missing=True)["preview_url"]


def test_a_preview_chosen_by_an_editor_is_kept_when_the_poster_is_saved_again():
    poster = PosterFactory()
    editors_image = get_image_model().objects.create(
        title="Editor's preview", file=poster.preview_image.file.name
    )
    poster.preview_image = editors_image
    poster.refresh_from_document(editor_chose_preview=True)
    poster.save()
    poster.summary = "Changed"
    poster.save()
    poster.refresh_from_db()
    assert poster.preview_image_id == editors_image.pk


def test_a_new_pdf_gets_a_new_preview_and_page_count():
    poster = PosterFactory()
    first_preview = poster.preview_image_id
    poster.document = PosterDocumentFactory(title="A different poster")
    poster.save()
    poster.refresh_from_db()
    assert poster.preview_image_id != first_preview
    assert poster.preview_document_hash == poster.document.file_hash


def test_saving_again_without_changes_makes_no_new_images():
    poster = PosterFactory()
    images_before = get_image_model().objects.count()
    poster.save()
    poster.save_revision().publish()
    assert get_image_model().objects.count() == images_before


def test_an_unreadable_pdf_leaves_the_poster_without_preview_instead_of_failing():
    document = PosterDocumentFactory(file=ContentFile(b"%PDF-1.4 not really", name="broken.pdf"))
    poster = PosterFactory(document=document)
    assert poster.pk is not None
    assert poster.preview_image is None
    assert poster.page_count is None
    assert poster.download_meta.startswith("PDF, 1 KB")
