"""Loads the council's content from the `content/` folder into the site. Idempotent.

Order: the listed items pages refer to (topics, useful links, posters, contact topics) and the
search's crisis terms and synonyms, then the page tree, then the promoted search results (which
point at pages), then the fields of the home page and the service settings that are still empty.
Everything happens in one transaction: content that fails validation changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site

from seed.content_files import ContentFolder, model_for
from seed.errors import SeedContentError, reported_as
from seed.item_lists import load_collection
from seed.page_tree import STRUCTURE_KEYS, PageTree, one_year_after
from seed.references import References
from seed.search_promotions import load_promotions
from seed.values import FieldValues, apply, model_field

ITEM_FILES = (
    "topics.yaml",
    "useful-links.yaml",
    "posters.yaml",
    "contact-topics.yaml",
    "search-crisis-terms.yaml",
    "search-synonyms.yaml",
)
HOME_FILE = "home.yaml"
SETTINGS_FILE = "service-settings.yaml"


@dataclass(frozen=True)
class SeedReport:
    pages_created: int
    items_created: int


def find_home(folder: ContentFolder) -> Page | None:
    """The page `content/home.yaml` describes (made by `migrate`), or None before migrating."""
    data = folder.read(HOME_FILE)
    with reported_as(folder.label(folder.root / HOME_FILE)):
        return model_for(data.get("type"))._default_manager.first()


@transaction.atomic
def load_content(folder: ContentFolder, home: Page, today: datetime.date) -> SeedReport:
    references = References(home)
    values = FieldValues(references, folder.root)
    items_created = sum(load_collection(folder, name, values) for name in ITEM_FILES)

    home_data = folder.read(HOME_FILE)
    created = PageTree(folder, home, values, today).write(
        home_data.get("children", []), folder.label(folder.root / HOME_FILE)
    )

    items_created += load_promotions(folder, references)

    home = type(home)._default_manager.get(pk=home.pk)  # its tree fields changed
    if not home.has_unpublished_changes:  # an editor's draft: leave it alone
        home_fields = {
            "last_reviewed": today,
            "next_review_due": one_year_after(today),
            **{key: value for key, value in home_data.items() if key not in STRUCTURE_KEYS},
        }
        if _fill_empty(folder, HOME_FILE, home, home_fields, values):
            home.save_revision().publish()

    site = Site.objects.filter(root_page=home).first() or Site.objects.first()
    if site is not None:
        settings_data = dict(folder.read(SETTINGS_FILE))
        with reported_as(folder.label(folder.root / SETTINGS_FILE)):
            model = model_for(settings_data.pop("type", None))
            if not issubclass(model, BaseSiteSetting):
                raise SeedContentError(f"{model._meta.label} is not a site setting")
            settings_model: type[BaseSiteSetting] = model
            service_settings = settings_model.for_site(site)
        if _fill_empty(folder, SETTINGS_FILE, service_settings, settings_data, values):
            service_settings.full_clean()
            service_settings.save()
    return SeedReport(pages_created=len(created), items_created=items_created)


def _fill_empty(
    folder: ContentFolder,
    name: str,
    instance: models.Model,
    data: dict[str, Any],
    values: FieldValues,
) -> bool:
    """Set the fields of `instance` that are still empty from `data`; True if any were."""
    with reported_as(folder.label(folder.root / name)):
        empty = {
            key: value
            for key, value in data.items()
            if value not in (None, "", []) and _is_empty(instance, key)
        }
        apply(instance, values.convert(type(instance), empty))
    return bool(empty)


def _is_empty(instance: models.Model, name: str) -> bool:
    field = model_field(type(instance), name)
    if field.is_relation:
        return getattr(instance, field.attname) is None
    value = getattr(instance, name)
    return value is None or value == "" or (hasattr(value, "raw_data") and len(value) == 0)
