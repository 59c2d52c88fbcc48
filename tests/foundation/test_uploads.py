"""Editors can upload only the file types the site needs: PDF documents, common image types."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from tests.factories import sample_poster_pdf

pytestmark = pytest.mark.django_db


def document_form(name: str, content: bytes):
    form_class = get_document_form(get_document_model())
    return form_class(
        data={"title": name},
        files={"file": SimpleUploadedFile(name, content)},
        user=None,
    )


@pytest.mark.parametrize("name", ["page.html", "script.js", "macro.docm", "archive.zip"])
def test_documents_other_than_pdf_are_refused(name: str) -> None:
    form = document_form(name, b"<script>alert(1)</script>")
    assert not form.is_valid()
    assert "file" in form.errors


def test_pdf_documents_are_accepted() -> None:
    form = document_form("poster.pdf", sample_poster_pdf())
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "content", [b"%PDF-1.4\n%%EOF\n", b"%PDF-1.7 truncated garbage", b"not a pdf at all"]
)
def test_files_named_pdf_that_are_not_readable_pdfs_are_refused(content: bytes) -> None:
    form = document_form("poster.pdf", content)
    assert not form.is_valid()
    assert "cannot be opened as a PDF" in str(form.errors["file"])


def test_svg_images_are_refused() -> None:
    form_class = get_image_form(get_image_model())
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    form = form_class(
        data={"title": "Drawing"},
        files={"file": SimpleUploadedFile("drawing.svg", svg, content_type="image/svg+xml")},
        user=None,
    )
    assert not form.is_valid()
    assert "file" in form.errors


def test_admin_document_upload_refuses_a_fake_pdf(admin_client) -> None:
    from django.urls import reverse

    fake = SimpleUploadedFile("poster.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = admin_client.post(reverse("wagtaildocs:add"), {"title": "Poster", "file": fake})
    assert response.status_code == 200  # the form again, with its error: nothing saved
    assert b"cannot be opened as a PDF" in response.content
    assert not get_document_model().objects.exists()
