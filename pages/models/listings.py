"""Pages that list the resources app's snippets: "Babies First posters" and "Useful links".

Filters are plain links with the choice in the URL (`?audience=…&topic=…`), so they work
without JavaScript and can be shared.
"""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from pages.rich_text import RICH_TEXT_FEATURES
from resources.filtering import PosterFilter, ResourceFilter

from .base import BasePage


def _intro_field(help_text: str) -> RichTextField:
    return RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text=help_text)


class PosterLibraryPage(BasePage):
    """Every live poster with its preview, summary and download link, filterable by audience."""

    intro = _intro_field(
        "Shown above the posters: what they are, that people may share them, and how to ask "
        "for an accessible format."
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []

    signposted_from_home = True
    template = "pages/poster_library_page.html"
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "poster library page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["filter"] = PosterFilter(request)
        return context


class ResourceIndexPage(BasePage):
    """'Useful links': every published resource, filterable by audience and topic."""

    intro = _intro_field("Shown above the list of links.")

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []

    template = "pages/resource_index_page.html"
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "resource index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["filter"] = ResourceFilter(request)
        return context
