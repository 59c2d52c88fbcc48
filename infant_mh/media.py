"""Serve editors' images from MEDIA_ROOT. Documents are never served directly: only through
Wagtail's document serve view, which checks privacy and publishes only allowed types."""

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.templatetags.static import static
from django.views.static import serve

PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/")


def serve_public_media(request: HttpRequest, path: str) -> FileResponse | HttpResponse:
    if not path.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404("Not a public media file")
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def favicon_redirect(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; point them at the SVG icon."""
    return HttpResponsePermanentRedirect(static("images/favicon.svg"))
