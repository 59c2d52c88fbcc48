"""Site search over pages, resource links and posters, with Wagtail's database backend.

Any input is safe: the query is cleaned of control characters (PostgreSQL refuses NUL bytes),
reduced to words, and capped in length before it reaches the search backend.

On top of the backend: editors' synonyms widen a query (a search for "PND" also looks for
"postnatal depression"), editors' promoted results for the query come first, and a query that
contains a crisis term is flagged so the page shows urgent help above everything else.
Visitors' queries are never stored: promotions are looked up, never created, and no hit counts
are kept.

Results page in the database: each kind (pages, useful links, posters) is one search through
Wagtail's backend, counted there, and `MergedResults` lays them end to end after the promoted
results, so a page of results costs a count per kind and one slice of the kinds it overlaps,
however many matches there are (see `MergedResults`). The count and each page read are kept in
this process until the content changes (`MemoisedRows`), as the listings' are: counting and
ranking every match is what grows with the content, and a popular search is asked again and
again between publishes. Like the search lookups above, they live in memory only, for one
content generation, and are never written anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, cast
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageQuerySet, Site, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import BaseSearchResults
from wagtail.search.query import Or, PlainText, SearchQuery
from wagtail.search.utils import get_descendants_content_types_pks, normalise_query_string

from pages.content_memo import content_memo
from pages.models.search_terms import CrisisSearchTerm, SearchSynonym
from pages.pagination import MemoisedRows, SlicedRows
from pages.search_matching import matching_phrases, tokens
from pages.search_ranking import IndexRanking, RankedSource, ranking_plan
from resources.choices import LinkStatus

MAX_QUERY_LENGTH = 100
MAX_SYNONYMS = 8  # alternatives added to one query, however many groups it matches

# What each result is, shown beside its title.
KIND_PAGE = "Page"
KIND_LINK = "Useful link (external)"
KIND_POSTER = "Poster (PDF)"
_NOT_A_WORD = re.compile(r"[^\w'’-]+")
# A document's download address (`/documents/<id>/<file name>`), for a promoted poster PDF.
_DOCUMENT_PATH = re.compile(r"^/documents/(\d+)/")


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    summary: str
    kind: str
    promoted: bool = False
    page_id: int | None = None  # a promoted page: not listed again among the pages found


@dataclass(frozen=True)
class SearchOutcome:
    """Everything the search page shows for one query."""

    query: str
    # Promoted results first, then pages, links and posters: `MergedResults`, kept.
    results: SlicedRows
    crisis: bool  # the query contains a crisis term: urgent help goes first
    synonyms: list[str]  # the other words searched for


def clean_query(raw: str) -> str:
    """What the visitor typed, safe to show and search: no control characters, capped."""
    text = "".join(
        " " if unicodedata.category(char)[0] in "CZ" and char != " " else char
        for char in raw[: MAX_QUERY_LENGTH * 4]
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_terms(query: str) -> str:
    """The words of a cleaned query, with punctuation the backend might parse removed."""
    return " ".join(_NOT_A_WORD.sub(" ", query).split())


def _backend_query(terms: str, synonyms: list[str]) -> str | SearchQuery:
    """The query for the backend: the visitor's words, or any of them and their synonyms."""
    alternatives = [words for words in map(search_terms, synonyms) if words]
    if not alternatives:
        return terms
    return Or([PlainText(terms), *(PlainText(words) for words in alternatives)])


def synonyms_for(query: str, groups: list[list[str]]) -> list[str]:
    """The other terms of every synonym group with a term in the query."""
    query_words = set(tokens(query))
    found: list[str] = []
    for group in groups:
        if matching_phrases(query, group):
            found.extend(
                term for term in group if not set(tokens(term)) <= query_words and term not in found
            )
    return found[:MAX_SYNONYMS]


def is_crisis_query(query: str, phrases: list[str]) -> bool:
    return bool(matching_phrases(query, phrases))


def visible_pages(site: Site | None, request: HttpRequest | None = None) -> PageQuerySet:
    """Live, public pages of this site (below the tree's root). Reuse the one queryset: the
    private sections it leaves out are read from the database (once per content generation
    with a `request`, else on every call)."""
    private = content_memo.get(request, ("private-pages-q",), Page.objects.all().private_q)
    pages = Page.objects.live().exclude(private).exclude(depth=1)
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages


def _promoted_results(query: str, synonyms: list[str], pages: PageQuerySet) -> list[SearchResult]:
    """The editors' picks for the query itself, then for its synonyms, each in their order."""
    own = {normalise_query_string(text) for text in (query, search_terms(query))}
    keys = own | {normalise_query_string(text) for text in synonyms}
    promotions = sorted(
        SearchPromotion.objects.filter(query__query_string__in=keys)
        .filter(Q(page__isnull=True) | Q(page__in=pages))
        .select_related("page", "query"),
        key=lambda pick: (
            pick.query.query_string not in own,
            pick.query.query_string,
            pick.sort_order or 0,
            pick.pk,
        ),
    )
    results: list[SearchResult] = []
    for promotion in promotions:
        page = promotion.page
        if page is not None:
            result = SearchResult(
                page.title,
                page.get_url() or "",
                promotion.description or page.search_description,
                KIND_PAGE,
                promoted=True,
                page_id=page.pk,
            )
        else:
            result = SearchResult(
                promotion.external_link_text or promotion.external_link_url,
                promotion.external_link_url,
                promotion.description,
                KIND_LINK,
                promoted=True,
            )
        if result.url and result.url not in {shown.url for shown in results}:
            results.append(result)
    return results


@dataclass(frozen=True)
class KindSearch:
    """The search for one kind of result (pages, useful links or posters): the rows that may
    be shown, the backend's search of them, and how to show some of them, by (content type, id)
    in order."""

    public: QuerySet
    found: BaseSearchResults
    show: Callable[[list[tuple[int, int]]], list[SearchResult]]

    def content_types(self) -> list[int]:
        return list(get_descendants_content_types_pks(self.public.model))


class ResultSource:
    """One kind of result through the search backend, counted and sliced in the database. It
    counts the same search without ranking: counting needs no scores, and scoring every match
    is the costly part."""

    def __init__(self, search: KindSearch, counted: BaseSearchResults):
        self.search = search
        self.counted = counted

    @cached_property
    def count(self) -> int:
        return self.counted.count()

    def slice(self, start: int, stop: int) -> list[SearchResult]:
        found = self.search.found[start:stop]
        return self.search.show([(getattr(item, "content_type_id", 0), item.pk) for item in found])


def _show_pages(rows: list[tuple[int, int]]) -> list[SearchResult]:
    """Pages as results, with their summaries: one query per page type on this slice, without
    the pages' bodies (StreamFields, the bulk of a page row). `rows`: (content type, id) of
    each page, in order."""
    ids_by_type: dict[int, list[int]] = {}
    for content_type_id, page_id in rows:
        ids_by_type.setdefault(content_type_id, []).append(page_id)
    by_id: dict[int, Page] = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not issubclass(model, Page):
            pages = Page.objects.filter(pk__in=ids).specific()
        else:
            pages = cast(PageQuerySet, model._default_manager.filter(pk__in=ids))
        by_id.update((page.pk, page) for page in pages.defer_streamfields())
    return [
        SearchResult(
            title=page.title,
            url=page.get_url() or "",
            summary=getattr(page, "summary", "") or page.search_description,
            kind=KIND_PAGE,
        )
        for page in (by_id.get(page_id) for _content_type_id, page_id in rows)
        if page is not None
    ]


def _in_order(public: QuerySet, rows: list[tuple[int, int]]) -> list[Any]:
    ids = [item_id for _content_type_id, item_id in rows]
    by_id = {item.pk: item for item in public.filter(pk__in=ids)}
    return [by_id[item_id] for item_id in ids if item_id in by_id]


def _show_links(public: QuerySet) -> Callable[[list[tuple[int, int]]], list[SearchResult]]:
    def show(rows: list[tuple[int, int]]) -> list[SearchResult]:
        return [
            SearchResult(title=link.title, url=link.url, summary=link.summary, kind=KIND_LINK)
            for link in _in_order(public, rows)
        ]

    return show


def _show_posters(public: QuerySet) -> Callable[[list[tuple[int, int]]], list[SearchResult]]:
    def show(rows: list[tuple[int, int]]) -> list[SearchResult]:
        results = []
        for poster in _in_order(public, rows):
            meta = poster.download_meta
            summary = f"{poster.summary} ({meta})" if meta else poster.summary
            results.append(
                SearchResult(
                    title=poster.title, url=poster.document.url, summary=summary, kind=KIND_POSTER
                )
            )
        return results

    return show


def _unsearchable_page_types() -> list[int]:
    """Content types of page models that are never search results (the search page)."""
    return [
        content_type.pk
        for model, content_type in ContentType.objects.get_for_models(
            *(m for m in get_page_models() if getattr(m, "exclude_from_search_results", False))
        ).items()
    ]


def _page_search(terms: str | SearchQuery, pages: PageQuerySet, promoted: list[SearchResult]):
    shown = pages.exclude(content_type__in=_unsearchable_page_types())
    promoted_ids = [result.page_id for result in promoted if result.page_id]
    if promoted_ids:
        shown = shown.exclude(id__in=promoted_ids)
    return KindSearch(shown, shown.search(terms), _show_pages)


def _link_search(terms: str | SearchQuery, promoted: list[SearchResult]) -> KindSearch:
    model = apps.get_model("resources", "ResourceLink")
    # Not `live()`: the search backend filters on indexed fields only.
    public = model.objects.filter(live=True).exclude(status=LinkStatus.BROKEN).exclude(url="")
    promoted_urls = [result.url for result in promoted]
    if promoted_urls:
        public = public.exclude(url__in=promoted_urls)
    return KindSearch(public, get_search_backend().search(terms, public), _show_links(public))


def _poster_search(terms: str | SearchQuery, promoted: list[SearchResult]) -> KindSearch:
    model = apps.get_model("resources", "Poster")
    public = model.objects.filter(live=True, document__isnull=False).select_related("document")
    promoted_documents = [
        int(match[1])
        for match in (_DOCUMENT_PATH.match(urlsplit(result.url).path) for result in promoted)
        if match
    ]
    if promoted_documents:
        public = public.exclude(document__in=promoted_documents)
    return KindSearch(public, get_search_backend().search(terms, public), _show_posters(public))


def _sources(
    request: HttpRequest | None,
    memo_key: Hashable,
    terms: str | SearchQuery,
    searches: list[KindSearch],
) -> list[Any]:
    """Each kind's results: ranked in SQLite's index when the backend is SQLite's (see
    `pages.search_ranking`; the plan kept per content generation under `memo_key`), else
    through the backend."""
    plan = content_memo.get(
        request,
        ("search-ranking-plan", memo_key),
        lambda: ranking_plan(
            [(kind.found, kind.public, kind.content_types()) for kind in searches]
        ),
    )
    if plan is not None:
        ranking = IndexRanking(plan)
        return [RankedSource(ranking, index, kind.show) for index, kind in enumerate(searches)]
    backend = get_search_backend()
    return [
        ResultSource(kind, backend.search(terms, kind.public, order_by_relevance=False))
        for kind in searches
    ]


class MergedResults(SlicedRows):
    """Promoted results, then pages, useful links and posters, as one list that Django's
    `Paginator` pages in the database: `count()` is one COUNT per kind, and a slice fetches
    only the kinds it overlaps (usually one query, a page of ten never more than three)."""

    def __init__(self, promoted: list[SearchResult], sources: list[ResultSource | RankedSource]):
        self.promoted = promoted
        self.sources = sources

    def count(self) -> int:
        return len(self.promoted) + sum(source.count for source in self.sources)

    def rows(self, start: int, stop: int) -> list[SearchResult]:
        shown = self.promoted[start:stop]
        offset = len(self.promoted)
        for source in self.sources:
            first, last = max(start - offset, 0), min(stop - offset, source.count)
            if first < last:
                shown.extend(source.slice(first, last))
            offset += source.count
        return shown

    def __iter__(self) -> Iterator[SearchResult]:
        return iter(self[:])


def _query_words(request: HttpRequest | None, terms: str) -> tuple[list[str], bool]:
    """The query's synonyms and whether it is a crisis query, worked out once per query and
    content generation (the editors' synonyms and crisis terms are content)."""

    def work_out() -> tuple[list[str], bool]:
        groups = content_memo.get(request, ("search-synonym-groups",), _synonym_groups)
        phrases = content_memo.get(request, ("search-crisis-phrases",), _crisis_phrases)
        return synonyms_for(terms, groups), is_crisis_query(terms, phrases)

    return content_memo.get(request, ("search-query-words", terms), work_out)


def _synonym_groups() -> list[list[str]]:
    return [group.term_list() for group in SearchSynonym.objects.all()]


def _crisis_phrases() -> list[str]:
    return list(CrisisSearchTerm.objects.values_list("phrase", flat=True))


def search_site(
    query: str,
    site: Site | None,
    pages: PageQuerySet | None = None,
    request: HttpRequest | None = None,
) -> SearchOutcome:
    """Promoted results first, then pages, useful links and posters (each once). `pages`:
    `visible_pages(site)` if already at hand (built here otherwise). `request`: the request
    searching, so what depends on the content alone (synonyms, crisis terms, promotions, the
    count and each page of results read) is kept per content generation (`pages.content_memo`):
    the same search again before the next publish costs no query."""
    terms = search_terms(query)
    if not terms:
        return SearchOutcome(query=query, results=MergedResults([], []), crisis=False, synonyms=[])
    synonyms, crisis = _query_words(request, terms)
    memo_key = (site.pk if site else None, query, tuple(synonyms))

    @cache  # built once, and only when a count or a page of results is not kept
    def merged() -> MergedResults:
        visible = visible_pages(site, request) if pages is None else pages
        return _merged_results(query, terms, synonyms, visible, request, memo_key)

    return SearchOutcome(
        query=query,
        results=MemoisedRows(request, ("search-results", memo_key), merged),
        crisis=crisis,
        synonyms=synonyms,
    )


def _merged_results(
    query: str,
    terms: str,
    synonyms: list[str],
    pages: PageQuerySet,
    request: HttpRequest | None,
    memo_key: Hashable,
) -> MergedResults:
    backend_query = _backend_query(terms, synonyms)
    promoted = content_memo.get(
        request,
        ("search-promotions", memo_key),
        lambda: _promoted_results(query, synonyms, pages),
    )
    searches = [
        _page_search(backend_query, pages, promoted),
        _link_search(backend_query, promoted),
        _poster_search(backend_query, promoted),
    ]
    return MergedResults(promoted, _sources(request, memo_key, backend_query, searches))
