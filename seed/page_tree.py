"""Creates the page tree described by `content/home.yaml` and `content/pages/`.

A page file is `content/pages/<slug path>.yaml`; its children are listed, in menu order, under
`children:` in its parent's file (the home page's in `content/home.yaml`). Only missing pages
are created (found by slug path), each published with a revision as an editor would; pages that
exist are never changed. Page links and relations are resolved once every page exists.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wagtail.models import Page

from seed.content_files import ContentFolder, model_for
from seed.errors import SeedContentError, reported_as
from seed.values import FieldValues, apply

# Keys of a page file that are not fields of the page.
STRUCTURE_KEYS = ("type", "children")


def one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@dataclass
class _NewPage:
    page: Page
    model: type[Page]
    fields: dict[str, Any]
    source: str


class PageTree:
    def __init__(
        self, folder: ContentFolder, home: Page, values: FieldValues, today: datetime.date
    ):
        self.folder = folder
        self.home = home
        self.values = values
        self.today = today
        self._new: list[_NewPage] = []
        self._read: set[Path] = set()

    def write(self, home_children: list[str], home_source: str) -> list[Page]:
        """Create every missing page, then fill in and publish the new ones."""
        self._ensure_children(self.home, Path("pages"), home_children, home_source)
        self._check_every_file_is_listed()
        for new in self._new:
            with reported_as(new.source):
                apply(new.page, self.values.convert(new.model, new.fields))
                new.page.save_revision().publish()
        return [new.page for new in self._new]

    def _ensure_children(self, parent: Page, folder: Path, slugs: Any, source: str) -> None:
        if not isinstance(slugs, list):
            raise SeedContentError(f"{source}: children: expected a list of slugs")
        for slug in slugs:
            self._ensure(parent, folder / f"{slug}.yaml", str(slug))

    def _ensure(self, parent: Page, path: Path, slug: str) -> None:
        source = self.folder.label(self.folder.root / path)
        data = self.folder.read(path)
        self._read.add(path)
        with reported_as(source):
            page = parent.get_children().filter(slug=slug).first()
            if page is None:
                page = self._create_draft(parent, data, slug, source)
        self._ensure_children(page, path.with_suffix(""), data.get("children", []), source)

    def _create_draft(self, parent: Page, data: dict, slug: str, source: str) -> Page:
        model = model_for(data.get("type"))
        if model not in parent.specific_class.allowed_subpage_models():
            raise SeedContentError(
                f"a {model._meta.label} page cannot go under '{parent.title}' ({type(parent.specific).__name__})"
            )
        fields = {key: value for key, value in data.items() if key not in STRUCTURE_KEYS}
        page = model(
            slug=slug,
            last_reviewed=self.today,
            next_review_due=one_year_after(self.today),
            live=False,
        )
        apply(page, self.values.convert(model, fields, resolve=False))
        parent.add_child(instance=page)
        self._new.append(_NewPage(page, model, fields, source))
        return page

    def _check_every_file_is_listed(self) -> None:
        for path in sorted((self.folder.root / "pages").rglob("*.yaml")):
            if path.relative_to(self.folder.root) not in self._read:
                raise SeedContentError(
                    f"{self.folder.label(path)} is not listed in its parent's `children:`"
                )
