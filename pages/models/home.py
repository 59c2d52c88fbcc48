"""The home page: the root of the public site."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .base import BasePage

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Page types the home page links to by name, and the key each is known by in the template.
SIGNPOSTED_PAGE_TYPES = {"posters": "pages.PosterLibraryPage", "contact": "pages.ContactPage"}
# Children that come from another engineer's part and may not be installed yet.
OPTIONAL_SUBPAGE_TYPES = {"pages.ContactPage"}


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
        features=INTRO_FEATURES,
        blank=True,
        help_text="A few short paragraphs on why babies' mental health matters.",
    )
    parents_route_page, parents_route_text = _route_fields("parents and carers")
    professionals_route_page, professionals_route_text = _route_fields("professionals")

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.SectionLandingPage",
        "pages.ContentPage",
        "pages.PosterLibraryPage",
        "pages.ResourceIndexPage",
        "pages.SearchPage",
        "pages.ContactPage",
    ]
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

    @classmethod
    def clean_subpage_models(cls):
        """Allow the optional child types only once their app part exists."""
        if cls._clean_subpage_models is None:
            available = []
            for name in cls.subpage_types:
                if name in OPTIONAL_SUBPAGE_TYPES:
                    try:
                        apps.get_model(name)
                    except LookupError:
                        continue
                available.append(name)
            cls._clean_subpage_models = [apps.get_model(name) for name in available]
        return cls._clean_subpage_models

    def route_cards(self) -> list[dict]:
        cards = []
        for page, text in (
            (self.parents_route_page, self.parents_route_text),
            (self.professionals_route_page, self.professionals_route_text),
        ):
            if page is not None and page.live:
                cards.append({"page": page, "text": text})
        return cards

    def signposted_pages(self) -> dict[str, Page]:
        """The live poster library and contact page under this home page (a fixed number of
        queries: one, plus one per page type found)."""
        models_by_key = {}
        for key, name in SIGNPOSTED_PAGE_TYPES.items():
            try:
                models_by_key[key] = apps.get_model(name)
            except LookupError:
                continue
        content_types = ContentType.objects.get_for_models(*models_by_key.values())
        key_by_type = {content_types[model].pk: key for key, model in models_by_key.items()}
        found: dict[str, Page] = {}
        children = self.get_children().live().public().filter(content_type__in=key_by_type)
        for child in children.order_by("path").specific():
            found.setdefault(key_by_type[child.content_type_id], child)
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["route_cards"] = self.route_cards()
        context["signposted"] = self.signposted_pages()
        return context
