"""Turns the YAML of a seed file into model field values, through the fields' own validation.

StreamField content goes through its block's `to_python` then `clean`, exactly as an editor's
input does, so a disallowed video address or an image block with no image fails here, with the
block's position. Rich text is Markdown (see `seed.markdown`); a relation is written as the
other object's key (`seed.references`), a document as a file path below the content folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.db import models
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField

from seed.errors import SeedContentError, describe_block_error
from seed.markdown import link_pages, rich_text_html
from seed.references import References


def model_field(model: type[models.Model], name: str) -> models.Field:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        raise SeedContentError(f"{model._meta.label} has no field '{name}'") from None
    if not isinstance(field, models.Field):  # a reverse relation: set from the other side
        raise SeedContentError(f"{model._meta.label}.{name} is not a field a seed file can set")
    return field


def apply(instance: models.Model, values: dict[str, Any]) -> None:
    """Set converted values on an unsaved or saved instance (many-to-many through `.set()`)."""
    for name, value in values.items():
        if instance._meta.get_field(name).many_to_many:
            getattr(instance, name).set(value)
        else:
            setattr(instance, name, value)


class FieldValues:
    def __init__(self, references: References, content_dir: Path):
        self.references = references
        self.content_dir = content_dir

    def convert(
        self, model: type[models.Model], data: dict[str, Any], *, resolve: bool = True
    ) -> dict[str, Any]:
        """Field values for `data`. With `resolve=False`, only what needs no other object:
        relations and StreamFields are left out and page links in rich text stay unresolved."""
        values = {}
        for name, raw in data.items():
            field = model_field(model, name)
            needs_others = field.is_relation or isinstance(field, StreamField)
            if needs_others and not resolve:
                continue
            values[name] = self._field_value(field, raw, data, resolve=resolve)
        return values

    def _field_value(self, field: models.Field, raw: Any, data: dict, *, resolve: bool) -> Any:
        if raw is None:
            return None
        if isinstance(field, StreamField):
            return self.stream(field.stream_block, raw, field.name)
        if isinstance(field, RichTextField):
            return self.rich_text(raw, resolve=resolve)
        related = field.related_model if isinstance(field.related_model, type) else None
        if related is None:
            return raw
        if field.many_to_many:
            return [self.references.object(related, key) for key in raw]
        if issubclass(related, get_document_model()):
            return self._document(raw, title=data.get("title") or Path(raw).stem)
        return self.references.object(related, raw)

    def rich_text(self, text: str, *, resolve: bool = True) -> str:
        html = rich_text_html(text)
        return link_pages(html, self.references.page) if resolve else html

    def stream(self, block: blocks.StreamBlock, data: Any, where: str) -> Any:
        """A validated StreamValue for a YAML list of `- block_name: value` items."""
        raw = self._block_raw(block, data, where)
        try:
            return block.clean(block.to_python(raw))
        except ValidationError as error:
            raise SeedContentError(describe_block_error(error, raw, where)) from error

    def _block_raw(self, block: blocks.Block, data: Any, where: str) -> Any:
        """The raw (stored) form of `data` for `block`, with Markdown and keys resolved."""
        if data is None:
            return None
        if isinstance(block, blocks.StreamBlock):
            return [
                self._stream_child(block, item, f"{where} > block {position}")
                for position, item in enumerate(_expect(list, data, where), start=1)
            ]
        if isinstance(block, blocks.StructBlock):
            unknown = set(_expect(dict, data, where)) - set(block.child_blocks)
            if unknown:
                raise SeedContentError(
                    f"{where}: unknown field(s) {', '.join(sorted(unknown))}; "
                    f"this block has {', '.join(block.child_blocks)}"
                )
            return {
                name: self._block_raw(block.child_blocks[name], value, f"{where} > {name}")
                for name, value in data.items()
            }
        if isinstance(block, blocks.ListBlock):
            return [
                self._block_raw(block.child_block, item, f"{where} > item {position}")
                for position, item in enumerate(_expect(list, data, where), start=1)
            ]
        if isinstance(block, blocks.RichTextBlock):
            return self.rich_text(data)
        if isinstance(block, blocks.ChooserBlock):
            return self.references.object(block.target_model, data).pk
        return data

    def _stream_child(self, block: blocks.StreamBlock, item: Any, where: str) -> dict[str, Any]:
        if not (isinstance(item, dict) and len(item) == 1):
            raise SeedContentError(f"{where}: write each block as `- block_name: value`")
        [(name, value)] = item.items()
        if name not in block.child_blocks:
            raise SeedContentError(
                f"{where}: unknown block '{name}'; the blocks are {', '.join(block.child_blocks)}"
            )
        return {
            "type": name,
            "value": self._block_raw(block.child_blocks[name], value, f"{where} ({name})"),
        }

    def _document(self, relative_path: str, title: str) -> models.Model:
        path = self.content_dir / relative_path
        if not path.is_file():
            raise SeedContentError(f"no file {relative_path} in the content folder")
        data = path.read_bytes()
        document = get_document_model()(
            title=title,
            file=ContentFile(data, name=path.name),
            file_size=len(data),
            file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        )
        document.save()
        return document


def _expect(kind: type, data: Any, where: str) -> Any:
    if not isinstance(data, kind):
        raise SeedContentError(f"{where}: expected a {'list' if kind is list else 'mapping'}")
    return data
