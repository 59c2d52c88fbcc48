"""Finds what seed content refers to: pages by slug path, everything else by its key."""

from __future__ import annotations

from django.db import models
from wagtail.models import Page

from seed.errors import SeedContentError

# The field that names an object in seed files: the first of these the model has.
KEY_FIELDS = ("seed_key", "slug", "name", "title")


def key_field(model: type[models.Model]) -> str:
    names = {field.name for field in model._meta.get_fields()}
    for name in KEY_FIELDS:
        if name in names:
            return name
    raise SeedContentError(f"{model._meta.label} has none of {', '.join(KEY_FIELDS)} to refer by")


class References:
    """Looks up pages below `home` and other objects by key, failing loudly when missing."""

    def __init__(self, home: Page):
        self.home = home

    def page(self, path: str) -> Page:
        """A page by its slug path below the home page, e.g. 'parents/crying-and-comforting'."""
        url_path = f"{self.home.url_path}{path.strip('/')}/"
        page = Page.objects.descendant_of(self.home).filter(url_path=url_path).first()
        if page is None:
            raise SeedContentError(f"links to '{path}', but there is no page at that slug path")
        return page

    def object(self, model: type[models.Model], key: str) -> models.Model:
        if issubclass(model, Page):
            return self.page(key)
        field = key_field(model)
        found = model._default_manager.filter(**{field: key}).first()
        if found is None:
            raise SeedContentError(
                f"refers to {model._meta.verbose_name} '{key}' ({field}), which does not exist"
            )
        return found
