"""StreamField blocks that list useful links and posters inside a page's body.

Each list shows either the items an editor chose, in their order, or every published item that
matches the block's filters; never both. Only published items are shown. Each block loads what
it shows in a fixed number of queries, however many items there are (chosen snippets are loaded
in bulk with the StreamField).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from resources.choices import FILTER_AUDIENCES, audience_q
from resources.models import Poster, ResourceLink

PREVIEW_TEMPLATE = "components/blocks/block_preview.html"
AUDIENCE_FILTER_CHOICES = [
    (audience.value, f"{audience.label} (includes items for both)") for audience in FILTER_AUDIENCES
]
BOTH_WAYS_ERROR = "Either choose items or set a filter, not both. Clear one of them."


def _chosen_block(model: str, label: str, help_text: str) -> blocks.ListBlock:
    return blocks.ListBlock(
        SnippetChooserBlock(model), default=[], label=label, help_text=help_text
    )


def _audience_block(item: str) -> blocks.ChoiceBlock:
    return blocks.ChoiceBlock(
        choices=AUDIENCE_FILTER_CHOICES,
        required=False,
        help_text=f"Show every published {item} for this audience. Leave empty for all audiences.",
    )


class ChosenOrFilteredListBlock(blocks.StructBlock):
    """Abstract base: a heading, then the chosen items or the items matching the filters.

    A subclass declares its chosen-items `ListBlock` (named by `chosen_name`) and its filter
    blocks (named in `filters`, each with the condition it adds), and says what the public may
    see (`published`), which chosen items survive (`shown_from_chosen`) and what its template
    receives under `context_name` (`for_template`).
    """

    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional heading shown above the list (a main heading, h2).",
    )

    chosen_name: str
    context_name: str
    filters: dict[str, Callable[[Any], Q]] = {"audience": audience_q}

    def clean(self, value):
        value = super().clean(value)
        if value.get(self.chosen_name) and any(value.get(name) for name in self.filters):
            raise StructBlockValidationError(
                block_errors={self.chosen_name: ValidationError(BOTH_WAYS_ERROR)}
            )
        return value

    def published(self) -> QuerySet:
        raise NotImplementedError

    def shown_from_chosen(self, chosen: list) -> list:
        """The chosen items the public may see, in the editor's order."""
        raise NotImplementedError

    def items_for(self, value) -> list:
        chosen = [item for item in value.get(self.chosen_name) or [] if item is not None]
        if chosen:
            return self.shown_from_chosen(chosen)
        queryset = self.published()
        for name, condition in self.filters.items():
            if value.get(name):
                queryset = queryset.filter(condition(value[name]))
        return list(queryset)

    def for_template(self, items: list) -> list:
        return items

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context[self.context_name] = self.for_template(self.items_for(value))
        return context


class ResourceListBlock(ChosenOrFilteredListBlock):
    resources = _chosen_block(
        "resources.ResourceLink",
        label="Chosen links",
        help_text="Choose links to show, in this order. Leave empty to use the filter below "
        "instead. Drafts and links without a web address are never shown.",
    )
    audience = _audience_block("link")
    topic = SnippetChooserBlock(
        "resources.Topic",
        required=False,
        help_text="Show only links about this topic. Leave empty for all topics.",
    )

    chosen_name = "resources"
    context_name = "resources"
    filters = {"audience": audience_q, "topic": lambda topic: Q(topics=topic)}

    class Meta:
        icon = "link"
        label = "Useful links list"
        template = "components/blocks/resource_list.html"
        help_text = (
            "Lists useful links with their organisation and summary: either the ones you choose, "
            "or every published link for an audience and/or topic."
        )
        description = "A list of useful links from other organisations, chosen or filtered."
        preview_value = {"heading": "Find out more", "resources": [], "audience": "parents"}
        preview_template = PREVIEW_TEMPLATE

    def published(self) -> QuerySet:
        return ResourceLink.objects.live()

    def shown_from_chosen(self, chosen: list[ResourceLink]) -> list[ResourceLink]:
        # Already loaded with the StreamField: no query needed.
        return [resource for resource in chosen if resource.is_public]


class PosterListBlock(ChosenOrFilteredListBlock):
    posters = _chosen_block(
        "resources.Poster",
        label="Chosen posters",
        help_text="Choose posters to show, in this order. Leave empty to show every published "
        "poster for the audience below. Drafts are never shown.",
    )
    audience = _audience_block("poster")

    chosen_name = "posters"
    context_name = "posters"

    class Meta:
        icon = "doc-full"
        label = "Posters list"
        template = "components/blocks/poster_list.html"
        help_text = (
            "Shows posters with a preview, summary and PDF download link: either the ones you "
            "choose, or every published poster for an audience."
        )
        description = "Babies First posters with previews and download links."
        preview_value = {"heading": "Babies First posters", "posters": [], "audience": "parents"}
        preview_template = PREVIEW_TEMPLATE

    def published(self) -> QuerySet:
        return Poster.objects.live().for_cards()

    def shown_from_chosen(self, chosen: list[Poster]) -> list[Poster]:
        # Loaded again with what a card needs (document, preview renditions) in bulk.
        chosen_ids = [poster.pk for poster in chosen]
        by_id = {poster.pk: poster for poster in self.published().filter(pk__in=chosen_ids)}
        return [by_id[pk] for pk in dict.fromkeys(chosen_ids) if pk in by_id]

    def for_template(self, items: list[Poster]) -> list[dict]:
        return [poster.card() for poster in items]
