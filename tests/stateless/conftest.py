"""Fixtures: an S3-compatible server on loopback (moto, server mode) for the whole session, a
fresh bucket per test, and Django's default storage pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.stateless.s3_server import S3Server, s3_server


@pytest.fixture(scope="session")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    with s3_server(tmp_path_factory.mktemp("s3") / "moto.log") as server:
        yield server


@pytest.fixture
def bucket(s3: S3Server) -> str:
    return s3.create_bucket()


@pytest.fixture
def s3_media(settings, s3: S3Server, bucket: str) -> str:
    """Uploaded media in `bucket` for this test, as MEDIA_STORAGE=s3 sets it up."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "infant_mh.media_storage.SiteServedS3Storage",
            "OPTIONS": s3.storage_options(bucket),
        },
    }
    return bucket
