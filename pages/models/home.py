"""The home page: the root of the public site."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, get_page_models
from wagtail.search import index

from pages.content_memo import content_memo
from pages.rich_text import RICH_TEXT_FEATURES

from .base import BasePage


def _route_fields(audience: str) -> tuple[models.ForeignKey, models.CharField]:
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=f"The page the '{audience}' route card links to.",
    )
    text = models.CharField(
        max_length=200,
        blank=True,
        help_text=f"One short sentence under the '{audience}' route card's link.",
    )
    return page, text


class HomePage(BasePage):
    """Infant mental health (babies to age two): routes parents and professionals onwards."""

    intro_heading = models.CharField(
        max_length=120,
        default="The mental health of babies",
        help_text="The heading above the introduction.",
    )
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="A few short paragraphs on why babies' mental health matters.",
    )
    parents_route_page, parents_route_text = _route_fields("parents and carers")
    professionals_route_page, professionals_route_text = _route_fields("professionals")

    # No `subpage_types`: every page type that names HomePage in its `parent_page_types` may go
    # here, so a new page type (in this app or another) needs no change to this class.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    template = "pages/home_page.html"

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro_heading"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [PageChooserPanel("parents_route_page"), FieldPanel("parents_route_text")],
            heading="Route card: parents and carers",
        ),
        MultiFieldPanel(
            [PageChooserPanel("professionals_route_page"), FieldPanel("professionals_route_text")],
            heading="Route card: professionals",
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    def route_cards(self) -> list[dict]:
        routes: list[tuple[Page | None, str]] = [
            (self.parents_route_page, self.parents_route_text),
            (self.professionals_route_page, self.professionals_route_text),
        ]
        cards = []
        for page, text in routes:
            if page is not None and page.live:
                cards.append({"page": page, "text": text})
        return cards

    def signposted_pages(self) -> list[Page]:
        """Live child pages whose type sets `signposted_from_home`, in menu order (one query,
        plus one per page type found)."""
        types = [
            model for model in get_page_models() if getattr(model, "signposted_from_home", False)
        ]
        if not types:
            return []
        return list(self.get_children().live().public().type(*types).order_by("path").specific())

    def route(self, request, path_components):
        """Wagtail's routing (a query or two per level of the address), kept per address until
        the content changes (`pages.content_memo`): every page of the site is routed from here.
        Only a page's own address is kept (not one a page routes below itself, such as the
        contact page's confirmations); one that leads nowhere raises Http404."""
        route_below = super().route
        if not path_components or getattr(request, "is_preview", False):
            return route_below(request, path_components)
        address = self.url_path + "".join(f"{component}/" for component in path_components)
        return content_memo.get(
            request,
            ("route", self.pk, tuple(path_components)),
            lambda: route_below(request, path_components),
            keep=lambda result: result.page.url_path == address,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False) or not self.pk:
            route_cards, signposted = self.route_cards(), self.signposted_pages()
        else:
            route_cards, signposted = content_memo.get(
                request,
                ("home-parts", self.pk),
                lambda: (self.route_cards(), self.signposted_pages()),
            )
        context["route_cards"] = route_cards
        context["signposted"] = signposted
        return context
