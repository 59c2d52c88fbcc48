"""StreamField blocks that list useful links and posters inside a page's body.

Only published items are shown. Each block loads what it shows in a fixed number of queries,
however many items there are (chosen snippets are loaded in bulk with the StreamField).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
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


def _heading_block() -> blocks.CharBlock:
    return blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional heading shown above the list (a main heading, h2).",
    )


def _audience_block(items: str) -> blocks.ChoiceBlock:
    return blocks.ChoiceBlock(
        choices=AUDIENCE_FILTER_CHOICES,
        required=False,
        help_text=f"Show every published {items} for this audience. Leave empty for all audiences.",
    )


class ResourceListBlock(blocks.StructBlock):
    heading = _heading_block()
    resources = blocks.ListBlock(
        SnippetChooserBlock("resources.ResourceLink"),
        default=[],
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

    def clean(self, value):
        value = super().clean(value)
        if value.get("resources") and (value.get("audience") or value.get("topic")):
            raise StructBlockValidationError(
                block_errors={"resources": ValidationError(BOTH_WAYS_ERROR)}
            )
        return value

    def resources_for(self, value) -> list[ResourceLink]:
        chosen = [resource for resource in value.get("resources") or [] if resource is not None]
        if chosen:
            return [resource for resource in chosen if resource.live and resource.url]
        queryset = ResourceLink.objects.live().exclude(url="")
        if value.get("audience"):
            queryset = queryset.filter(audience_q(value["audience"]))
        if value.get("topic") is not None:
            queryset = queryset.filter(topics=value["topic"])
        return list(queryset)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["resources"] = self.resources_for(value)
        return context


class PosterListBlock(blocks.StructBlock):
    heading = _heading_block()
    posters = blocks.ListBlock(
        SnippetChooserBlock("resources.Poster"),
        default=[],
        label="Chosen posters",
        help_text="Choose posters to show, in this order. Leave empty to show every published "
        "poster for the audience below. Drafts are never shown.",
    )
    audience = _audience_block("poster")

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

    def clean(self, value):
        value = super().clean(value)
        if value.get("posters") and value.get("audience"):
            raise StructBlockValidationError(
                block_errors={"posters": ValidationError(BOTH_WAYS_ERROR)}
            )
        return value

    def posters_for(self, value) -> list[Poster]:
        queryset = Poster.objects.live().for_cards()
        chosen_ids = [poster.pk for poster in value.get("posters") or [] if poster is not None]
        if chosen_ids:
            by_id = {poster.pk: poster for poster in queryset.filter(pk__in=chosen_ids)}
            return [by_id[pk] for pk in dict.fromkeys(chosen_ids) if pk in by_id]
        if value.get("audience"):
            queryset = queryset.filter(audience_q(value["audience"]))
        return list(queryset)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["posters"] = [poster.card() for poster in self.posters_for(value)]
        return context
