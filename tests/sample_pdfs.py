"""Sample "Babies First" posters as real A4 PDFs, drawn with reportlab's built-in Helvetica.

Tests use it for a fresh PDF. The seed posters in `content/posters/` were made once with it
(with the address below) and are committed; a test checks it still draws them byte for byte.
Output is repeatable (reportlab's invariant mode).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

COUNCIL_NAME = "North Lincolnshire Council"
SERIES_NAME = "Babies First"
SAMPLE_LABEL = "Sample poster: replace it with the council's own design"
SAMPLE_TITLE_PREFIX = "Sample poster: "
SEED_POSTER_ADDRESS = "infant-mh.northlincs.gov.uk"

TEAL = HexColor("#005a70")
INK = HexColor("#0b0c0c")
PALE = HexColor("#e8f1f3")
WATERMARK = HexColor("#dde7ea")
WHITE = HexColor("#ffffff")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 48
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADING_SIZE, HEADING_LEADING = 38, 44
BODY_SIZE, BODY_LEADING = 19, 27
FOOTER_HEIGHT = 96


@dataclass(frozen=True)
class PosterContent:
    heading: str
    paragraphs: tuple[str, ...]
    site_address: str

    @property
    def document_title(self) -> str:
        return SAMPLE_TITLE_PREFIX + self.heading

    @property
    def footer(self) -> tuple[str, str]:
        return COUNCIL_NAME, f"Find out more: {self.site_address}"

    def words(self) -> str:
        """Every word on the poster, in reading order: the poster's plain-text version."""
        lines = [
            SERIES_NAME,
            SAMPLE_LABEL,
            self.heading,
            *self.paragraphs,
            *self.footer,
            "SAMPLE",
        ]
        return "\n\n".join(lines)


def render_poster_pdf(content: PosterContent) -> bytes:
    """One A4 page: series band, heading, tips, council footer and a SAMPLE watermark."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, lang="en-GB", pageCompression=1)
    canvas.setTitle(content.document_title)
    canvas.setAuthor(COUNCIL_NAME)
    canvas.setSubject(f"{SERIES_NAME} sample poster: {content.heading}")
    canvas.setCreator(f"{COUNCIL_NAME} infant mental health website")

    _draw_watermark(canvas)
    _draw_top_band(canvas)
    y = _draw_heading(canvas, content.heading, PAGE_HEIGHT - 200)
    _draw_paragraphs(canvas, content.paragraphs, y - 24)
    _draw_footer(canvas, content)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_watermark(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.setFont("Helvetica-Bold", 150)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2 - 40)
    canvas.rotate(52)
    canvas.drawCentredString(0, -50, "SAMPLE")
    canvas.restoreState()


def _draw_top_band(canvas: Canvas) -> None:
    band_height = 130
    canvas.setFillColor(TEAL)
    canvas.rect(0, PAGE_HEIGHT - band_height, PAGE_WIDTH, band_height, stroke=0, fill=1)
    canvas.setFillColor(WHITE)
    canvas.setFont("Helvetica-Bold", 32)
    canvas.drawString(MARGIN, PAGE_HEIGHT - 66, SERIES_NAME)
    canvas.setFont("Helvetica", 15)
    canvas.drawString(MARGIN, PAGE_HEIGHT - 98, SAMPLE_LABEL)


def _draw_heading(canvas: Canvas, heading: str, top: float) -> float:
    canvas.setFillColor(TEAL)
    canvas.setFont("Helvetica-Bold", HEADING_SIZE)
    y = top
    for line in simpleSplit(heading, "Helvetica-Bold", HEADING_SIZE, TEXT_WIDTH):
        canvas.drawString(MARGIN, y, line)
        y -= HEADING_LEADING
    return y


def _draw_paragraphs(canvas: Canvas, paragraphs: tuple[str, ...], top: float) -> None:
    """The tips, in the largest size (down to 12 pt) that keeps them clear of the footer."""
    size = BODY_SIZE
    while True:
        leading = size * BODY_LEADING / BODY_SIZE
        wrapped = [simpleSplit(text, "Helvetica", size, TEXT_WIDTH) for text in paragraphs]
        height = sum(len(lines) for lines in wrapped) * leading + len(wrapped) * leading / 2
        if top - height >= FOOTER_HEIGHT + 16 or size <= 12:
            break
        size -= 1
    canvas.setFillColor(INK)
    canvas.setFont("Helvetica", size)
    y = top
    for lines in wrapped:
        for line in lines:
            canvas.drawString(MARGIN, y, line)
            y -= leading
        y -= leading / 2


def _draw_footer(canvas: Canvas, content: PosterContent) -> None:
    canvas.setFillColor(PALE)
    canvas.rect(0, 0, PAGE_WIDTH, FOOTER_HEIGHT, stroke=0, fill=1)
    council, address = content.footer
    canvas.setFillColor(TEAL)
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawString(MARGIN, 56, council)
    canvas.setFillColor(INK)
    canvas.setFont("Helvetica", 14)
    canvas.drawString(MARGIN, 30, address)
