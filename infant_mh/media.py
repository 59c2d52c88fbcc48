"""Serve editors' images, from whichever storage holds them (MEDIA_ROOT, or the S3-compatible
bucket of infant_mh/media_storage.py), under this site's own /media/ address.

Files are streamed from the storage, never read whole first. Renditions (`images/`) never change
under their name (Wagtail names each one after its source file, filter and focal point), so
browsers and shared caches may keep them for a year; original images for a day. Documents are
never served from /media/: only through Wagtail's document serve view, which checks privacy and
publishes only allowed types.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath

from django.core.exceptions import SuspiciousOperation
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
)
from django.http.response import HttpResponseBase
from django.templatetags.static import static
from django.utils.http import http_date
from django.views.static import was_modified_since
from wagtail.documents.views.serve import serve as wagtail_serve_document

from resources.downloads import count_download

PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/")
RENDITIONS_FOLDER = "images/"
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
ORIGINAL_CACHE_CONTROL = "public, max-age=86400"
# Longest file name most filesystems take; Wagtail's own names are far shorter.
MAX_NAME_LENGTH = 255
# How long a client should wait before asking again when the media storage is unavailable.
RETRY_AFTER_SECONDS = 30


def storage_unavailable() -> HttpResponse:
    """503, plain text: the object store did not answer (the page itself may still work)."""
    response = HttpResponse(
        "This file is unavailable for a moment. Please try again shortly.\n",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _modified_at(file: File) -> float:
    """When the file was stored: from the object store's answer, or the local file's mtime."""
    stamp = getattr(file, "modified_at", None)
    return stamp if stamp is not None else os.fstat(file.fileno()).st_mtime


def serve_public_media(request: HttpRequest, path: str) -> HttpResponseBase:
    # Only plain names: "images/../documents/x.pdf" would otherwise reach a private document.
    if posixpath.normpath(path) != path or not path.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404("Not a public media file")
    if "\x00" in path or any(len(part.encode()) > MAX_NAME_LENGTH for part in path.split("/")):
        raise Http404("Not a media file name")
    try:
        file = default_storage.open(path, "rb")
    except ConnectionError:  # before OSError, of which it is one
        return storage_unavailable()
    except (OSError, ValueError, SuspiciousOperation) as error:  # missing, too long, or "../"
        raise Http404("No such media file") from error
    modified = _modified_at(file)
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), int(modified)):
        file.close()
        return HttpResponseNotModified()
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = (
        RENDITION_CACHE_CONTROL if path.startswith(RENDITIONS_FOLDER) else ORIGINAL_CACHE_CONTROL
    )
    return response


def favicon_redirect(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; point them at the SVG icon."""
    return HttpResponsePermanentRedirect(static("images/favicon.svg"))


def serve_document(request: HttpRequest, document_id: str, document_filename: str) -> HttpResponse:
    """Wagtail's document serve view, without the `Content-Encoding: None` it sends.

    wagtail.utils.sendfile sets Content-Encoding from mimetypes.guess_type(), which is None for
    an uncompressed file, and Django writes that as the text "None". Documents are served as
    stored, so no Content-Encoding applies. From object storage (no `.path`) Wagtail streams the
    file itself (a FileResponse over infant_mh.media_storage's streaming file); a file missing
    from the storage is a 404, and a storage that does not answer a 503.

    A download of a poster's PDF is counted for that poster (resources.downloads).
    """
    try:
        response = wagtail_serve_document(request, document_id, document_filename)
    except ConnectionError:
        return storage_unavailable()
    except FileNotFoundError as error:
        raise Http404("The document's file is missing") from error
    if response.headers.get("Content-Encoding") in {"None", ""}:
        del response["Content-Encoding"]
    count_download(request, int(document_id), response.status_code)
    return response
