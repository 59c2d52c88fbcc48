"""Uploaded images and documents in S3-compatible object storage, served from this site's own
address (settings: the media storage block at the end of base.py; README: Production topology).

`SiteServedS3Storage` is django-storages' S3 backend with three changes:

- `url()` names the file under MEDIA_URL (`/media/…`), never the bucket's host: visitors load
  images from this site (the CSP allows only 'self'), and the app streams them from the bucket
  (`infant_mh.media`); documents keep going through Wagtail's serve view.
- Opening a file for reading streams it (`StoredObjectFile`): one GET whose body is read as the
  response is written, never the whole object into memory or onto the server's disk first. A seek
  elsewhere starts a ranged GET there; the first 64 KiB are kept, because image libraries read the
  start of a file, then rewind to it.
- Connecting and reading give up after `connect_timeout` and `read_timeout` seconds, and an
  unreachable or refusing store raises `MediaStorageUnavailable` (a ConnectionError), which the
  views turn into a 503; a missing object raises FileNotFoundError, as a missing local file does.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import IO, Any, cast

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.base import File
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# The start of an object kept in memory: format sniffing (Willow, Pillow) reads it, then rewinds.
KEPT_HEAD_BYTES = 64 * 1024
# A forward seek up to this far reads on through the open body instead of starting a new GET.
SKIP_AHEAD_BYTES = 64 * 1024

# The object's GET response from a byte offset (`Range: bytes=N-` when N > 0).
Fetch = Callable[[int], dict[str, Any]]


class MediaStorageUnavailable(ConnectionError):
    """The object store did not answer, or refused the request (not a missing object)."""


def _unavailable(error: Exception) -> MediaStorageUnavailable:
    return MediaStorageUnavailable(f"Media storage unavailable: {error.__class__.__name__}")


class StoredObjectStream(io.RawIOBase):
    """A seekable, read-only view of one stored object that streams its body over HTTP."""

    def __init__(self, fetch: Fetch, first_response: dict[str, Any]):
        super().__init__()
        self._fetch = fetch
        self.size = int(first_response["ContentLength"])
        self.last_modified: datetime | None = first_response.get("LastModified")
        self._body: Any = first_response["Body"]
        self._body_at = 0  # the object offset the open body reads next
        self._position = 0
        self._head = bytearray()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position

    def readinto(self, buffer: Any) -> int:
        """Fill `buffer` (short only at the end of the object), from the kept head or the body."""
        if self.closed:
            raise ValueError("read from a closed file")
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view) and self._position < self.size:
            wanted = len(view) - filled
            if self._position < len(self._head):
                data = bytes(self._head[self._position : self._position + wanted])
            else:
                self._move_body_to(self._position)
                data = self._read_body(wanted)
                if not data:  # the store sent less than it announced
                    break
            view[filled : filled + len(data)] = data
            filled += len(data)
            self._position += len(data)
        return filled

    def readall(self) -> bytes:
        chunks = []
        while chunk := self.read(1024 * 1024):
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self._close_body()
        super().close()

    def _read_body(self, size: int) -> bytes:
        try:
            data = self._body.read(size)
        except BotoCoreError as error:
            raise _unavailable(error) from error
        if self._body_at == len(self._head) < KEPT_HEAD_BYTES:
            self._head += data[: KEPT_HEAD_BYTES - len(self._head)]
        self._body_at += len(data)
        return data

    def _move_body_to(self, position: int) -> None:
        """Make the open body read from `position`: read on a little, or ask again from there."""
        if self._body is not None and 0 <= position - self._body_at <= SKIP_AHEAD_BYTES:
            while self._body_at < position and self._read_body(position - self._body_at):
                pass
            if self._body_at == position:
                return
        self._close_body()
        self._body = self._fetch(position)["Body"]
        self._body_at = position

    def _close_body(self) -> None:
        if self._body is not None:
            self._body.close()
            self._body = None


class StoredObjectFile(File):
    """A Django File over a `StoredObjectStream`; `open()` after `close()` fetches it again."""

    def __init__(self, name: str, open_stream: Callable[[], StoredObjectStream]):
        self._open_stream = open_stream
        self._stream = open_stream()
        super().__init__(cast(IO[bytes], self._stream), name)

    @property
    def modified_at(self) -> float | None:
        """When the object was stored (a POSIX timestamp), for Last-Modified."""
        stamp = self._stream.last_modified
        return stamp.timestamp() if stamp else None

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> StoredObjectFile:
        if self.closed:
            self._stream = self._open_stream()
            self.file = cast(IO[bytes], self._stream)
        else:
            self.seek(0)
        return self


class SiteServedS3Storage(S3Storage):
    """S3-compatible object storage whose files are served by this site (see the module)."""

    client_config: Config
    connect_timeout: int
    read_timeout: int

    def get_default_settings(self) -> dict[str, Any]:
        return {**super().get_default_settings(), "connect_timeout": 3, "read_timeout": 10}

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.client_config = self.client_config.merge(
            Config(
                connect_timeout=self.connect_timeout,
                read_timeout=self.read_timeout,
                retries={"mode": "standard", "max_attempts": 3},
            )
        )

    def url(self, name: str | None, *args: Any, **kwargs: Any) -> str:
        """Under this site's MEDIA_URL, never the bucket's address."""
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name or ""))

    def _open(self, name: str, mode: str = "rb") -> File:
        if "w" in mode or "a" in mode or "+" in mode:
            return super()._open(name, mode)
        key = self._normalize_name(clean_name(name))
        fetch = self._fetcher(key)
        return StoredObjectFile(name, lambda: StoredObjectStream(fetch, fetch(0)))

    def _fetcher(self, key: str) -> Fetch:
        def fetch(start: int) -> dict[str, Any]:
            request = {"Bucket": self.bucket_name, "Key": key}
            if start:
                request["Range"] = f"bytes={start}-"
            try:
                return self.connection.meta.client.get_object(**request)
            except ClientError as error:
                if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                    raise FileNotFoundError(f"No stored file {key}") from error
                raise _unavailable(error) from error
            except BotoCoreError as error:
                raise _unavailable(error) from error

        return fetch
