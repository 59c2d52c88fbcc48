"""Server CPU and queries per uncached render of each public page type, in-process.

Usage (from the repository root):
    .venv/bin/python bench/render_cpu.py [--rounds 8] [--per-round 25] [--profile home]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/infant_mh_bench .venv/bin/python bench/render_cpu.py

A fresh migrated and seeded database (SQLite in a temp folder, or a new database beside
DATABASE_URL's, dropped afterwards; tests/live_site.py prepares it as for a live deployment), the
production settings with DEBUG off (the cached template loader, as gunicorn runs them), and the
page cache turned off (PAGE_CACHE_ENABLED=false): every request renders the page afresh. Each page
is requested through Django's WSGI handler as gunicorn calls it (the whole middleware stack,
no network), warmed first,
then timed in interleaved rounds; CPU per request is `time.process_time()` over the round divided
by its requests, and the median round is reported. Queries are counted on one warm request.

The budget is a third of the server CPU per request issue 12 measured on gunicorn before this
work (the "before" column). `--profile NAME` prints a cProfile of that page instead.
A benchmark, not a test: nothing runs it in `make test` or CI.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_site import LiveSite, collected_static_root  # noqa: E402


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    before_ms: float | None  # server CPU per request before issue 12's work (gunicorn, 2 workers)
    before_queries: int | None


PAGES = [
    PageType("home", "/", 21.0, 15),
    PageType("parents", "/parents/", 21.5, 14),
    PageType("topic page", "/parents/crying-and-comforting/", 20.7, 15),
    PageType("posters", "/posters/", 21.9, 13),
    PageType(
        "useful links, filtered",
        "/useful-links/?audience=parents&topic=crying-and-comforting",
        22.8,
        14,
    ),
    PageType('search "crying"', "/search/?q=crying", 32.8, 17),
    PageType("professionals", "/professionals/", None, None),
    PageType("contact", "/contact/", None, None),
    PageType("groups", "/understanding-your-baby-groups/", None, None),
    PageType("privacy", "/privacy/", None, None),
    # Not a page: the middleware, a database connection and a plain view, for the fixed cost.
    PageType("robots.txt", "/robots.txt", None, None),
]


def prepare_environment(workdir: Path) -> LiveSite:
    """A seeded database and media folder, and this process's environment pointed at them."""
    site = LiveSite(workdir, extra_env={"PAGE_CACHE_ENABLED": "false"})
    site.prepare(seed=True)
    site.env["STATIC_ROOT"] = str(collected_static_root(site.env))
    os.environ.update(site.env)
    return site


@dataclass
class Measured:
    page: PageType
    queries: int
    cpu_ms: list[float]
    wall_ms: list[float]

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu_ms)


class WsgiClient:
    """GET requests straight into Django's WSGI handler, as gunicorn makes them (no test
    client instrumentation), the body read to the end."""

    def __init__(self) -> None:
        from django.core.wsgi import get_wsgi_application

        self.application = get_wsgi_application()

    def get(self, url: str) -> tuple[int, bytes]:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT": "text/html",
            "HTTP_USER_AGENT": "render-cpu-bench",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status: list[str] = []
        body = self.application(environ, lambda s, _headers, _exc=None: status.append(s))
        try:
            content = b"".join(body)
        finally:
            close = getattr(body, "close", None)
            if close:
                close()
        return int(status[0].split()[0]), content


def measure(pages: list[PageType], rounds: int, per_round: int) -> list[Measured]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = WsgiClient()
    results = {}
    for page in pages:
        for _warm in range(5):
            status, _body = client.get(page.path)
            assert status == 200, (page.path, status)
        with CaptureQueriesContext(connection) as captured:
            client.get(page.path)
        results[page.name] = Measured(page, len(captured), [], [])
    for _round in range(rounds):
        for page in pages:
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            for _request in range(per_round):
                client.get(page.path)
            cpu = time.process_time() - cpu_start
            wall = time.perf_counter() - wall_start
            results[page.name].cpu_ms.append(cpu * 1000 / per_round)
            results[page.name].wall_ms.append(wall * 1000 / per_round)
    return list(results.values())


def report(results: list[Measured]) -> bool:
    print(
        "| page | CPU per request (median of rounds) | wall | queries | before CPU | budget "
        "(before / 3) | before queries | within budget |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    passed = True
    for result in results:
        page = result.page
        budget = page.before_ms / 3 if page.before_ms else None
        within = "" if budget is None else ("yes" if result.median_cpu <= budget else "NO")
        passed = passed and within != "NO"
        print(
            f"| {page.name} | {result.median_cpu:.2f} ms "
            f"({min(result.cpu_ms):.2f}-{max(result.cpu_ms):.2f}) "
            f"| {statistics.median(result.wall_ms):.2f} ms | {result.queries} "
            f"| {f'{page.before_ms} ms' if page.before_ms else '–'} "
            f"| {f'{budget:.1f} ms' if budget else '–'} "
            f"| {page.before_queries or '–'} | {within or '–'} |"
        )
    return passed


def profile(page: PageType, requests: int) -> None:
    client = WsgiClient()
    for _warm in range(5):
        client.get(page.path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _request in range(requests):
        client.get(page.path)
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(60)
    stats.print_stats(rf"^{ROOT}/(?!\.venv|bench)", 40)  # this project's own code
    stats.print_stats(r"templatetags", 30)
    stats.sort_stats("tottime").print_stats(40)


def print_queries(page: PageType) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = WsgiClient()
    for _warm in range(3):
        client.get(page.path)
    with CaptureQueriesContext(connection) as captured:
        client.get(page.path)
    for number, query in enumerate(captured.captured_queries, 1):
        sql = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", query["sql"])
        print(f"{number:3} {sql[:300]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--per-round", type=int, default=25)
    parser.add_argument("--page", action="append", help="only the page types with this name")
    parser.add_argument("--profile", metavar="NAME", help="profile one page type instead")
    parser.add_argument("--queries", metavar="NAME", help="print one page type's queries instead")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="infant-mh-render-cpu-"))
    site = prepare_environment(workdir)
    try:
        import django

        django.setup()
        from django.conf import settings

        assert not settings.DEBUG
        pages = [p for p in PAGES if not args.page or p.name in args.page]
        if args.queries:
            print_queries(next(p for p in PAGES if p.name == args.queries))
            return 0
        if args.profile:
            profile(next(p for p in PAGES if p.name == args.profile), args.per_round * 4)
            return 0
        load = os.getloadavg()
        print(f"load average at start: {load[0]:.2f} ({os.cpu_count()} cores)")
        print(f"database: {settings.DATABASES['default']['ENGINE']}")
        results = measure(pages, args.rounds, args.per_round)
        passed = report(results)
        print(f"load average at end: {os.getloadavg()[0]:.2f}")
        print("all within budget" if passed else "SOME PAGES OVER BUDGET")
        return 0 if passed else 1
    finally:
        from django.db import connections

        connections.close_all()
        site.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
