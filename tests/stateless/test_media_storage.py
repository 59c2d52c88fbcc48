"""Uploaded media in S3-compatible object storage (infant_mh/media_storage.py), against a real
S3 HTTP server on loopback: same-site addresses, unique names, streamed reads that seek, and
clear errors for a missing object or a store that does not answer."""

from __future__ import annotations

import io
import time
import tracemalloc

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from infant_mh.media_storage import KEPT_HEAD_BYTES, MediaStorageUnavailable, SiteServedS3Storage
from tests.live_site import free_port

# Deterministic bytes that differ at every offset, so a read from the wrong place shows.
BIG = bytes(range(251)) * (4 * 1024 * 1024 // 251)


def png_bytes(width: int = 320, height: int = 200, colour=(0, 90, 112)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_files_are_stored_in_the_bucket_and_named_under_this_site(s3, s3_media):
    name = default_storage.save("original_images/cuddles.png", ContentFile(png_bytes()))
    assert s3.keys(s3_media) == {name}
    url = default_storage.url(name)
    assert url == f"/media/{name}"  # never the bucket's host: the CSP allows only 'self'


def test_a_second_file_of_the_same_name_gets_a_name_of_its_own(s3, s3_media):
    first = default_storage.save("documents/poster.pdf", ContentFile(b"%PDF-1 first"))
    second = default_storage.save("documents/poster.pdf", ContentFile(b"%PDF-1 second"))
    assert first != second
    assert s3.read(s3_media, first) == b"%PDF-1 first"
    assert s3.read(s3_media, second) == b"%PDF-1 second"


def test_reading_streams_and_seeks_anywhere(s3_media):
    name = default_storage.save("documents/big.pdf", ContentFile(BIG))
    with default_storage.open(name) as file:
        assert file.size == len(BIG)
        steps = [
            (0, 16),  # format sniffing reads the start...
            (0, 4096),  # ...then rewinds to it (kept in memory)
            (KEPT_HEAD_BYTES - 10, 100),  # across the end of the kept start
            (KEPT_HEAD_BYTES + 5000, 3000),  # a short skip ahead reads on
            (len(BIG) // 2, 70_000),  # far ahead: a ranged request
            (1000, 10),  # back into the kept start
            (len(BIG) // 3, 5),  # back, past the kept start: another ranged request
            (len(BIG) - 7, 100),  # the end: a short read
        ]
        for offset, size in steps:
            file.seek(offset)
            assert file.read(size) == BIG[offset : offset + size], (offset, size)
            assert file.tell() == min(offset + size, len(BIG))
        file.seek(0)
        assert file.read() == BIG


def test_opening_and_reading_a_block_does_not_load_the_whole_object(s3_media):
    """django-storages' own S3File downloads the whole object on first read; ours streams."""
    name = default_storage.save("documents/big.pdf", ContentFile(BIG))
    tracemalloc.start()
    try:
        with default_storage.open(name) as file:
            assert file.read(4096) == BIG[:4096]
            _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < len(BIG) // 4, f"{peak} bytes held to read 4 KB of a {len(BIG)}-byte file"


def test_a_closed_file_opens_again(s3_media):
    name = default_storage.save("documents/again.pdf", ContentFile(b"%PDF-1 again"))
    file = default_storage.open(name)
    assert file.read() == b"%PDF-1 again"
    file.close()
    file.open("rb")
    assert file.read() == b"%PDF-1 again"
    file.close()


def test_a_missing_object_is_file_not_found(s3_media):
    with pytest.raises(FileNotFoundError):
        default_storage.open("images/not-there.png")


def test_a_store_that_does_not_answer_is_unavailable_quickly(s3, bucket):
    options = {**s3.storage_options(bucket), "endpoint_url": f"http://127.0.0.1:{free_port()}"}
    storage = SiteServedS3Storage(**options)
    started = time.monotonic()
    with pytest.raises(MediaStorageUnavailable):
        storage.open("images/anything.png")
    assert time.monotonic() - started < 10
    assert isinstance(MediaStorageUnavailable(), ConnectionError)  # the views' 503


@pytest.mark.django_db
def test_wagtail_makes_renditions_through_the_bucket(s3, s3_media):
    image = get_image_model().objects.create(
        title="Cuddles", file=ContentFile(png_bytes(), name="cuddles.png")
    )
    rendition = image.get_rendition("fill-100x80")
    assert rendition.url.startswith("/media/images/cuddles")
    key = rendition.file.name
    assert key in s3.keys(s3_media) and image.file.name in s3.keys(s3_media)
    with PillowImage.open(io.BytesIO(s3.read(s3_media, key))) as made:
        assert made.size == (100, 80)
