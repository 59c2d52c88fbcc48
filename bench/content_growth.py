"""Listings as content grows: queries and server CPU per request, small site against large.

In-process (straight into Django's WSGI handler, as gunicorn calls it, through the whole
middleware stack: `render_cpu.WsgiClient`; Django's test client keeps objects from every request,
which slows the process down as a run goes on), with the production
settings, DEBUG off and the page cache off (every request renders its page), on a fresh migrated
and seeded copy of the site (SQLite, or a new database beside DATABASE_URL's on PostgreSQL). The
content is grown once, from the small size to the large:

- posters page: 6 posters (the seed's) -> 60
- useful links filtered by a topic: 5 links in the topic -> 500
- the parents' section: 5 topic pages (the seed's) -> 100
- search for "crying": the seed's results -> the growth content's too (each item mentions it)

then the items added are hidden and shown again (their `live` flag, as a publish or unpublish
changes it, and the content generation moved) between rounds, so the small and the large site
are measured interleaved, `--rounds` times each (in turn first after a change), and a slow
spell of the machine falls on both.

Server CPU is the process's CPU time per request (rendering, ORM and, on SQLite, the database
engine itself): per round, `--warmup` unmeasured requests then the mean of `--requests`. The
table gives the median round of each size, and as the ratio the median of the rounds' own ratios
(large over small, measured moments apart: a shared machine's speed drifts by half between
minutes). The budget is 10 %: the large site's queries and CPU per request at most 1.1 times the
small site's. Exit status 1 if one is over.

Each page is measured as visitors meet it between publishes: warm, its listing and search
results kept per content generation (`pages.content_memo`). `--first-render` also prints the
first render after a change (the memo emptied before each request), which grows with what is
shown on it: informative, with no budget.

    .venv/bin/python bench/content_growth.py [--rounds 20] [--requests 40] [--warmup 10] [--first-render]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/infant_mh_bench .venv/bin/python bench/content_growth.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.render_cpu import WsgiClient  # noqa: E402
from tests.live_site import LiveSite, _drop_database, collected_static_root  # noqa: E402

BUDGET = 1.10
SMALL = {"posters": 6, "links": 5, "topic pages": 5}
LARGE = {"posters": 60, "links": 500, "topic pages": 100}


@dataclass(frozen=True)
class Measure:
    queries: int
    kilobytes: float


def queries_and_size(client: WsgiClient, url: str, first: bool) -> tuple[int, float]:
    """The queries of one request (after the memo is emptied, with `first`) and its HTML's KB."""
    from django.db import connection

    from pages.content_memo import content_memo

    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    if first:
        content_memo.clear()
    with connection.execute_wrapper(count):
        status, content = client.get(url)
    assert status == 200, url
    return len(executed), len(content) / 1024


def round_cpu_ms(client: WsgiClient, url: str, requests: int, warmup: int, first: bool) -> float:
    """CPU ms per request over one round of `requests`, after `warmup` unmeasured."""
    from pages.content_memo import content_memo

    for _ in range(warmup):
        assert client.get(url)[0] == 200, url
    started = time.process_time()
    for _ in range(requests):
        if first:
            content_memo.clear()
        client.get(url)
    return (time.process_time() - started) * 1000 / requests


def listings() -> dict[str, str]:
    from pages.models import PosterLibraryPage, ResourceIndexPage, SearchPage, SectionLandingPage
    from tests.performance_listings.growth import GROWTH_TOPIC

    parents = SectionLandingPage.objects.get(slug="parents")
    return {
        "posters": PosterLibraryPage.objects.get().url,
        "useful links, filtered": f"{ResourceIndexPage.objects.get().url}?topic={GROWTH_TOPIC}",
        "parents section": parents.url,
        "search 'crying'": f"{SearchPage.objects.get().url}?q=crying",
    }


def grow_to(sizes: dict[str, int]) -> None:
    from pages.models import SectionLandingPage
    from resources.models import Poster, ResourceLink
    from tests.performance_listings.growth import (
        add_links,
        add_posters,
        add_topic_pages,
        growth_topic,
    )

    parents = SectionLandingPage.objects.get(slug="parents")
    add_posters(sizes["posters"] - Poster.objects.live().count())
    add_links(sizes["links"] - ResourceLink.objects.filter(topics=growth_topic()).count())
    add_topic_pages(parents, sizes["topic pages"] - parents.get_children_count())


def live_querysets() -> list:
    """What is shown only while live: posters, useful links and pages."""
    from wagtail.models import Page

    from resources.models import Poster, ResourceLink

    return [
        Poster.objects.filter(live=True),
        ResourceLink.objects.filter(live=True),
        Page.objects.filter(live=True),
    ]


class Sizes:
    """The site grown once to the large size, then switched between small and large by hiding
    and showing what growing added."""

    def __init__(self) -> None:
        small_ids = [set(queryset.values_list("pk", flat=True)) for queryset in live_querysets()]
        grow_to(LARGE)
        self.added = [
            set(queryset.values_list("pk", flat=True)) - ids
            for queryset, ids in zip(live_querysets(), small_ids, strict=True)
        ]

    def show(self, size: str) -> None:
        from caching.generation import bump_generation

        for queryset, ids in zip(live_querysets(), self.added, strict=True):
            queryset.model.objects.filter(pk__in=ids).update(live=size == "large")
        bump_generation()  # as a publish's commit does


def run(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.conf import settings

    from tests.task_worker import run_worker

    assert not settings.DEBUG
    grow_to(SMALL)
    sizes = Sizes()
    run_worker(queue="default")  # the posters' preview sizes, as the worker makes them
    client = WsgiClient()
    urls = listings()
    modes = {"warm (kept until the content changes)": False}
    if args.first_render:
        modes["first render after a change (informative: no budget)"] = True
    measures: dict[tuple[str, str, str], Measure] = {}
    cpu: dict[tuple[str, str, str], list[float]] = {}
    for round_number in range(args.rounds):
        # Small then large, then large then small: neither always goes first after a change.
        for size in ("small", "large") if round_number % 2 == 0 else ("large", "small"):
            sizes.show(size)
            for mode, first in modes.items():
                for name, url in urls.items():
                    key = (size, mode, name)
                    cpu.setdefault(key, []).append(
                        round_cpu_ms(client, url, args.requests, args.warmup, first)
                    )
                    if round_number == 0:
                        queries, kilobytes = queries_and_size(client, url, first)
                        measures[key] = Measure(queries, kilobytes)
        print(f"round {round_number + 1} of {args.rounds}", flush=True)

    print(f"\nsmall: {SMALL}\nlarge: {LARGE}")
    over = False
    for mode, first in modes.items():
        print(f"\n{mode}:\n")
        print(
            "| listing | queries small / large | CPU ms small / large | ratio "
            "| HTML KB small / large | within 10 % |"
        )
        print("| --- | --- | --- | --- | --- | --- |")
        for name in urls:
            s, b = measures["small", mode, name], measures["large", mode, name]
            s_cpu = statistics.median(cpu["small", mode, name])
            b_cpu = statistics.median(cpu["large", mode, name])
            # Each round's large over its small, measured moments apart: the machine's speed
            # drifts between rounds (by half, on a shared VM), less within one.
            ratio = statistics.median(
                large / small
                for small, large in zip(
                    cpu["small", mode, name], cpu["large", mode, name], strict=True
                )
            )
            within = b.queries <= s.queries * BUDGET and ratio <= BUDGET
            if not first:
                over |= not within
            print(
                f"| {name} | {s.queries} / {b.queries} | {s_cpu:.2f} / {b_cpu:.2f} | "
                f"{ratio:.2f} | {s.kilobytes:.1f} / {b.kilobytes:.1f} | "
                f"{'yes' if within else 'NO'} |"
            )
    load = os.getloadavg()
    print(f"\nload average at the end of the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds per page")
    parser.add_argument("--requests", type=int, default=40, help="requests per round")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured requests first")
    parser.add_argument(
        "--first-render", action="store_true", help="also the first render after a change"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="infant-mh-growth-") as workdir:
        # Renders measured, not the page cache's copies (as bench/render_cpu.py).
        site = LiveSite(Path(workdir), extra_env={"PAGE_CACHE_ENABLED": "false"})
        database = "PostgreSQL" if site.database_url.startswith("postgres") else "SQLite"
        print(f"Preparing a migrated, seeded {database} database...", flush=True)
        site.prepare(seed=True)
        try:
            os.environ.update(site.env)
            os.environ["STATIC_ROOT"] = str(collected_static_root(site.env))
            return run(args)
        finally:
            _drop_database(site.database_url)


if __name__ == "__main__":
    sys.exit(main())
