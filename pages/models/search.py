"""The site search page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.http import urlencode
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Site

from pages.rich_text import RICH_TEXT_FEATURES
from pages.site_search import clean_query, search_site

from .base import BasePage

RESULTS_PER_PAGE = 10
# Where the header's search box sends people when the site has no live search page.
FALLBACK_SEARCH_URL = "/search/"


class SearchPage(BasePage):
    """Searches pages, useful links and posters. Lives at /search/."""

    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown before anyone has searched: what people can find here.",
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    exclude_from_search_results = True

    template = "pages/search_page.html"
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "search page"

    @classmethod
    def url_for_site(cls, site: Site | None) -> str:
        """The URL of the live search page under this site's home, or the conventional path."""
        if site is None:
            return FALLBACK_SEARCH_URL
        page = cls.objects.live().descendant_of(site.root_page).first()
        return page.url if page else FALLBACK_SEARCH_URL

    def get_sitemap_urls(self, request=None):
        return []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = clean_query(request.GET.get("q", ""))
        results = search_site(query, Site.find_for_request(request)) if query else []
        paginator = Paginator(results, RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            {
                "search_query": query,
                "results": page_obj.object_list,
                "result_count": paginator.count,
                "page_obj": page_obj,
                "query_prefix": urlencode({"q": query}),
            }
        )
        return context
