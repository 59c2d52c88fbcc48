"""Creates snippets and other listed items (topics, useful links, posters, contact topics).

A collection file names its model (`type:`), the field that identifies an item (`key:`), and
optionally a field by which an item an editor made already counts as this one
(`also_matches:`, compared case-insensitively). Only missing items are created, in list order
(`sort_order` follows the list when the model has one); models with drafts and revisions are
saved with a revision and published, unless the item says `live: false`.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import DraftStateMixin, RevisionMixin

from seed.content_files import ContentFolder, model_for
from seed.errors import SeedContentError, reported_as
from seed.values import FieldValues, apply


def load_collection(folder: ContentFolder, name: str, values: FieldValues) -> int:
    """Create the file's missing items; returns how many were created."""
    data = folder.read(name)
    source = folder.label(folder.root / name)
    with reported_as(source):
        model = model_for(data.get("type"))
        key, also_matches = data.get("key"), data.get("also_matches")
        items = data.get("items")
        if not key or not isinstance(items, list):
            raise SeedContentError("needs `key:` and a list of `items:`")
    created = 0
    for position, item in enumerate(items, start=1):
        with reported_as(f"{source}, item {position}"):
            if not isinstance(item, dict) or not item.get(key):
                raise SeedContentError(f"each item needs its `{key}`")
            if _exists(model, key, item[key], also_matches, item.get(also_matches or "")):
                continue
            _create(model, item, position, values)
            created += 1
    return created


def _exists(model, key: str, key_value: Any, also_matches: str | None, also_value: Any) -> bool:
    manager = model._default_manager
    if manager.filter(**{key: key_value}).exists():
        return True
    return bool(also_value) and manager.filter(**{f"{also_matches}__iexact": also_value}).exists()


def _create(model, item: dict[str, Any], position: int, values: FieldValues) -> None:
    fields = dict(item)
    publish = fields.pop("live", True) is not False
    if "sort_order" in {field.name for field in model._meta.get_fields()}:
        fields.setdefault("sort_order", position * 10)
    instance = model()
    if isinstance(instance, DraftStateMixin):
        instance.live = False
    apply(instance, values.convert(model, fields))
    instance.full_clean()
    instance.save()
    if isinstance(instance, RevisionMixin):
        revision = instance.save_revision()
        if publish and isinstance(instance, DraftStateMixin):
            revision.publish()
