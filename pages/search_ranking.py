"""Search results counted and ranked straight from SQLite's full-text index.

Wagtail's SQLite backend (django-modelsearch) finds the matches of each kind of result in a
subquery, then scores every match again with a correlated subquery per row, and builds both
through the ORM each time a page of results is counted or sliced. Here the matches of all kinds
are written once as one SQL statement (the backend's own match expression and score), and each
kind is counted, or ranked and sliced with a limit, over it: the same results in the same order
(score, then newest first), for a fraction of the work. Other backends keep the backend's path.
It reuses the backend compiler's query building and score (not public API of django-modelsearch):
tests/pages/test_search_ranking.py compares both paths, so an upgrade that changes them fails there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import F, QuerySet
from wagtail.search.backends.base import BaseSearchResults
from wagtail.search.query import MatchAll, Not, SearchQuery

# The backend class for SQLite with FTS5 (named, not imported: its module needs the search
# app's models loaded, which come after this app's).
SQLITE_BACKEND = "SQLiteSearchBackend"
_MATCH = "wagtailsearch_indexentry_fts MATCH %s"


def uses_sqlite_index(found: BaseSearchResults) -> bool:
    """Whether these results come from the SQLite full-text backend."""
    return type(found.backend).__name__ == SQLITE_BACKEND and connection.vendor == "sqlite"


def _matches_sql(found: BaseSearchResults) -> tuple[str, list[Any]] | None:
    """SQL for every index entry matching the search (`ct`, `oid`, `score`), the backend's
    match expression and score; None for a query the backend handles specially."""
    compiler = found.query_compiler
    config = compiler.get_config(found.backend)
    normalized = _normalized(compiler)
    if normalized is None:
        return None
    search_query = compiler.build_search_query(normalized, config=config)
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), config)
    entries = apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry").objects
    query = entries.annotate(
        ct=F("index_entry__content_type_id"), oid=F("index_entry__object_id"), score=rank
    ).values_list("ct", "oid", "score")
    sql_compiler = query.query.get_compiler(connection=connection)
    match_sql, match_params = sql_compiler.compile(search_query)
    columns = " ".join(compiler.fields or compiler.FTS_TABLE_FIELDS)
    match = f"{{{columns}}} : ({match_sql % tuple(match_params)})"
    # The match is a parameter, as in the backend's own MatchExpression.
    matched = query.extra(where=[_MATCH], params=[match])  # noqa: S610
    sql, params = matched.query.sql_with_params()
    return sql, list(params)


def _normalized(compiler: Any) -> SearchQuery | None:
    """The query as the backend normalises it, or None unless it is a plain positive search
    (the backend runs a negated or match-all query differently)."""
    normalize = sys.modules[type(compiler).__module__].normalize
    normalized = normalize(compiler.query)
    if isinstance(normalized, (MatchAll, Not)):
        return None
    return normalized


def _kind_sql(content_types: Sequence[int], public: QuerySet) -> tuple[str, tuple[Any, ...]]:
    """The condition for a match to be one of this kind's public rows."""
    placeholders = ", ".join(["%s"] * len(content_types))
    public_sql, public_params = public.values("pk").query.sql_with_params()
    return (
        f"m.ct IN ({placeholders}) AND CAST(m.oid AS INTEGER) IN ({public_sql})",
        (*content_types, *public_params),
    )


@dataclass(frozen=True)
class RankingPlan:
    """The SQL of one search's matches and of each kind's condition: content alone decides it,
    so it may be kept per content generation (nothing in it changes once made)."""

    matches: tuple[str, tuple[Any, ...]]
    kinds: tuple[tuple[str, tuple[Any, ...]], ...]


class IndexRanking:
    """The matches of one search in the SQLite index, counted per kind in one query and ranked
    per kind with a limit."""

    def __init__(self, plan: RankingPlan):
        self.plan = plan

    @cached_property
    def counts(self) -> list[int]:
        selects, params = [], list(self.plan.matches[1])
        for where, where_params in self.plan.kinds:
            # SQL compiled by Django, values as parameters (here and below).
            selects.append(f"(SELECT COUNT(DISTINCT m.oid) FROM matches m WHERE {where})")  # noqa: S608
            params.extend(where_params)
        sql = f"WITH matches AS ({self.plan.matches[0]}) SELECT {', '.join(selects)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [int(count) for count in cursor.fetchone()]

    def ranked(self, index: int, start: int, stop: int) -> list[tuple[int, int]]:
        """(content type, id) of kind `index`'s matches from `start` to `stop`, best first
        (then newest)."""
        where, where_params = self.plan.kinds[index]
        matches_sql, matches_params = self.plan.matches
        sql = f"WITH matches AS ({matches_sql}) SELECT m.ct, CAST(m.oid AS INTEGER)"
        sql += f" FROM matches m WHERE {where}"
        sql += " ORDER BY m.score ASC, CAST(m.oid AS INTEGER) DESC LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*matches_params, *where_params, stop - start, start])
            return [(row[0], row[1]) for row in cursor.fetchall()]


class RankedSource:
    """One kind of result read from an `IndexRanking`: the same interface as the backend's
    (`count`, `slice`)."""

    def __init__(
        self,
        ranking: IndexRanking,
        index: int,
        fetch: Callable[[list[tuple[int, int]]], list[Any]],
    ):
        self.ranking = ranking
        self.index = index
        self.fetch = fetch

    @property
    def count(self) -> int:
        return self.ranking.counts[self.index]

    def slice(self, start: int, stop: int) -> list[Any]:
        return self.fetch(self.ranking.ranked(self.index, start, stop))


def ranking_plan(
    searches: list[tuple[BaseSearchResults, QuerySet, Sequence[int]]],
) -> RankingPlan | None:
    """The plan for ranking these searches (their results, public rows and content types), all
    of the same query, in the SQLite index; None when another backend or query shape must run."""
    first = searches[0][0]
    if not uses_sqlite_index(first):
        return None
    matches = _matches_sql(first)
    if matches is None:
        return None
    return RankingPlan(
        matches=(matches[0], tuple(matches[1])),
        kinds=tuple(_kind_sql(types, public) for _found, public, types in searches),
    )
