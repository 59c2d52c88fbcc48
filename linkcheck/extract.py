"""Find every external (http/https) web address the public site shows, and where.

One generic walk, by field and block type, with no per-page-type code: URL fields, rich text
(`<a href>` in RichTextField and RichTextBlock values) and StreamField values, through any
nesting of StreamBlock, StructBlock and ListBlock, with URLBlock and EmbedBlock values. It
covers every live page (of any type), every published snippet (drafts are not public) and every
site setting.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.db import models
from wagtail import blocks
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Page
from wagtail.rich_text import RichText
from wagtail.snippets.models import get_snippet_models

MAX_URL_LENGTH = 2000
SEPARATOR = " › "


@dataclass(frozen=True)
class FoundUrl:
    url: str
    instance: models.Model
    kind: str  # "Page", or the snippet's or setting's name
    field_label: str  # the field, then each block inside it, e.g. "Body, Tips list, Tips"


def is_external(url: str) -> bool:
    url = url.strip()
    return url.lower().startswith(("http://", "https://")) and len(url) <= MAX_URL_LENGTH


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def urls_in_rich_text(source: str) -> list[str]:
    """External addresses in rich text's stored HTML (internal links have no href there)."""
    collector = _LinkCollector()
    collector.feed(source or "")
    collector.close()
    return [href.strip() for href in collector.hrefs if is_external(href)]


def _label(block: blocks.Block) -> str:
    return str(block.label or (block.name or "").replace("_", " ").capitalize())


def urls_in_block_value(block: blocks.Block, value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(address, path) for every external address in one block's value, at any depth."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from urls_in_block_value(
                child.block, child.value, f"{path}{SEPARATOR}{_label(child.block)}"
            )
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from urls_in_block_value(block.child_block, item, path)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from urls_in_block_value(
                child_block, value.get(name), f"{path}{SEPARATOR}{_label(child_block)}"
            )
    elif isinstance(block, blocks.RichTextBlock):
        source = value.source if isinstance(value, RichText) else str(value)
        for url in urls_in_rich_text(source):
            yield url, path
    elif isinstance(block, EmbedBlock):
        url = getattr(value, "url", "") or ""
        if is_external(url):
            yield url.strip(), path
    elif isinstance(block, blocks.URLBlock) and isinstance(value, str) and is_external(value):
        yield value.strip(), path


def urls_in_instance(instance: models.Model) -> Iterator[tuple[str, str]]:
    """(address, field label) for every external address in an object's own fields."""
    for field in instance._meta.concrete_fields:
        label = str(field.verbose_name).capitalize()
        value = getattr(instance, field.attname, None)
        if isinstance(field, StreamField):
            yield from urls_in_block_value(field.stream_block, getattr(instance, field.name), label)
        elif isinstance(field, RichTextField):
            for url in urls_in_rich_text(value or ""):
                yield url, label
        elif isinstance(field, models.URLField) and value and is_external(value):
            yield value.strip(), label


def _found_in(objects: Iterable[models.Model], kind: str | None = None) -> Iterator[FoundUrl]:
    for instance in objects:
        name = kind or str(instance._meta.verbose_name).capitalize()
        for url, field_label in dict.fromkeys(urls_in_instance(instance)):
            yield FoundUrl(url, instance, name, field_label)


def public_objects() -> Iterator[tuple[Iterable[models.Model], str | None]]:
    """What the public can see, as (objects, kind): live pages, published snippets, settings."""
    yield Page.objects.live().specific().iterator(), "Page"
    for model in get_snippet_models():
        queryset = model._default_manager.all()
        if issubclass(model, DraftStateMixin):
            queryset = queryset.filter(live=True)
        yield queryset.iterator(), None
    for model in settings_registry:
        yield model.objects.all().iterator(), None


def find_external_urls() -> list[FoundUrl]:
    """Every use of an external address on the public site."""
    return [found for objects, kind in public_objects() for found in _found_in(objects, kind)]
