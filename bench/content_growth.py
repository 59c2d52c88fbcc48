"""Listings as content grows: queries and server CPU per request, small site against large.

In-process (Django's test client through the whole middleware stack), with the production
settings, DEBUG off and the page cache off (every request renders its page), on a fresh migrated
and seeded copy of the site (SQLite, or a new database beside DATABASE_URL's on PostgreSQL). For
each listing it measures the page a visitor lands on at the small size, then grows the content
and measures again:

- posters page: 6 posters (the seed's) -> 60
- useful links filtered by a topic: 5 links in the topic -> 500
- the parents' section: 5 topic pages (the seed's) -> 100
- search for "crying": the seed's results -> the growth content's too (each item mentions it)

Server CPU is the process's CPU time per request (rendering, ORM and, on SQLite, the database
engine itself), the mean of `--requests` after `--warmup`. The budget is 10 %: the large site's
queries and CPU per request at most 1.1 times the small site's. Exit status 1 if one is over.

    .venv/bin/python bench/content_growth.py [--requests 40] [--warmup 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/infant_mh_bench .venv/bin/python bench/content_growth.py
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_site import LiveSite, _drop_database, collected_static_root  # noqa: E402

BUDGET = 1.10
SMALL = {"posters": 6, "links": 5, "topic pages": 5}
LARGE = {"posters": 60, "links": 500, "topic pages": 100}


@dataclass(frozen=True)
class Measure:
    queries: int
    cpu_ms: float
    kilobytes: float


def measure(client, url: str, requests: int, warmup: int) -> Measure:
    from django.db import connection

    for _ in range(warmup):
        assert client.get(url).status_code == 200, url
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, url
    started = time.process_time()
    for _ in range(requests):
        client.get(url)
    cpu_ms = (time.process_time() - started) * 1000 / requests
    return Measure(len(executed), cpu_ms, len(response.content) / 1024)


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


def run(requests: int, warmup: int) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from tests.task_worker import run_worker

    assert not settings.DEBUG
    grow_to(SMALL)
    run_worker(queue="default")  # the seeded posters' preview sizes, as the worker makes them
    client = Client(HTTP_HOST="127.0.0.1")
    urls = listings()
    small = {name: measure(client, url, requests, warmup) for name, url in urls.items()}
    grow_to(LARGE)
    large = {name: measure(client, url, requests, warmup) for name, url in urls.items()}

    print(f"small: {SMALL}\nlarge: {LARGE}\n")
    header = "| listing | queries small / large | CPU ms small / large | ratio | HTML KB small / large | within 10 % |"
    print(header)
    print("| --- | --- | --- | --- | --- | --- |")
    over = False
    for name in urls:
        s, b = small[name], large[name]
        ratio = b.cpu_ms / s.cpu_ms
        within = b.queries <= s.queries * BUDGET and ratio <= BUDGET
        over |= not within
        print(
            f"| {name} | {s.queries} / {b.queries} | {s.cpu_ms:.1f} / {b.cpu_ms:.1f} | "
            f"{ratio:.2f} | {s.kilobytes:.1f} / {b.kilobytes:.1f} | {'yes' if within else 'NO'} |"
        )
    load = os.getloadavg()
    print(f"\nload average during the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests first")
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
            return run(args.requests, args.warmup)
        finally:
            _drop_database(site.database_url)


if __name__ == "__main__":
    sys.exit(main())
