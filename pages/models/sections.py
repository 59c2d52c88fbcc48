"""Audience sections: "Information for parents" and "Information for professionals"."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from pages.blocks import BodyStreamBlock
from pages.pagination import MemoisedRows, paginate
from pages.rich_text import RICH_TEXT_FEATURES
from resources.choices import FILTER_AUDIENCES, Audience

from .base import BasePage
from .content import ContentPage


class SectionLandingPage(BasePage):
    """One model serves both audiences; it lists its topic pages with their summaries,
    `per_page` at a time (`?page=2`), kept until the content changes (`pages.content_memo`)."""

    per_page = 20

    audience = models.CharField(
        max_length=20,
        choices=[(audience.value, audience.label) for audience in FILTER_AUDIENCES],
        default=Audience.PARENTS,
        help_text="Who this section is for. Parent sections show urgent help near the top of "
        "every page.",
    )
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="A short introduction above the list of pages in this section.",
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="Optional content shown below the list of pages.",
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ContentPage"]

    template = "pages/section_landing_page.html"

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "section landing page"

    def shows_urgent_help_strip(self) -> bool:
        return self.audience == Audience.PARENTS

    def section_pages(self):
        """The live, public pages in this section, in tree order (not evaluated)."""
        return ContentPage.objects.child_of(self).live().public().defer("body").order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = MemoisedRows(request, ("section-pages", self.pk), self.section_pages)
        pagination = paginate(rows, self.per_page, request)
        context.update({"section_pages": pagination.object_list, "pagination": pagination})
        return context
