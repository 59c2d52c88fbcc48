"""Pages that list the resources app's snippets: "Babies First posters" and "Useful links".

Filters are plain links with the choice in the URL (`?audience=…&topic=…`), so they work
without JavaScript and can be shared. Both pages share one template; what they list and how
comes from their `filter_class`. Each shows `per_page` items at a time (`?page=2`, combined with
the filters), counted and sliced in the database, so a long list costs what a short one does.
The count and the pages read are kept per content generation (`pages.content_memo`): a listing
shown again before the content changes costs no query.
"""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from pages.content_memo import content_memo
from pages.pagination import MemoisedRows, paginate
from pages.rich_text import RICH_TEXT_FEATURES
from resources.filtering import PosterFilter, ResourceFilter

from .base import BasePage

# Wagtail names each page type's template after its class, so each subclass sets this itself.
LISTING_TEMPLATE = "pages/filtered_listing_page.html"


def _intro_field(help_text: str) -> RichTextField:
    return RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text=help_text)


class FilteredListingPage(BasePage):
    """Abstract base: an intro, then every published item of one kind, filtered by the query
    string. A subclass sets `filter_class` (a `resources.filtering` filter)."""

    intro = _intro_field("Shown above the list.")

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []

    filter_class: type
    per_page: int
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.filter_class(
            request, keep=lambda key, compute: content_memo.get(request, key, compute)
        )
        filters = listing.filter_values()
        rows = MemoisedRows(
            request, ("listing", self.pk, tuple(filters.items())), lambda: listing.queryset
        )
        pagination = paginate(rows, self.per_page, request, filters)
        listing.show_page(pagination.page)
        context.update({"filter": listing, "pagination": pagination})
        return context


class PosterLibraryPage(FilteredListingPage):
    """Every live poster with its preview, summary and download link, filterable by audience."""

    # Each page keeps its own help text for editors.
    intro = _intro_field(
        "Shown above the posters: what they are, that people may share them, and how to ask "
        "for an accessible format."
    )

    filter_class = PosterFilter
    per_page = 12  # cards with a preview image: about a screen each on a phone
    template = LISTING_TEMPLATE
    signposted_from_home = True

    class Meta:
        verbose_name = "poster library page"


class ResourceIndexPage(FilteredListingPage):
    """'Useful links': every published resource, filterable by audience and topic."""

    intro = _intro_field("Shown above the list of links.")

    filter_class = ResourceFilter
    per_page = 20
    template = LISTING_TEMPLATE

    class Meta:
        verbose_name = "resource index page"
