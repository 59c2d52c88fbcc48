"""Site search over pages, resource links and posters, with Wagtail's database backend.

Any input is safe: the query is cleaned of control characters (PostgreSQL refuses NUL bytes),
reduced to words, and capped in length before it reaches the search backend.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from resources.choices import LinkStatus

MAX_QUERY_LENGTH = 100
MAX_RESULTS_PER_KIND = 50
_NOT_A_WORD = re.compile(r"[^\w'’-]+")


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    summary: str
    kind: str


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


def _page_results(terms: str, site: Site | None) -> list[SearchResult]:
    pages = Page.objects.live().public().exclude(depth=1)
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
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
                kind="Page",
            )
        )
    return results


def _resource_results(terms: str) -> list[SearchResult]:
    model = apps.get_model("resources", "ResourceLink")
    # Not `live()`: the search backend filters on indexed fields only (`url` is not one).
    public = model.objects.filter(live=True).exclude(status=LinkStatus.BROKEN)
    found = get_search_backend().search(terms, public)[:MAX_RESULTS_PER_KIND]
    return [
        SearchResult(title=link.title, url=link.url, summary=link.summary, kind="Useful link")
        for link in found
        if link.url
    ]


def _poster_results(terms: str) -> list[SearchResult]:
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
                title=poster.title, url=poster.document.url, summary=summary, kind="Poster"
            )
        )
    return results


def search_site(query: str, site: Site | None) -> list[SearchResult]:
    """Pages first, then useful links, then posters."""
    terms = search_terms(query)
    if not terms:
        return []
    return [
        *_page_results(terms, site),
        *_resource_results(terms),
        *_poster_results(terms),
    ]
