"""Serve editors' images from MEDIA_ROOT. Documents are never served directly: only through
Wagtail's document serve view, which checks privacy and publishes only allowed types."""

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.templatetags.static import static
from django.views.static import serve
from wagtail.documents.views.serve import serve as wagtail_serve_document

from resources.downloads import count_download

PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/")
# Longest file name most filesystems take; Wagtail's own names are far shorter.
MAX_NAME_LENGTH = 255


def serve_public_media(request: HttpRequest, path: str) -> FileResponse | HttpResponse:
    if not path.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404("Not a public media file")
    if "\x00" in path or any(len(part.encode()) > MAX_NAME_LENGTH for part in path.split("/")):
        raise Http404("Not a media file name")
    try:
        response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    except (OSError, ValueError, SuspiciousFileOperation) as error:  # too long, or "../"
        raise Http404("No such media file") from error
    response["Cache-Control"] = "public, max-age=86400"
    return response


def favicon_redirect(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; point them at the SVG icon."""
    return HttpResponsePermanentRedirect(static("images/favicon.svg"))


def serve_document(request: HttpRequest, document_id: str, document_filename: str) -> HttpResponse:
    """Wagtail's document serve view, without the `Content-Encoding: None` it sends.

    wagtail.utils.sendfile sets Content-Encoding from mimetypes.guess_type(), which is None for
    an uncompressed file, and Django writes that as the text "None". Documents are served as
    stored, so no Content-Encoding applies.

    A download of a poster's PDF is counted for that poster (resources.downloads).
    """
    response = wagtail_serve_document(request, document_id, document_filename)
    if response.headers.get("Content-Encoding") in {"None", ""}:
        del response["Content-Encoding"]
    count_download(request, int(document_id), response.status_code)
    return response
