"""External resources (websites, leaflets, reports) the service points people to."""

from __future__ import annotations

from typing import ClassVar, Self

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from resources.choices import Audience, LinkStatus
from resources.forms import ResourceLinkForm

from .publishable import PublishableQuerySet, PublishableSnippet


class ResourceLinkQuerySet(PublishableQuerySet):
    def live(self) -> Self:
        """Published links with a web address: the only ones the public ever sees."""
        return super().live().exclude(url="")


class ResourceLink(PublishableSnippet, ClusterableModel):
    title = models.CharField(
        max_length=200,
        help_text="The name of the website, leaflet or report, as a visitor would recognise it.",
    )
    organisation = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who publishes it, for example 'UNICEF UK' or 'NHS'. Shown under the title.",
    )
    url = models.URLField(
        "web address",
        max_length=500,
        blank=True,
        help_text="The full address, starting https://. You can save a draft without one, but "
        "you cannot publish until it is filled in.",
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.BOTH,
        help_text="Who it is for. Resources for both appear under each audience's filter.",
    )
    topics = ParentalManyToManyField(
        "resources.Topic",
        blank=True,
        related_name="resources",
        help_text="Tick every topic it covers. Visitors filter the useful links page by topic.",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two plain-English sentences saying what the visitor will find there.",
    )
    last_checked = models.DateField(
        null=True,
        blank=True,
        help_text="When someone last opened the link and confirmed it still says what we describe.",
    )
    status = models.CharField(
        max_length=10,
        choices=LinkStatus.choices,
        default=LinkStatus.OK,
        help_text="Set 'Needs checking' when the address or content may have changed, and "
        "'Broken' when it no longer works.",
    )
    editor_notes = models.TextField(
        blank=True,
        help_text="Notes for other editors, for example what still needs confirming. Never shown "
        "to the public.",
    )
    objects: ClassVar[models.Manager] = ResourceLinkQuerySet.as_manager()
    base_form_class = ResourceLinkForm

    panels = [
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldPanel("url"),
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("last_checked"), FieldPanel("editor_notes")],
            heading="Link checking",
        ),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("organisation", boost=2),
        index.AutocompleteField("organisation"),
        index.SearchField("summary"),
        index.FilterField("live"),
        index.FilterField("audience"),
        index.FilterField("status"),
    ]

    class Meta(PublishableSnippet.Meta):
        ordering = ["title"]
        verbose_name = "useful link"
        verbose_name_plural = "useful links"

    def __str__(self) -> str:
        return self.title

    def get_preview_template(self, request, mode_name):
        return "resources/resource_link_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "resources": [self]}
