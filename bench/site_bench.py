"""The site against the physical limit and against itself before issue 12: requests per second,
latency, server CPU per request and memory for the site before issue 12, the uncached origin, the
cached origin and the edge cache, each as a ratio to nginx serving the same bytes, and how long a
published change takes to be visible.

Usage (from the repository root; `make bench` installs wrk, nginx and varnish if missing):
    .venv/bin/python bench/site_bench.py [--rounds 3] [--seconds 2] [--connections 16]
        [--baseline COMMIT | --no-baseline]

What runs, all on loopback (a benchmark, not a test: nothing runs it in `make test` or CI):
- two gunicorn deployments as `make run` serves the site (tests/live_site.py: production
  settings, infant_mh/gunicorn.conf.py with its defaults, static files collected, one fresh
  migrated and seeded SQLite database in a temporary folder, or a new database beside
  DATABASE_URL's PostgreSQL one): the uncached origin (PAGE_CACHE_ENABLED=false) and the cached
  origin (PAGE_CACHE_ENABLED=true, the task worker beside it, warmed before measuring);
- before issue 12 (bench/baseline_site.py): the code at --baseline (c084862, no page cache) in a
  git worktree of its own, served by its own gunicorn config and production settings with its
  own static files and its own migrated and seeded database; its uncached figures are what the
  uncached origin's budgets compare with (--no-baseline: issue 12's fixed table instead);
- the edge as compose deploys it: nginx with deploy/nginx.conf (bench/proxy_edge.py, plain HTTP)
  sending the page files the cached origin writes (EDGE_PAGES_DIR, on tmpfs as compose's
  volume), in front of varnishd with deploy/varnish.vcl in front of the cached origin, which
  moves its page files on and purges Varnish through Wagtail's frontend cache
  (FRONTEND_CACHE_BACKEND=varnish) on every change;
- the physical limit: nginx (`worker_processes auto`) serving each page's saved HTML and headers
  as the uncached origin sent them.

Every page (home, parents, a topic page, posters, useful links filtered by a topic, search
"crying") is loaded with wrk in interleaved rounds (each round cycles page x server, in a
different server order each round), each run bounded to --seconds. The origins (the one before
issue 12 too) are measured without keep-alive (as a reverse proxy connects to them) against nginx
without keep-alive; the edge with keep-alive against nginx with keep-alive. Figures are the median
over rounds; server CPU per request is the CPU time of the server's processes (from /proc) over
every measured window, divided by the requests served in them. Results go to bench/results/ as
JSON, with a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from baseline_site import BASELINE_COMMIT, baseline_site, resolve  # noqa: E402
from http_probe import fetch  # noqa: E402
from nginx_static import SavedPage, StaticServer  # noqa: E402
from process_usage import cpu_seconds, machine_load, process_tree, rss_mib  # noqa: E402
from proxy_edge import ProxyEdge  # noqa: E402
from site_bench_report import print_report  # noqa: E402
from varnish_edge import EdgeCache  # noqa: E402
from wrk_load import LoadResult, run_wrk, write_reporter  # noqa: E402

from tests.live_site import LiveSite, free_port, running_site  # noqa: E402

PAGES: dict[str, str] = {
    "home": "/",
    "parents": "/parents/",
    "topic": "/parents/crying-and-comforting/",
    "posters": "/posters/",
    "useful links filtered": "/useful-links/?topic=crying-and-comforting",
    "search": "/search/?q=crying",
}
# Time left for the publish-to-visible check after the rounds (manage.py start-up and 2 s a trial).
PUBLISH_SECONDS = 25
PUBLISHED_PAGE = "/parents/"  # the page the publish-to-visible check changes and watches


@dataclass(frozen=True)
class Server:
    """One way of serving the pages, as the bench loads it."""

    key: str
    label: str
    keep_alive: bool
    url: Callable[[str, str], str]  # (page name, page path) -> URL
    pids: Callable[[], list[int]]


@dataclass
class Cell:
    """Every run of one page on one server."""

    runs: list[LoadResult] = field(default_factory=list)
    cpu_seconds: float = 0.0

    def summary(self) -> dict[str, float | int]:
        requests = sum(run.requests for run in self.runs)
        return {
            "requests_per_second": statistics.median(r.requests_per_second for r in self.runs),
            "p50_ms": statistics.median(r.p50_ms for r in self.runs),
            "p99_ms": statistics.median(r.p99_ms for r in self.runs),
            "requests": requests,
            "errors": sum(r.errors for r in self.runs),
            "cpu_ms_per_request": 1000 * self.cpu_seconds / requests if requests else 0.0,
            "rounds": len(self.runs),
        }


def gunicorn_pids(site: LiveSite) -> list[int]:
    """gunicorn's master and workers (not the task worker it may run beside them)."""
    assert site.process is not None
    return process_tree(site.process.pid, leave_out=lambda cmd: "run_worker" in cmd)


def worker_rss(site: LiveSite) -> list[float]:
    """VmRSS of each gunicorn worker, in MiB."""
    assert site.process is not None
    return [rss_mib(pid) for pid in gunicorn_pids(site) if pid != site.process.pid]


def before_server(site: LiveSite, commit: str) -> Server:
    """The site before issue 12 (no page cache), loaded as the uncached origin is."""
    return Server(
        "before",
        f"before ({commit})",
        False,
        lambda _name, path: site.base_url + path,
        lambda: gunicorn_pids(site),
    )


def save_pages(origin: LiveSite) -> list[SavedPage]:
    """Each page as the (uncached) origin renders it, for nginx to serve."""
    saved = []
    for name, path in PAGES.items():
        status, headers, body = fetch(origin.base_url + path)
        if status != 200:
            raise SystemExit(f"{path} answered {status} at the origin: is the site seeded?")
        saved.append(SavedPage(name.replace(" ", "-"), headers, body))
    return saved


def check_servers(servers: list[Server]) -> dict[str, dict[str, int]]:
    """Every server answers every page with 200; the body sizes, to show they match."""
    sizes: dict[str, dict[str, int]] = {}
    for server in servers:
        for name, path in PAGES.items():
            status, _, body = fetch(server.url(name, path))
            if status != 200:
                raise SystemExit(f"{server.label} answered {status} for {path}")
            sizes.setdefault(name, {})[server.key] = len(body)
    return sizes


def measure(
    server: Server,
    page: str,
    args: argparse.Namespace,
    reporter: Path,
    cell: Cell,
) -> LoadResult:
    """One bounded wrk run of `page` on `server`, added to `cell` with the server's CPU time."""
    pids = server.pids()
    before = cpu_seconds(pids)
    result = run_wrk(
        server.url(page, PAGES[page]),
        seconds=args.seconds,
        connections=args.connections,
        threads=args.threads,
        keep_alive=server.keep_alive,
        reporter=reporter,
    )
    cell.cpu_seconds += cpu_seconds(pids) - before
    cell.runs.append(result)
    wait_until_idle(pids)
    return result


def wait_until_idle(pids: list[int], limit: float = 20) -> None:
    """Wait until the server has finished the requests wrk abandoned when it stopped (gunicorn
    still answers those it had queued), so they burden neither the next run nor its CPU figure."""
    deadline = time.monotonic() + limit
    used = cpu_seconds(pids)
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = cpu_seconds(pids)
        if now - used <= 0.01:
            return
        used = now


def warm_up(servers: list[Server], requests_per_page: int = 4) -> None:
    """A few requests of every page on every server: each gunicorn worker has loaded its
    templates and the caches hold every page before anything is measured."""
    for server in servers:
        for name, path in PAGES.items():
            for _ in range(requests_per_page):
                fetch(server.url(name, path))


PUBLISH = """
import time
from wagtail.models import Site
root = Site.objects.get(is_default_site=True).root_page
page = root.get_children().get(slug="{slug}").specific
title = page.title
for marker in {markers!r}:
    time.sleep({pause})
    page.title = title + " " + marker
    revision = page.save_revision()
    print("PUBLISHING", marker, repr(time.time()), flush=True)
    revision.publish()
"""


def publish_to_visible(site: LiveSite, urls: dict[str, str], trials: int) -> dict[str, list]:
    """Publish `trials` title changes to the watched page through manage.py (the deployment's
    environment, so its purges run as an editor's would) while every URL in `urls` is polled;
    the seconds from each publish to the first response showing it (None: never seen)."""
    markers = [f"bench{secrets.token_hex(4)}" for _ in range(trials)]
    seen: dict[str, dict[str, float]] = {key: {} for key in urls}
    done = threading.Event()

    def poll(key: str, url: str) -> None:
        while not done.is_set() and len(seen[key]) < len(markers):
            try:
                _, _, body = fetch(url, timeout=5)
            except OSError:
                time.sleep(0.05)
                continue
            arrived = time.time()
            for marker in markers:
                if marker not in seen[key] and marker.encode() in body:
                    seen[key][marker] = arrived
            time.sleep(0.01)

    pollers = [threading.Thread(target=poll, args=item, daemon=True) for item in urls.items()]
    for poller in pollers:
        poller.start()
    slug = PUBLISHED_PAGE.strip("/")
    completed = site.manage("shell", "-c", PUBLISH.format(slug=slug, markers=markers, pause=2))
    published = {
        m.group(1): float(m.group(2))
        for m in re.finditer(r"PUBLISHING (\S+) (\S+)", completed.stdout)
    }
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(len(s) < len(markers) for s in seen.values()):
        time.sleep(0.05)
    done.set()
    for poller in pollers:
        poller.join(timeout=10)
    return {
        key: [
            round(seen[key][m] - published[m], 3) if m in seen[key] and m in published else None
            for m in markers
        ]
        for key in urls
    }


def git_revision() -> str:
    completed = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    )
    return completed.stdout.strip() or "unknown"


def run(args: argparse.Namespace) -> dict:
    if args.baseline:
        resolve(args.baseline)  # an unknown commit fails now, not after the preparation
    load_at_start = machine_load()
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="site-bench-")))
        reporter = write_reporter(workdir)
        edge_port = free_port()
        for folder in ("uncached", "cached", "before"):
            (workdir / folder).mkdir()
        edge_pages = Path(stack.enter_context(tempfile.TemporaryDirectory(dir="/dev/shm")))
        edge_pages.chmod(0o755)  # nginx's workers read it
        print("Preparing the deployments (migrate, seed, collect static)...", flush=True)
        # The site before issue 12 is prepared in the meantime (its own migrate, seed, static).
        with ThreadPoolExecutor(1) as pool:
            before_ready = None
            if args.baseline:
                before_ready = pool.submit(
                    stack.enter_context, baseline_site(workdir / "before", args.baseline)
                )
            uncached = stack.enter_context(
                running_site(
                    workdir / "uncached",
                    extra_env={
                        "PAGE_CACHE_ENABLED": "false",
                        "CACHE_DIR": str(workdir / "cache-u"),
                    },
                )
            )
            cached = stack.enter_context(
                running_site(
                    workdir / "cached",
                    database_url=uncached.database_url,
                    extra_env={
                        "PAGE_CACHE_ENABLED": "true",
                        "CACHE_DIR": str(workdir / "cache-c"),
                        "MEDIA_ROOT": str(uncached.media_root),
                        "RUN_TASK_WORKER": "true",
                        "FRONTEND_CACHE_BACKEND": "varnish",
                        "FRONTEND_CACHE_LOCATION": f"http://127.0.0.1:{edge_port}",
                        "EDGE_PAGES_DIR": str(edge_pages),
                    },
                )
            )
            before = before_ready.result() if before_ready else None
        # As compose's migrate step: nginx passes the host without its port, over plain HTTP here.
        cached.manage("write_edge_pages_config", "--host", "127.0.0.1", "--scheme", "http")
        edge_dir = Path(tempfile.mkdtemp(prefix="site-bench-edge-"))
        stack.callback(shutil.rmtree, edge_dir, ignore_errors=True)
        varnish = EdgeCache(edge_dir, edge_port, cached.port)
        stack.callback(varnish.stop)
        varnish.start()
        edge = ProxyEdge(edge_dir / "nginx", free_port(), free_port(), edge_port, edge_pages)
        stack.callback(edge.stop)
        edge.start()
        static_dir = Path(tempfile.mkdtemp(prefix="site-bench-nginx-"))
        stack.callback(shutil.rmtree, static_dir, ignore_errors=True)
        nginx = StaticServer(static_dir, free_port(), save_pages(uncached))
        stack.callback(nginx.stop)
        nginx.start()

        def on_site(site: LiveSite) -> Callable[[str, str], str]:
            return lambda _name, path: site.base_url + path

        def static_url(name: str, _path: str) -> str:
            return nginx.url(name.replace(" ", "-"))

        servers = [] if before is None else [before_server(before, args.baseline)]
        servers += [
            Server(
                "uncached",
                "uncached origin",
                False,
                on_site(uncached),
                lambda: gunicorn_pids(uncached),
            ),
            Server(
                "cached", "cached origin", False, on_site(cached), lambda: gunicorn_pids(cached)
            ),
            Server(
                "edge",
                "edge (nginx page files, Varnish)",
                True,
                lambda _name, path: edge.base_url + path,
                lambda: edge.pids() + varnish.pids() + gunicorn_pids(cached),
            ),
            Server("nginx_ka", "nginx, keep-alive", True, static_url, nginx.pids),
            Server("nginx_close", "nginx, no keep-alive", False, static_url, nginx.pids),
        ]
        sizes = check_servers(servers)
        prepared = time.monotonic() - started
        print(
            f"Ready in {prepared:.0f} s (Varnish: {varnish.vcl_source}). Warming up...", flush=True
        )
        warm_up(servers)

        cells = {(s.key, page): Cell() for s in servers for page in PAGES}
        rounds_started = time.monotonic()
        rounds_done = 0
        while rounds_done < args.rounds:
            shift = rounds_done % len(servers)
            for page in PAGES:
                for server in servers[shift:] + servers[:shift]:
                    measure(server, page, args, reporter, cells[(server.key, page)])
            rounds_done += 1
            per_round = (time.monotonic() - rounds_started) / rounds_done
            print(f"  round {rounds_done}/{args.rounds} done ({per_round:.0f} s)", flush=True)
            if time.monotonic() - started + per_round + PUBLISH_SECONDS > args.max_seconds:
                break
        if rounds_done < args.rounds:
            print(f"  stopped after {rounds_done} rounds to stay within {args.max_seconds:.0f} s")

        rss = {"uncached": worker_rss(uncached), "cached": worker_rss(cached)}
        if before is not None:
            rss["before"] = worker_rss(before)
        print("Publishing changes and watching for them...", flush=True)
        visible = publish_to_visible(
            cached,
            {
                "origin": cached.base_url + PUBLISHED_PAGE,
                "edge": edge.base_url + PUBLISHED_PAGE,
            },
            args.publish_trials,
        )
        database = "PostgreSQL" if uncached.database_url.startswith("postgres") else "SQLite"
        vcl_source = varnish.vcl_source

    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": git_revision(),
        "database": database,
        "baseline": None if before is None else {"commit": args.baseline, "hash": before.commit},
        "edge_vcl": vcl_source,
        "settings": {
            "rounds": rounds_done,
            "seconds": args.seconds,
            "connections": args.connections,
            "threads": args.threads,
        },
        "load_at_start": load_at_start,
        "load_at_end": machine_load(),
        "elapsed_seconds": round(time.monotonic() - started),
        "servers": {s.key: {"label": s.label, "keep_alive": s.keep_alive} for s in servers},
        "pages": PAGES,
        "body_bytes": sizes,
        "results": {
            page: {server.key: cells[(server.key, page)].summary() for server in servers}
            for page in PAGES
        },
        "rss_mib_per_worker": rss,
        "publish_to_visible_seconds": visible,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (3-8)")
    parser.add_argument("--seconds", type=float, default=2, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--publish-trials", type=int, default=3, help="changes published")
    # Room for 3 rounds of 6 servers (about 85 s each on the 2-core machine) after preparing the
    # old and new sites side by side (60 to 120 s, more while other work runs).
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=420,
        help="run fewer rounds (at least one) rather than take longer than this in all",
    )
    parser.add_argument(
        "--baseline",
        default=BASELINE_COMMIT,
        metavar="COMMIT",
        help="the commit measured as 'before issue 12' beside today's site",
    )
    parser.add_argument(
        "--no-baseline",
        dest="baseline",
        action="store_const",
        const=None,
        help="skip it: the uncached budgets then use issue 12's fixed table",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is not met")
    args = parser.parse_args()
    # A SIGTERM unwinds like Ctrl-C, so every server started is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = run(args)
    out_dir = BENCH / "results"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / f"site-bench-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.json"
    all_met = print_report(results)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nSaved {out.relative_to(ROOT)}")
    return 0 if all_met or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
