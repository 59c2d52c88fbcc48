"""A contact detail inside rich text: the team's email address or phone number, stored as a
reference and filled in from Service settings whenever the text is shown.

Stored as `<embed embedtype="contact_detail" detail="email"/>` (Wagtail's embed entities); in the
editor it is an immutable token ("team email address") that the toolbar's buttons insert; on the
site it becomes a mailto: or tel: link with the current value, or nothing if that detail is empty
in Service settings. Wagtail renders rich text without the request, so the values are the default
site's settings (this project has one site), read once per piece of rich text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.contentstate_models import Entity, EntityRange
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    FORCE_WHITESPACE,
    KEEP_WHITESPACE,
    add_paragraph_block,
)
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.rich_text import EmbedHandler, FeatureRegistry

from pages.contact_details import contact_details

EMBED_TYPE = "contact_detail"
JS = "pages/js/contact_detail_entity.js"


@dataclass(frozen=True)
class Detail:
    """One detail an editor can insert: its feature name, Draftail entity type and token text."""

    name: str
    feature: str
    entity_type: str
    token: str
    description: str


DETAILS = (
    Detail(
        "email",
        "team-email",
        "TEAM_EMAIL",
        "team email address",
        "Insert the team's email address (from Service settings)",
    ),
    Detail(
        "phone",
        "team-phone",
        "TEAM_PHONE",
        "team phone number",
        "Insert the team's phone number (from Service settings)",
    ),
)
BY_NAME = {detail.name: detail for detail in DETAILS}


class ContactDetailEmbedHandler(EmbedHandler):
    """Rendering: the current value as a link, looked up once per piece of rich text."""

    identifier = EMBED_TYPE

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        details = contact_details(None, list(BY_NAME))
        rendered: list[str] = []
        for attrs in attrs_list:
            if attrs.get("detail") == "email" and details.email:
                rendered.append(format_html('<a href="mailto:{0}">{0}</a>', details.email))
            elif attrs.get("detail") == "phone" and details.phone:
                rendered.append(
                    format_html('<a href="{}">{}</a>', details.phone_href, details.phone)
                )
            else:
                rendered.append("")
        return rendered

    @classmethod
    def expand_db_attributes(cls, attrs: dict) -> str:
        return cls.expand_db_attributes_many([attrs])[0]


class ContactDetailElementHandler:
    """Database HTML → editor: the embed becomes an immutable token carrying its detail (after
    Wagtail's InlineEntityElementHandler, but the entity type depends on the `detail`)."""

    def handle_starttag(self, name, attrs, state, contentstate):
        detail = BY_NAME.get(dict(attrs).get("detail", ""), DETAILS[0])
        if state.current_block is None:
            add_paragraph_block(state, contentstate)
        if state.leading_whitespace == FORCE_WHITESPACE:
            state.current_block.text += " "
        entity = Entity(detail.entity_type, "IMMUTABLE", {"detail": detail.name})
        entity_range = EntityRange(contentstate.add_entity(entity))
        entity_range.offset = len(state.current_block.text)
        state.current_block.text += detail.token
        entity_range.length = len(detail.token)
        state.current_block.entity_ranges.append(entity_range)
        state.leading_whitespace = KEEP_WHITESPACE

    def handle_endtag(self, name, state, contentstate):
        pass


def _entity_decorator(detail: Detail):
    """Editor → database HTML: the token becomes the embed again (its text is not stored)."""

    def decorate(props):
        return DOM.create_element("embed", {"embedtype": EMBED_TYPE, "detail": detail.name})

    return decorate


def register_contact_detail_features(features: FeatureRegistry) -> None:
    """The `register_rich_text_features` hook's work: editor buttons, conversion, rendering."""
    features.register_embed_type(ContactDetailEmbedHandler)
    for detail in DETAILS:
        features.register_editor_plugin(
            "draftail",
            detail.feature,
            draftail_features.EntityFeature(
                {
                    "type": detail.entity_type,
                    "icon": "mail" if detail.name == "email" else "mobile-alt",
                    "description": detail.description,
                    "token": detail.token,
                },
                js=[JS],
            ),
        )
        features.register_converter_rule(
            "contentstate",
            detail.feature,
            {
                "from_database_format": {
                    f'embed[embedtype="{EMBED_TYPE}"]': ContactDetailElementHandler()
                },
                "to_database_format": {
                    "entity_decorators": {detail.entity_type: _entity_decorator(detail)}
                },
            },
        )
