"""Page numbers for the listings (posters, useful links, section pages, search results).

A listing shows one page of its items, counted and sliced in the database by Django's
`Paginator`, and the GOV.UK pagination links below it (`components/pagination.html`). The page
number comes from `?page=`; a number that is not a whole number, or past the last page, is a
404, never a 500 and never a silent first page. No `?page=` (or an empty one) is page 1.
`MemoisedRows` keeps a listing's count and the pages read per content generation
(`pages.content_memo`), so a listing shown again before the content changes costs no query.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from pages.content_memo import content_memo

PAGE_PARAMETER = "page"
# Page numbers shown either side of the current one before an ellipsis.
NEIGHBOURS = 1


@dataclass(frozen=True)
class PageLink:
    """One item of the GOV.UK pagination list: a numbered link, or an ellipsis."""

    number: int | None
    url: str = ""
    current: bool = False

    @property
    def is_ellipsis(self) -> bool:
        return self.number is None


@dataclass(frozen=True)
class Pagination:
    """What `components/pagination.html` shows for one page of a listing."""

    page: Page
    items: list[PageLink]
    previous_url: str
    next_url: str

    @property
    def object_list(self) -> list[Any]:
        return list(self.page.object_list)

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def is_paginated(self) -> bool:
        return self.page.paginator.num_pages > 1


class SlicedRows(ABC):
    """What `paginate` (Django's `Paginator`) reads of a listing: `count()` and contiguous
    slices. Subclasses say how many rows there are and fetch the rows of one slice."""

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def rows(self, start: int, stop: int) -> list[Any]: ...

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Any]:
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("A listing is read in slices.")
        start, stop, _step = key.indices(self.count())
        return self.rows(start, stop)


class MemoisedRows(SlicedRows):
    """A listing's rows, each count and slice kept per content generation under `key` (the
    listing and its filters, or the search). `source` gives what is counted and sliced (a
    queryset, or other `SlicedRows`); it is only called on a miss: building some costs a query
    (`.public()` reads the view restrictions)."""

    def __init__(
        self,
        request: HttpRequest | None,
        key: Hashable,
        source: Callable[[], QuerySet | SlicedRows],
    ) -> None:
        self.request = request
        self.key = key
        self.source = source

    def count(self) -> int:
        return content_memo.get(self.request, (self.key, "count"), lambda: self.source().count())

    def rows(self, start: int, stop: int) -> list[Any]:
        return content_memo.get(
            self.request,
            (self.key, start, stop),
            lambda: list(self.source()[start:stop]),
        )


def requested_page_number(params: Mapping[str, Any]) -> str:
    """The raw `?page=` value ("1" when absent or empty)."""
    value = params.get(PAGE_PARAMETER, "")
    if not isinstance(value, str):
        return "1"
    return value.strip() or "1"


def page_url(base_url: str, filters: Mapping[str, str | None], number: int) -> str:
    """The address of page `number`, keeping the listing's filters (`/links/?topic=x&page=2`);
    page 1 carries no page number, so it is the same address as the unpaginated listing."""
    pairs = [(name, value) for name, value in filters.items() if value]
    if number > 1:
        pairs.append((PAGE_PARAMETER, str(number)))
    return f"{base_url}?{urlencode(pairs)}" if pairs else base_url or "?"


def paginate(
    object_list: Any,
    per_page: int,
    request: HttpRequest,
    filters: Mapping[str, str | None] | None = None,
) -> Pagination:
    """The requested page of `object_list` (a queryset, or anything with `count()` or `len()`
    and slicing), with links on `request.path` that keep `filters`. Raises Http404 for a page
    that does not exist."""
    paginator = Paginator(object_list, per_page, allow_empty_first_page=True)
    raw_number = requested_page_number(request.GET)
    try:
        page = paginator.page(raw_number)
    except InvalidPage as error:
        raise Http404(f"There is no page {raw_number[:20]!r} of this list.") from error
    link = partial(page_url, request.path, filters or {})
    return Pagination(
        page=page,
        items=_page_links(page, link),
        previous_url=link(page.previous_page_number()) if page.has_previous() else "",
        next_url=link(page.next_page_number()) if page.has_next() else "",
    )


def _page_links(page: Page, link: Callable[[int], str]) -> list[PageLink]:
    """First, last, current and neighbouring page numbers, with one ellipsis for each gap
    (the GOV.UK pattern: `1 … 4 [5] 6 … 10`)."""
    last = page.paginator.num_pages
    if last < 2:
        return []
    shown = {1, last, *range(page.number - NEIGHBOURS, page.number + NEIGHBOURS + 1)}
    links: list[PageLink] = []
    previous = 0
    for number in sorted(n for n in shown if 1 <= n <= last):
        if number - previous > 1:
            links.append(PageLink(number=None))
        links.append(PageLink(number=number, url=link(number), current=number == page.number))
        previous = number
    return links
