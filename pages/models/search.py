"""The site search page: results, urgent help first for crisis queries, and help when nothing
is found (never a bare "no results")."""

from __future__ import annotations

from django.apps import apps
from django.http import HttpRequest
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageQuerySet, Site

from pages.pagination import paginate
from pages.rich_text import RICH_TEXT_FEATURES
from pages.site_search import clean_query, search_site, visible_pages
from pages.urgent_help import SERVICE_PROBLEM_CARE_CARD, UrgentHelpEntry

from .base import BasePage
from .sections import SectionLandingPage
from .service_settings import ServiceSettings

# Shown when the service settings have no urgent-help lines yet: the 999 and NHS 111 card.
FALLBACK_URGENT_HELP: list[UrgentHelpEntry] = [
    {
        "level": SERVICE_PROBLEM_CARE_CARD["level"],
        "label": SERVICE_PROBLEM_CARE_CARD["heading"],
        "text": "",
        "paragraphs": SERVICE_PROBLEM_CARE_CARD["paragraphs"],
        "links": SERVICE_PROBLEM_CARE_CARD["links"],
    }
]


def urgent_help_entries(request: HttpRequest, site: Site | None) -> list[UrgentHelpEntry]:
    """The editors' urgent-help lines for this site, or the 999 and NHS 111 card."""
    entries = ServiceSettings.for_request(request).urgent_help_entries() if site else []
    return entries or FALLBACK_URGENT_HELP


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

    suggested_pages = StreamField(
        [("page", blocks.PageChooserBlock(label="Page"))],
        blank=True,
        help_text="The most useful pages, offered when a search finds nothing (after urgent "
        "help and the parents' and professionals' sections). Leave empty to offer the pages in "
        "the main menu.",
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    exclude_from_search_results = True

    template = "pages/search_page.html"
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("suggested_pages"),
    ]

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

    def audience_sections(self, visible: PageQuerySet) -> list[SectionLandingPage]:
        """The parents' and professionals' sections beside this page, parents first."""
        sections = (
            SectionLandingPage.objects.filter(pk__in=visible.values("pk"))
            .sibling_of(self)
            .defer("body")
            .order_by("path")
        )
        return sorted(sections, key=lambda section: section.audience != "parents")

    def useful_pages(self, visible: PageQuerySet, exclude: list[Page | None]) -> list[Page]:
        """The editors' chosen pages (visible ones), or else the main menu's pages."""
        chosen = [block.value for block in self.suggested_pages if block.value is not None]
        if chosen:
            shown = set(
                visible.filter(pk__in=[page.pk for page in chosen]).values_list("pk", flat=True)
            )
            return [page for page in chosen if page.pk in shown]
        skip = {page.pk for page in exclude if page is not None} | {self.pk}
        menu = visible.sibling_of(self).filter(show_in_menus=True).order_by("path")
        return [page for page in menu if page.pk not in skip]

    @staticmethod
    def contact_page(visible: PageQuerySet) -> Page | None:
        """The contact page, for "ask us" (the enquiries app's page type)."""
        model = apps.get_model("enquiries", "ContactPage")
        return model.objects.filter(pk__in=visible.values("pk")).order_by("path").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = clean_query(request.GET.get("q", ""))
        site = Site.find_for_request(request)
        visible = visible_pages(site, request)
        outcome = search_site(query, site, visible, request) if query else None
        # Counted and sliced in the database: one page of results is built, never all of them.
        pagination = paginate(
            outcome.results if outcome else [], RESULTS_PER_PAGE, request, {"q": query}
        )
        found = pagination.count
        context.update(
            {
                "search_query": query,
                "results": pagination.object_list,
                "result_count": found,
                "pagination": pagination,
                "crisis": bool(outcome and outcome.crisis),
            }
        )
        if outcome and (outcome.crisis or not found):
            context["urgent_entries"] = urgent_help_entries(request, site)
        if query and not found:
            sections = self.audience_sections(visible)
            contact = self.contact_page(visible)
            context.update(
                {
                    "audience_sections": sections,
                    "useful_pages": self.useful_pages(visible, exclude=[*sections, contact]),
                    "contact_page": contact,
                }
            )
        return context
