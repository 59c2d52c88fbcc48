"""Media served under this site's own address from whichever storage holds it: images from
/media/ (renditions cached for a year, originals for a day, 304 when unchanged) and documents
through Wagtail's serve view, streamed from the bucket with the download counted."""

from __future__ import annotations

import hashlib
import itertools

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils.http import http_date
from wagtail.images import get_image_model

from infant_mh.media import ORIGINAL_CACHE_CONTROL, RENDITION_CACHE_CONTROL
from resources.models import PosterDownloadMonth
from tests.factories import PosterFactory
from tests.live_site import free_port
from tests.stateless.test_media_storage import png_bytes

pytestmark = pytest.mark.django_db
COLOURS = itertools.cycle((red, 90, 112) for red in range(256))
BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126 Mobile Safari"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def an_image_with_a_rendition():
    # Bytes and a hash of its own (as an upload gets): Wagtail caches renditions by image id and
    # file hash, and ids come round again after a test's rollback.
    data = png_bytes(colour=next(COLOURS))
    image = get_image_model().objects.create(
        title="Cuddles",
        file=ContentFile(data, name="cuddles.png"),
        file_hash=hashlib.sha1(data).hexdigest(),  # noqa: S324 (Wagtail's own choice)
    )
    return image, image.get_rendition("fill-100x80")


@pytest.fixture(params=["local", "s3"])
def media(request) -> str:
    """Each test runs on local files (the default) and on the S3-compatible bucket."""
    if request.param == "s3":
        request.getfixturevalue("s3_media")
    return request.param


def test_renditions_are_served_with_a_year_of_caching_and_304s(client: Client, media):
    _image, rendition = an_image_with_a_rendition()
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == RENDITION_CACHE_CONTROL
    with default_storage.open(rendition.file.name) as stored:
        assert body(response) == stored.read()
    assert int(response["Content-Length"]) == rendition.file.size
    again = client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304
    older = http_date(0)
    assert client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def test_original_images_are_cached_for_a_day(client: Client, media):
    image, _rendition = an_image_with_a_rendition()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == ORIGINAL_CACHE_CONTROL
    with default_storage.open(image.file.name) as stored:
        assert body(response) == stored.read()


NOT_PUBLIC_MEDIA = (
    "/media/images/not-there.png",
    "/media/documents/anything.pdf",  # documents only through the serve view
    "/media/images/../documents/anything.pdf",
    "/media/images/./../documents/anything.pdf",
    "/media/images//documents/anything.pdf",
    "/media/images/",
)


def test_what_is_not_a_public_media_file_is_not_found(client: Client, media):
    default_storage.save("documents/anything.pdf", ContentFile(b"%PDF-1 private"))
    for path in NOT_PUBLIC_MEDIA:
        assert client.get(path).status_code == 404, path


def test_documents_stream_from_the_storage_and_count(client: Client, media):
    poster = PosterFactory()
    with default_storage.open(poster.document.file.name) as stored:
        expected = stored.read()
    response = client.get(poster.document.url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in response
    assert int(response["Content-Length"]) == len(expected)
    assert body(response) == expected and expected.startswith(b"%PDF")
    assert PosterDownloadMonth.objects.get(poster=poster).count == 1


def test_a_document_whose_file_is_missing_is_not_found(client: Client, media):
    poster = PosterFactory()
    default_storage.delete(poster.document.file.name)
    assert client.get(poster.document.url, HTTP_USER_AGENT=BROWSER).status_code == 404
    assert not PosterDownloadMonth.objects.filter(poster=poster).exists()


def test_a_store_that_does_not_answer_gives_a_503_not_an_error(client: Client, settings, s3_media):
    image, rendition = an_image_with_a_rendition()
    poster = PosterFactory()
    options = settings.STORAGES["default"]["OPTIONS"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**options, "endpoint_url": f"http://127.0.0.1:{free_port()}"},
        },
    }
    for url in (rendition.url, image.file.url, poster.document.url):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] and response["Cache-Control"] == "no-store"
