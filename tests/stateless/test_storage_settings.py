"""The media storage comes from the environment only (the settings block at the end of base.py):
local files by default, the S3-compatible bucket when MEDIA_STORAGE=s3 or a bucket is named."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.live_site import ROOT

PRINT_DEFAULT_STORAGE = (
    "import json; from infant_mh.settings import base; print(json.dumps(base.STORAGES['default']))"
)
STORAGE_VARIABLES = ("MEDIA_STORAGE", "AWS_")


def default_storage_with(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(STORAGE_VARIABLES)}
    return subprocess.run(
        [sys.executable, "-c", PRINT_DEFAULT_STORAGE],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def configured(**env: str) -> dict:
    result = default_storage_with(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_local_files_by_default():
    assert configured() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert configured(MEDIA_STORAGE="local", AWS_STORAGE_BUCKET_NAME="media")["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )


def test_a_bucket_name_selects_object_storage_configured_from_the_environment():
    storage = configured(
        AWS_STORAGE_BUCKET_NAME="council-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.org",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_S3_ADDRESSING_STYLE="path",
        AWS_ACCESS_KEY_ID="key-id",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_LOCATION="media",
        AWS_S3_READ_TIMEOUT="20",
    )
    assert storage["BACKEND"] == "infant_mh.media_storage.SiteServedS3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "council-media",
        "endpoint_url": "https://objects.example.org",
        "region_name": "eu-west-2",
        "addressing_style": "path",
        "access_key": "key-id",
        "secret_key": "secret",
        "location": "media",
        "default_acl": None,
        "file_overwrite": False,
        "connect_timeout": 3,
        "read_timeout": 20,
    }


def test_unset_credentials_leave_them_to_boto3s_own_chain():
    options = configured(MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="media")["OPTIONS"]
    assert options["access_key"] is None and options["secret_key"] is None
    assert options["endpoint_url"] is None  # AWS itself


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "needs AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "ftp"}, "must be 'local' or 's3'"),
    ],
)
def test_an_incomplete_choice_refuses_to_start(env, message):
    result = default_storage_with(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr
