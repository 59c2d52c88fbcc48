"""An S3-compatible server on loopback for tests: moto in server mode (`moto_server`, a real HTTP
server that boto3 talks to as it would to any S3 endpoint), in a process of its own, so that what
the tests measure in their own process is the client's side only.

    with s3_server(tmp_path / "moto.log") as server:
        bucket = server.create_bucket()
        env = server.media_env(bucket)          # for a deployment's extra_env
        options = server.storage_options(bucket)  # for STORAGES["default"]["OPTIONS"]
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3

from tests.live_site import free_port

REGION = "eu-west-2"
ACCESS_KEY = "stateless-test-access-key"
SECRET_KEY = "stateless-test-secret-key"


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def create_bucket(self) -> str:
        name = f"infant-mh-media-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        return name

    def keys(self, bucket: str) -> set[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return {entry["Key"] for page in pages for entry in page.get("Contents", [])}

    def read(self, bucket: str, key: str) -> bytes:
        return self.client().get_object(Bucket=bucket, Key=key)["Body"].read()

    def upload_folder(self, bucket: str, folder: Path) -> int:
        """Copy a media folder into the bucket (as `aws s3 sync media/ s3://bucket/` would)."""
        client, count = self.client(), 0
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                client.upload_file(str(path), bucket, path.relative_to(folder).as_posix())
                count += 1
        return count

    def storage_options(self, bucket: str) -> dict[str, object]:
        return {
            "bucket_name": bucket,
            "endpoint_url": self.endpoint_url,
            "region_name": REGION,
            "addressing_style": "path",
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "default_acl": None,
            "file_overwrite": False,
        }

    def media_env(self, bucket: str) -> dict[str, str]:
        """The environment that puts a deployment's media in `bucket` (README's variables)."""
        return {
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }


def _wait_until_answering(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/moto-api/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"moto_server did not answer in time:\n{log.read_text()}")


@contextmanager
def s3_server(log: Path) -> Iterator[S3Server]:
    """Run moto_server on a free loopback port until the block ends; its log goes to `log`."""
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = S3Server(f"http://127.0.0.1:{port}")
    try:
        _wait_until_answering(server.endpoint_url, process, log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
