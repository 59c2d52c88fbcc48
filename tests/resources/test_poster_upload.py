"""Editors upload a poster's PDF straight from the poster form."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from resources.choices import Audience
from resources.forms import POSTER_COLLECTION_NAME
from resources.models import Poster
from tests.factories import PosterFactory, sample_poster_pdf

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_resources_poster:add")
Document = get_document_model()


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pass")
    client.force_login(user)
    return client


def pdf_upload(name: str = "cuddles.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    data = sample_poster_pdf("Cuddles help your baby feel safe") if content is None else content
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def poster_form(**overrides) -> dict:
    data = {
        "title": "Cuddles help your baby feel safe",
        "summary": "Why cuddles help.",
        "audience": Audience.PARENTS,
        "document": "",
        "preview_image": "",
        "plain_text": "Cuddles help your baby feel safe.",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def upload_errors(response) -> list[str]:
    assert response.status_code == 200
    return list(response.context["form"].errors.get("pdf_upload", []))


def test_the_form_offers_an_upload_and_the_chooser(editor_client):
    response = editor_client.get(ADD_URL)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("form[enctype='multipart/form-data'] input[type=file][name=pdf_upload]")
    assert soup.select_one("#id_document-chooser.document-chooser")
    assert "up to 10.0" in response.content.decode()  # the limit, from WAGTAILDOCS_MAX_UPLOAD_SIZE


def test_uploading_a_pdf_creates_the_document_and_publishes_the_poster(editor_client):
    response = editor_client.post(ADD_URL, poster_form(pdf_upload=pdf_upload()))
    assert response.status_code == 302, response.content[:3000]
    poster = Poster.objects.get()
    document = poster.document
    assert poster.live
    assert document.title == "Cuddles help your baby feel safe"
    assert document.filename.endswith(".pdf")
    assert document.collection.name == POSTER_COLLECTION_NAME
    assert document.uploaded_by_user.username == "editor"
    assert document.file_size and document.file_hash
    assert poster.page_count == 1
    assert poster.preview_image.title == "Preview of Cuddles help your baby feel safe"
    assert poster.preview_document_hash == document.file_hash
    # The public download works.
    assert editor_client.get(document.url).status_code == 200


def test_a_new_upload_replaces_the_pdf_and_its_preview(editor_client, settings):
    poster = PosterFactory(title="Talk, wait and watch")
    poster.save()
    old_document, old_preview = poster.document, poster.preview_image
    edit_url = reverse("wagtailsnippets_resources_poster:edit", args=[poster.pk])
    new_pdf = pdf_upload("talk.pdf", sample_poster_pdf("Talk, wait and watch, version 2"))
    response = editor_client.post(
        edit_url,
        poster_form(
            title="Talk, wait and watch",
            document=old_document.pk,
            preview_image=old_preview.pk,
            pdf_upload=new_pdf,
        ),
    )
    assert response.status_code == 302, response.content[:3000]
    poster.refresh_from_db()
    assert poster.document != old_document
    assert poster.document.collection == old_document.collection  # beside the one it replaces
    assert poster.preview_image != old_preview
    assert Document.objects.count() == 2  # the old PDF stays in the library


def test_editing_without_an_upload_keeps_the_current_pdf(editor_client):
    poster = PosterFactory(title="Share books and rhymes")
    poster.save()
    documents, images = Document.objects.count(), get_image_model().objects.count()
    edit_url = reverse("wagtailsnippets_resources_poster:edit", args=[poster.pk])
    response = editor_client.post(
        edit_url,
        poster_form(
            title="Share books and rhymes",
            summary="Edited.",
            document=poster.document_id,
            preview_image=poster.preview_image_id,
        ),
    )
    assert response.status_code == 302, response.content[:3000]
    edited = Poster.objects.get()
    assert edited.summary == "Edited."
    assert edited.document_id == poster.document_id
    assert edited.preview_image_id == poster.preview_image_id
    assert (Document.objects.count(), get_image_model().objects.count()) == (documents, images)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: pdf_upload("notes.txt", b"just some text"), "must be a PDF"),
        (lambda: pdf_upload("poster.pdf", b"just some text, renamed"), "cannot be opened as a PDF"),
        (lambda: pdf_upload("poster.pdf", b"%PDF-1.7\n%broken beyond repair"), "damaged"),
        (lambda: pdf_upload("poster.pdf", b""), "empty"),
    ],
    ids=["text-file", "renamed-text-file", "damaged-pdf", "empty-file"],
)
def test_a_bad_file_is_a_form_error_and_saves_nothing(editor_client, upload, message):
    response = editor_client.post(ADD_URL, poster_form(pdf_upload=upload()))
    errors = upload_errors(response)
    assert errors and message in " ".join(errors)
    assert message in response.content.decode()
    assert not Poster.objects.exists()
    assert not Document.objects.exists()


def test_an_oversized_file_is_a_form_error(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = editor_client.post(ADD_URL, poster_form(pdf_upload=pdf_upload()))
    errors = upload_errors(response)
    assert errors and "too big" in errors[0] and "1.0" in errors[0]
    assert not Poster.objects.exists()
    assert not Document.objects.exists()


def test_a_draft_may_upload_its_pdf_before_the_text_is_written(editor_client):
    data = poster_form(plain_text="", pdf_upload=pdf_upload())
    del data["action-publish"]
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.content[:3000]
    poster = Poster.objects.get()
    assert not poster.live
    assert poster.document is not None and poster.preview_image is not None


def test_publishing_needs_an_upload_or_a_chosen_pdf(editor_client):
    response = editor_client.post(ADD_URL, poster_form())
    assert response.status_code == 200
    assert response.context["form"].errors["document"] == [
        "Upload the poster's PDF, or choose one, before publishing."
    ]
    assert not Poster.objects.exists()


def test_an_editor_who_may_not_add_documents_is_told_so(client):
    user = get_user_model().objects.create_user("poster-editor", "p@example.org", "pass")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=["add_poster", "change_poster", "publish_poster"]),
    )
    client.force_login(user)
    response = client.post(ADD_URL, poster_form(pdf_upload=pdf_upload()))
    assert "You do not have permission to add documents" in " ".join(upload_errors(response))
    assert not Document.objects.exists()
