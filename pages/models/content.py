"""Topic pages, and the accessibility statement, privacy notice and cookies page."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BodyStreamBlock
from pages.content_memo import content_memo

from .base import BasePage


class ContentPage(BasePage):
    """A page of body content, with an 'On this page' list when it has several sections."""

    body = StreamField(
        BodyStreamBlock(),
        help_text="The page's content. Start sections with a Heading block; main headings make "
        "the 'On this page' list.",
    )

    parent_page_types = ["pages.HomePage", "pages.SectionLandingPage"]
    subpage_types: list[str] = []

    template = "pages/content_page.html"

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "content page"

    def shows_urgent_help_strip(self) -> bool:
        """As its section does: a topic page in the parents' section shows the strip (kept
        until the content changes, `pages.content_memo`)."""
        if not self.path:
            return self._section_shows_urgent_help_strip()
        parent_path = self.path[: -self.steplen]
        return content_memo.get(
            None, ("urgent-help-strip-below", parent_path), self._section_shows_urgent_help_strip
        )

    def _section_shows_urgent_help_strip(self) -> bool:
        parent = self.get_parent()
        return parent is not None and parent.specific.shows_urgent_help_strip()
