"""Read a poster's PDF: count its pages and render its first page as a PNG preview.

pypdfium2 (Google's PDFium) is not thread-safe, so every call goes through one lock. It is
imported where a PDF is read, not with this module (which the poster model imports): a web
worker serving pages never reads a PDF, and loading PDFium costs it about 3 MiB (issue 12).
"""

from __future__ import annotations

import contextlib
import io
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

if TYPE_CHECKING:
    import pypdfium2

# Previews are drawn at this width (A4 portrait then comes out about 800 x 1131 pixels) and never
# taller than PREVIEW_MAX_HEIGHT, whatever page size a PDF declares.
PREVIEW_WIDTH = 800
PREVIEW_MAX_HEIGHT = 1600
_PDFIUM_LOCK = threading.Lock()


class UnreadablePdf(ValueError):
    """The file is not a PDF that can be opened and drawn."""


@dataclass(frozen=True)
class PdfSummary:
    page_count: int
    first_page_png: bytes


def _read_bytes(file) -> bytes:
    try:
        file.open("rb")
        file.seek(0)
        data = file.read()
    except (OSError, ValueError) as error:
        raise UnreadablePdf("The file could not be read.") from error
    finally:
        with contextlib.suppress(OSError, ValueError):
            file.close()
    _check_header(data)
    return data


def _check_header(data: bytes) -> None:
    if not data.lstrip()[:5] == b"%PDF-":
        raise UnreadablePdf("The file is not a PDF.")


def _open_pdf(data: bytes) -> pypdfium2.PdfDocument:
    """Open PDF bytes (hold _PDFIUM_LOCK): at least one page, else UnreadablePdf."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise UnreadablePdf("The PDF is damaged or protected by a password.") from error
    if len(pdf) < 1:
        pdf.close()
        raise UnreadablePdf("The PDF has no pages.")
    return pdf


def check_uploaded_pdf(file) -> None:
    """Raise UnreadablePdf unless an upload opens as a PDF with pages. The file stays open,
    rewound, for the form to save."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    _check_header(data)
    with _PDFIUM_LOCK:
        _open_pdf(data).close()


def summarise_pdf(file) -> PdfSummary:
    """Page count and a PNG of the first page of a PDF `file` (a Django File or FieldFile)."""
    import pypdfium2

    data = _read_bytes(file)
    with _PDFIUM_LOCK:
        pdf = _open_pdf(data)
        try:
            page_count = len(pdf)
            page = pdf[0]
            width, height = page.get_size()
            if width <= 0 or height <= 0:
                raise UnreadablePdf("The PDF's first page has no size.")
            scale = min(PREVIEW_WIDTH / width, PREVIEW_MAX_HEIGHT / height)
            image = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
        except pypdfium2.PdfiumError as error:
            raise UnreadablePdf("The PDF's first page could not be drawn.") from error
        finally:
            pdf.close()
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=True)
    return PdfSummary(page_count=page_count, first_page_png=png.getvalue())


def preview_image_file(png: bytes, name: str) -> ImageFile:
    """A PNG's bytes as a file Wagtail's Image model can store."""
    return ImageFile(ContentFile(png), name=name)
