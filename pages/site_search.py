"""Site search over pages, resource links and posters, with Wagtail's database backend.

Any input is safe: the query is cleaned of control characters (PostgreSQL refuses NUL bytes),
reduced to words, and capped in length before it reaches the search backend.

On top of the backend: editors' synonyms widen a query (a search for "PND" also looks for
"postnatal depression"), editors' promoted results for the query come first, and a query that
contains a crisis term is flagged so the page shows urgent help above everything else.
Visitors' queries are never stored: promotions are looked up, never created, and no hit counts
are kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageQuerySet, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText, SearchQuery
from wagtail.search.utils import normalise_query_string

from pages.models.search_terms import CrisisSearchTerm, SearchSynonym
from pages.search_matching import matching_phrases, tokens
from resources.choices import LinkStatus

MAX_QUERY_LENGTH = 100
MAX_RESULTS_PER_KIND = 50
MAX_SYNONYMS = 8  # alternatives added to one query, however many groups it matches

# What each result is, shown beside its title.
KIND_PAGE = "Page"
KIND_LINK = "Useful link (external)"
KIND_POSTER = "Poster (PDF)"
_NOT_A_WORD = re.compile(r"[^\w'’-]+")


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    summary: str
    kind: str
    promoted: bool = False


@dataclass(frozen=True)
class SearchOutcome:
    """Everything the search page shows for one query."""

    query: str
    results: list[SearchResult]  # promoted results first, then pages, links and posters
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


def visible_pages(site: Site | None) -> PageQuerySet:
    """Live, public pages of this site (below the tree's root). Reuse the one queryset: each
    new `public()` filter costs a query for the view restrictions."""
    pages = Page.objects.live().public().exclude(depth=1)
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


def _page_results(terms: str | SearchQuery, pages: PageQuerySet) -> list[SearchResult]:
    ids = [page.pk for page in pages.search(terms)[:MAX_RESULTS_PER_KIND]]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    results = []
    for page_id in ids:
        page = specific.get(page_id)
        if page is None or getattr(page, "exclude_from_search_results", False):
            continue
        results.append(
            SearchResult(
                title=page.title,
                url=page.get_url(),
                summary=getattr(page, "summary", "") or page.search_description,
                kind=KIND_PAGE,
            )
        )
    return results


def _resource_results(terms: str | SearchQuery) -> list[SearchResult]:
    model = apps.get_model("resources", "ResourceLink")
    # Not `live()`: the search backend filters on indexed fields only (`url` is not one).
    public = model.objects.filter(live=True).exclude(status=LinkStatus.BROKEN)
    found = get_search_backend().search(terms, public)[:MAX_RESULTS_PER_KIND]
    return [
        SearchResult(title=link.title, url=link.url, summary=link.summary, kind=KIND_LINK)
        for link in found
        if link.url
    ]


def _poster_results(terms: str | SearchQuery) -> list[SearchResult]:
    model = apps.get_model("resources", "Poster")
    found = get_search_backend().search(terms, model.objects.filter(live=True))[
        :MAX_RESULTS_PER_KIND
    ]
    ids = [poster.pk for poster in found]
    posters = model.objects.filter(pk__in=ids).select_related("document").in_bulk()
    results = []
    for poster_id in ids:
        poster = posters.get(poster_id)
        if poster is None or poster.document is None:
            continue
        meta = poster.download_meta
        summary = f"{poster.summary} ({meta})" if meta else poster.summary
        results.append(
            SearchResult(
                title=poster.title, url=poster.document.url, summary=summary, kind=KIND_POSTER
            )
        )
    return results


def search_site(query: str, site: Site | None, pages: PageQuerySet | None = None) -> SearchOutcome:
    """Promoted results first, then pages, useful links and posters (each once). `pages`: the
    pages that may be found (default: `visible_pages(site)`)."""
    terms = search_terms(query)
    if not terms:
        return SearchOutcome(query=query, results=[], crisis=False, synonyms=[])
    groups = [group.term_list() for group in SearchSynonym.objects.all()]
    synonyms = synonyms_for(terms, groups)
    crisis = is_crisis_query(terms, list(CrisisSearchTerm.objects.values_list("phrase", flat=True)))
    backend_query = _backend_query(terms, synonyms)
    if pages is None:
        pages = visible_pages(site)
    promoted = _promoted_results(query, synonyms, pages)
    seen = {result.url for result in promoted}
    found = [
        *_page_results(backend_query, pages),
        *_resource_results(backend_query),
        *_poster_results(backend_query),
    ]
    return SearchOutcome(
        query=query,
        results=[*promoted, *(result for result in found if result.url not in seen)],
        crisis=crisis,
        synonyms=synonyms,
    )
