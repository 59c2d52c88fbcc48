"""Writes seed pages into the tree: creates only what is missing, and publishes each new page
with a revision, exactly as an editor would. Existing pages are never changed."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from wagtail.models import Page

from pages.seed.spec import PageSpec

_PAGE_LINK = re.compile(r'<a data-page="(?P<path>[^"]+)">(?P<label>.*?)</a>', re.DOTALL)


def one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@dataclass
class _Created:
    page: Page
    spec: PageSpec


class PageTreeWriter:
    """Creates the pages in `specs` under `home`, keyed by slug."""

    def __init__(self, home: Page, today: datetime.date):
        self.home = home
        self.today = today
        self.created: list[_Created] = []
        self._pages_by_path: dict[str, Page | None] = {}

    # Public -------------------------------------------------------------------------------------

    def write(self, specs: Iterable[PageSpec]) -> list[Page]:
        """Create every missing page, then resolve links between them and publish the new ones."""
        for spec in specs:
            self._ensure(self.home, spec)
        for created in self.created:
            self._fill_and_publish(created)
        return [created.page for created in self.created]

    def find(self, path: str) -> Page | None:
        """A page by its slug path below the home page, e.g. 'parents/crying-and-comforting'."""
        if path not in self._pages_by_path:
            url_path = f"{self.home.url_path}{path.strip('/')}/"
            self._pages_by_path[path] = (
                Page.objects.descendant_of(self.home).filter(url_path=url_path).first()
            )
        return self._pages_by_path[path]

    def resolve_links(self, value: Any) -> Any:
        """Turn `<a data-page="path">` into Wagtail page links (or plain text if the page is gone)
        anywhere in a string, list, tuple or dict."""
        if isinstance(value, str):
            return _PAGE_LINK.sub(self._page_link, value)
        if isinstance(value, dict):
            return {key: self.resolve_links(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.resolve_links(item) for item in value)
        return value

    # Steps --------------------------------------------------------------------------------------

    def _page_link(self, match: re.Match) -> str:
        page = self.find(match["path"])
        if page is None:
            return match["label"]
        return f'<a linktype="page" id="{page.pk}">{match["label"]}</a>'

    def _ensure(self, parent: Page, spec: PageSpec) -> None:
        try:
            model = apps.get_model(spec.model)
        except LookupError:
            return  # an optional page type that is not installed
        page = parent.get_children().filter(slug=spec.slug).first()
        if page is None:
            if model not in parent.specific_class.allowed_subpage_models():
                return
            page = self._create_draft(parent, model, spec)
            self.created.append(_Created(page, spec))
        for child in spec.children:
            self._ensure(page, child)

    def _create_draft(self, parent: Page, model: type[Page], spec: PageSpec) -> Page:
        page = model(
            title=spec.title,
            slug=spec.slug,
            summary=spec.summary,
            show_in_menus=spec.show_in_menus,
            last_reviewed=self.today,
            next_review_due=one_year_after(self.today),
            live=False,
            **spec.fields,
        )
        if spec.body:
            page.body = _raw_stream(spec.body)
        parent.add_child(instance=page)
        self._pages_by_path.clear()
        return page

    def _fill_and_publish(self, created: _Created) -> None:
        page, spec = created.page, created.spec
        for name, value in spec.fields.items():
            setattr(page, name, self.resolve_links(value))
        if spec.body:
            page.body = _raw_stream(self.resolve_links(spec.body))
        page.save_revision().publish()


def _raw_stream(blocks: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    return [{"type": name, "value": value} for name, value in blocks]
