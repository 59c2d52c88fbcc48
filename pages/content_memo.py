"""What public pages work out from the content, kept in this process until the content changes.

The site, the routes to pages, the site chrome and the parts of pages that every request would
otherwise fetch afresh are computed once per content generation and kept here. The generation
(``caching.generation``) changes on every server whenever public content changes, so a value kept
here is never older than the content. A request reads the generation once; a hit is then a
dictionary lookup, with no cache round trip and no query.

Only values that depend on the content alone belong here, never on the visitor, and only values
nobody changes after computing them: threads of one process share them. ``CONTENT_MEMO_ENABLED``
turns the memo off (the in-process tests, whose transactions never commit, so never change the
generation); values are then kept for one request only (computed every time without one).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.http import HttpRequest

from caching.generation import current_generation

T = TypeVar("T")

# Values kept per generation: far more than the site's pages, routes and fragments, and a bound
# on what an endless variety of addresses could make this process hold.
MAX_ENTRIES = 5000
_REQUEST_ATTRIBUTE = "_content_generation"
_REQUEST_VALUES_ATTRIBUTE = "_content_memo_values"


def request_generation(request: HttpRequest | None) -> int:
    """The content generation, read once per request (every memo lookup in it agrees)."""
    if request is None:
        return current_generation()
    generation: int | None = getattr(request, _REQUEST_ATTRIBUTE, None)
    if generation is None:
        generation = current_generation()
        setattr(request, _REQUEST_ATTRIBUTE, generation)
    return generation


class ContentMemo:
    """Values keyed by anything hashable, all dropped together when the generation changes."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        # One tuple, replaced whole, so a thread never stores a value under another generation.
        self._state: tuple[int | None, dict[Hashable, object]] = (None, {})

    def get(
        self,
        request: HttpRequest | None,
        key: Hashable,
        compute: Callable[[], T],
        keep: Callable[[T], bool] | None = None,
    ) -> T:
        """The value kept for `key` in this generation, or `compute()`'s, kept for next time
        (unless `keep` says otherwise of it)."""
        if not settings.CONTENT_MEMO_ENABLED:
            return _for_one_request(request, key, compute)
        generation = request_generation(request)
        state = self._state
        if state[0] != generation:
            state = (generation, {})
            self._state = state
        values = state[1]
        try:
            return values[key]  # type: ignore[return-value]
        except KeyError:
            pass
        value = compute()
        if keep is not None and not keep(value):
            return value
        if len(values) >= self.max_entries:
            values.clear()
        values[key] = value
        return value

    def clear(self) -> None:
        self._state = (None, {})


def _for_one_request(request: HttpRequest | None, key: Hashable, compute: Callable[[], T]) -> T:
    if request is None:
        return compute()
    values: dict[Hashable, object] | None = getattr(request, _REQUEST_VALUES_ATTRIBUTE, None)
    if values is None:
        values = {}
        setattr(request, _REQUEST_VALUES_ATTRIBUTE, values)
    if key not in values:
        values[key] = compute()
    return values[key]  # type: ignore[return-value]


content_memo = ContentMemo()
