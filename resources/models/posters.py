"""Babies First posters: a PDF to download, a preview of its first page and its words as text."""

from __future__ import annotations

import logging
from typing import ClassVar, Self

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model, get_image_model_string
from wagtail.search import index

from resources.choices import Audience
from resources.forms import PosterForm
from resources.pdf_pages import PdfSummary, UnreadablePdf, preview_image_file, summarise_pdf
from resources.renditions import POSTER_CARD, stored_renditions

from .publishable import PublishableQuerySet, PublishableSnippet

logger = logging.getLogger(__name__)

POSTER_CARD_SIZES = "(min-width: 641px) 240px, 90vw"


def describe_file_size(size: int | None) -> str:
    """'240 KB', '1.4 MB': how GOV.UK writes file sizes beside download links."""
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def describe_page_count(page_count: int | None) -> str:
    if not page_count:
        return ""
    return f"{page_count} page" if page_count == 1 else f"{page_count} pages"


class PosterQuerySet(PublishableQuerySet):
    def live(self) -> Self:
        """Published posters that have a PDF: the only ones the public ever sees."""
        return super().live().filter(document__isnull=False)

    def for_cards(self) -> Self:
        """Everything a poster card needs, in a fixed number of queries."""
        return self.select_related("document", "preview_image").prefetch_related(
            "preview_image__renditions"
        )


class Poster(PublishableSnippet):
    title = models.CharField(
        max_length=200,
        help_text="The poster's message as its title, for example 'Cuddles help your baby feel "
        "safe'. Used as the download link text.",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One sentence saying what the poster is about. Shown under its title.",
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.PARENTS,
        help_text="Who the poster speaks to. Posters for both appear under each audience's filter.",
    )
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Or choose a PDF already in the document library. When it changes, the "
        "preview is made again from its first page.",
    )
    preview_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Made automatically from the PDF's first page when you save. Choose another "
        "image to replace it, or clear it to have it made again.",
    )
    plain_text = models.TextField(
        "text of the poster",
        help_text="Every word on the poster, in reading order, for people who cannot use the PDF "
        "(for example with a screen reader). Required before publishing.",
    )
    page_count = models.PositiveSmallIntegerField(
        null=True,
        editable=False,
        help_text="Counted from the PDF when the poster is saved.",
    )
    preview_document_hash = models.CharField(
        max_length=40,
        blank=True,
        editable=False,
        help_text="The hash of the PDF the preview was made from, to notice when it changes.",
    )
    objects: ClassVar[models.Manager] = PosterQuerySet.as_manager()
    base_form_class = PosterForm

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [FieldPanel("pdf_upload"), FieldPanel("document"), FieldPanel("preview_image")],
            heading="PDF and preview",
        ),
        FieldPanel("plain_text"),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("plain_text"),
        index.FilterField("live"),
        index.FilterField("audience"),
        index.FilterField("document"),  # site search needs the PDF
    ]

    class Meta(PublishableSnippet.Meta):
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            try:
                self.refresh_from_document()
            except UnreadablePdf:
                logger.warning("Poster %r: its document is not a readable PDF", self.title)
        super().save(*args, **kwargs)

    def refresh_from_document(
        self, *, editor_chose_preview: bool = False, summary: PdfSummary | None = None
    ) -> None:
        """Count the PDF's pages and make the preview from its first page when needed.

        A preview is made when there is none, or when the PDF has changed since the preview
        was made, unless the editor has just chosen their own.
        """
        document = self.document
        if document is None:
            return
        document_hash = document.get_file_hash()
        document_changed = document_hash != self.preview_document_hash
        needs_preview = not editor_chose_preview and (
            self.preview_image_id is None or document_changed
        )
        if not (needs_preview or document_changed or self.page_count is None):
            return
        summary = summary or summarise_pdf(document.file)
        self.page_count = summary.page_count
        if needs_preview:
            self.preview_image = self._make_preview_image(summary.first_page_png)
        self.preview_document_hash = document_hash

    def _make_preview_image(self, png: bytes):
        name = f"poster-preview-{slugify(self.title)[:50] or 'poster'}.png"
        image = get_image_model()(
            title=f"Preview of {self.title}"[:255],
            description=f"First page of the poster “{self.title}”"[:255],
            file=preview_image_file(png, name),
        )
        image.save()
        return image

    @property
    def download_meta(self) -> str:
        """'PDF, 240 KB, 1 page', from the real file size and page count."""
        if self.document is None:
            return ""
        parts = ["PDF", describe_file_size(self.document.get_file_size())]
        parts.append(describe_page_count(self.page_count))
        return ", ".join(part for part in parts if part)

    def card(self, *, make_missing: bool = False) -> dict:
        """The context `components/poster_list.html` documents for one poster.

        The preview shows in the sizes the worker has made (`resources.tasks`); with none yet,
        the card has no image. Only an editor's preview passes `make_missing`."""
        card = {
            "title": self.title,
            "summary": self.summary,
            "plain_text": self.plain_text,
            "download_url": self.document.url if self.document else "",
            "download_meta": self.download_meta,
            "preview_url": "",
            "preview_srcset": "",
            "preview_sizes": POSTER_CARD_SIZES,
            "preview_width": None,
            "preview_height": None,
            # The preview shows the same words as the title, summary and text beside it.
            "preview_alt": "",
        }
        if self.preview_image is None:
            return card
        if make_missing:
            try:
                renditions = list(self.preview_image.get_renditions(*POSTER_CARD).values())
            except OSError:  # includes SourceImageIOError: the file is missing
                logger.warning("Poster %r: its preview image file is missing", self.title)
                return card
        else:
            renditions = stored_renditions(self.preview_image, POSTER_CARD)
        if renditions:
            largest = max(renditions, key=lambda rendition: rendition.width)
            card.update(
                preview_url=largest.url,
                preview_srcset=", ".join(f"{r.url} {r.width}w" for r in renditions),
                preview_width=largest.width,
                preview_height=largest.height,
            )
        return card

    def get_preview_template(self, request, mode_name):
        return "resources/poster_preview.html"

    def get_preview_context(self, request, mode_name):
        return {
            **super().get_preview_context(request, mode_name),
            "posters": [self.card(make_missing=True)],
        }
