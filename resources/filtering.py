"""Audience and topic filters for the useful links and poster library pages.

Filters are read from the query string (`?audience=professionals&topic=training`), so they
work as plain links without JavaScript and can be shared. Unknown or malformed values are
ignored: any query string gives a page. Each filter runs a fixed number of queries however
many items there are.

`queryset` is everything the filters select, unevaluated; the listing page counts it and shows
one page of it (`show_page`), so a long list costs no more than a short one. `groups` and
`clear_url` have the shape `components/filter_links.html` documents; `items` is what
`list_template` (a list component taking `items` and `heading_level`) shows.

Values that depend on the content alone (the topics and their counts) are read through `keep`,
which the caller may give to hold them until the content changes (the pages app passes its
content memo); by default they are read afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page
from django.db.models import Count, QuerySet

from resources.choices import AUDIENCE_PHRASES, FILTER_AUDIENCES, audience_q
from resources.models import Poster, ResourceLink, Topic
from resources.models.links import public_q

# keep(key, compute): the value kept under `key`, or compute()'s.
Keep = Callable[[Hashable, Callable[[], Any]], Any]


def _compute(_key: Hashable, compute: Callable[[], Any]) -> Any:
    return compute()


def _param(params: Mapping, name: str) -> str:
    value = params.get(name, "")
    return value.strip() if isinstance(value, str) else ""


class _AudienceFilter:
    singular = "item"
    plural = "items"
    list_template: str

    def __init__(self, params_or_request, base_url: str | None = None, keep: Keep = _compute):
        """`params_or_request`: `request.GET` (or any mapping), or the request itself, in
        which case links are built on `request.path`. `keep`: see the module's docstring."""
        self.keep = keep
        if hasattr(params_or_request, "GET"):
            params = params_or_request.GET
            base_url = params_or_request.path if base_url is None else base_url
        else:
            params = params_or_request
        self.base_url = base_url or ""
        requested = _param(params, "audience")
        self.audience: str | None = requested if requested in FILTER_AUDIENCES else None

    # Query-string building --------------------------------------------------------------------

    def filter_values(self) -> dict[str, str | None]:
        return {"audience": self.audience}

    def url_for(self, **changes: str | None) -> str:
        values = {**self.filter_values(), **changes}
        query = urlencode([(name, value) for name, value in values.items() if value])
        return f"{self.base_url}?{query}" if query else (self.base_url or "?")

    @property
    def is_filtered(self) -> bool:
        return any(self.filter_values().values())

    @property
    def clear_url(self) -> str:
        return self.url_for(**dict.fromkeys(self.filter_values())) if self.is_filtered else ""

    def _audience_group(self) -> dict:
        options = [
            {"label": "All", "url": self.url_for(audience=None), "selected": not self.audience}
        ]
        options += [
            {
                "label": audience.label,
                "url": self.url_for(audience=audience.value),
                "selected": self.audience == audience.value,
            }
            for audience in FILTER_AUDIENCES
        ]
        return {"label": "Who it is for", "options": options}

    @property
    def groups(self) -> list[dict]:
        return [self._audience_group()]

    # Results and their description -----------------------------------------------------------

    # The positions of the first and last item shown, when only some are (one page of many).
    shown_range: tuple[int, int] | None = None

    @cached_property
    def queryset(self) -> QuerySet:
        """Every item the filters select (not evaluated)."""
        raise NotImplementedError

    @cached_property
    def results(self) -> list:
        """The items shown: all of them, or the page given to `show_page`."""
        return list(self.queryset)

    @cached_property
    def count(self) -> int:
        """How many items the filters select (on every page)."""
        return len(self.results)

    def show_page(self, page: Page) -> None:
        """Show one page of `queryset` (a `django.core.paginator.Page` of it)."""
        self.results = list(page.object_list)
        self.count = page.paginator.count
        if page.paginator.num_pages > 1:
            self.shown_range = (page.start_index(), page.end_index())

    @property
    def items(self) -> list:
        """The results as `list_template` shows them."""
        return self.results

    def _qualifiers(self) -> list[str]:
        return [f"for {AUDIENCE_PHRASES[self.audience]}"] if self.audience else []

    @property
    def active_description(self) -> str:
        """For example 'Showing 4 links for professionals about training', or on one page of
        several 'Showing 21 to 40 of 141 links about training'."""
        count = self.count
        noun = self.singular if count == 1 else self.plural
        qualifiers = " ".join(self._qualifiers())
        if count == 0:
            return f"No {self.plural} {qualifiers}".strip() if qualifiers else f"No {noun} yet"
        if self.shown_range:
            first, last = self.shown_range
            return f"Showing {first} to {last} of {count} {noun} {qualifiers}".strip()
        if not qualifiers:
            return f"Showing all {count} {noun}" if count > 1 else f"Showing {count} {noun}"
        return f"Showing {count} {noun} {qualifiers}"

    @property
    def filter_links_context(self) -> dict:
        """Context for `{% include "components/filter_links.html" with ... only %}`."""
        return {"groups": self.groups, "clear_url": self.clear_url}


class ResourceFilter(_AudienceFilter):
    """Published useful links, filtered by audience and topic."""

    singular = "link"
    plural = "links"
    list_template = "components/resource_list.html"

    def __init__(self, params_or_request, base_url: str | None = None, keep: Keep = _compute):
        super().__init__(params_or_request, base_url, keep)
        params = getattr(params_or_request, "GET", params_or_request)
        requested = _param(params, "topic")
        self.topic: Topic | None = next(
            (topic for topic in self.topics if topic.slug == requested), None
        )

    @cached_property
    def topics(self) -> list[Topic]:
        """Every topic, with how many published links each has (one query, or none when kept)."""
        return self.keep(("resource-filter-topics",), self._counted_topics)

    @staticmethod
    def _counted_topics() -> list[Topic]:
        live_links = public_q("resources__")
        # Explicit order: Django ignores Meta.ordering in aggregate (GROUP BY) queries.
        counted = Topic.objects.annotate(live_count=Count("resources", filter=live_links))
        return list(counted.order_by("sort_order", "name"))

    def filter_values(self) -> dict[str, str | None]:
        return {"audience": self.audience, "topic": self.topic.slug if self.topic else None}

    @property
    def groups(self) -> list[dict]:
        options = [
            {"label": "All topics", "url": self.url_for(topic=None), "selected": not self.topic}
        ]
        options += [
            {
                "label": topic.name,
                "url": self.url_for(topic=topic.slug),
                "selected": topic == self.topic,
            }
            for topic in self.topics
            if getattr(topic, "live_count", 0) or topic == self.topic  # annotated in `topics`
        ]
        return [self._audience_group(), {"label": "Topic", "options": options}]

    @cached_property
    def queryset(self) -> QuerySet[ResourceLink]:
        queryset = ResourceLink.objects.live()
        if self.audience:
            queryset = queryset.filter(audience_q(self.audience))
        if self.topic:
            queryset = queryset.filter(topics=self.topic)
        return queryset.order_by("title", "pk")  # the pk keeps pages apart when titles tie

    def _qualifiers(self) -> list[str]:
        qualifiers = super()._qualifiers()
        if self.topic:
            qualifiers.append(f"about {self.topic.phrase}")
        return qualifiers


class PosterFilter(_AudienceFilter):
    """Published posters, filtered by audience."""

    singular = "poster"
    plural = "posters"
    list_template = "components/poster_list.html"

    @cached_property
    def queryset(self) -> QuerySet[Poster]:
        queryset = Poster.objects.live().for_cards()
        if self.audience:
            queryset = queryset.filter(audience_q(self.audience))
        return queryset.order_by("title", "pk")

    @cached_property
    def items(self) -> list[dict]:
        """The results as `components/poster_list.html` cards."""
        return [poster.card() for poster in self.results]
