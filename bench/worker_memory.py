"""Memory of a gunicorn worker serving the site, and the modules it has loaded.

Usage (from the repository root):
    .venv/bin/python bench/worker_memory.py [--requests 20] [--modules]

Starts a deployment as the live tests do (tests/live_site.py: gunicorn with the production
settings and infant_mh/gunicorn.conf.py, 2 workers, a fresh migrated and seeded SQLite database,
the page cache off so every request renders), requests every page type once (which makes the
image renditions), restarts the workers (SIGHUP), requests every public page type --requests
times, then reads VmRSS (and VmHWM, the peak) and PSS (smaps_rollup: shared pages counted in fractions)
of each worker from /proc. `--env NAME=VALUE` passes gunicorn more environment (e.g.
`GUNICORN_CMD_ARGS=--preload`). The budget is bakerydemo's
94 MiB per worker (issue 12). `--modules` also loads the application in this process the way a
worker does (the WSGI application, the URLconf, one render of each page type through it) and
prints how many modules that loaded, and which of the heavy packages issue 12 names are among them
(the lean imports of infant_mh/lean_imports.py made as infant_mh/wsgi.py makes them).
A benchmark, not a test: nothing runs it in `make test` or CI.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_probe import fetch  # noqa: E402
from bench.process_usage import children  # noqa: E402
from bench.render_cpu import PAGES, WsgiClient, prepare_environment  # noqa: E402
from tests.live_site import running_site  # noqa: E402

BUDGET_MIB = 94.0
# Packages a public page never needs, which issue 12 found loaded in every worker.
WATCHED = [
    "psycopg",
    "rest_framework",
    "pypdfium2",
    "ninja",
    "pydantic",
    "requests",
    "yaml",
    "jinja2",
    "sqlparse",
    "charset_normalizer",
    "soupsieve",
]


def memory_kib(pid: int) -> dict[str, int]:
    values = {}
    for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"):
            values[name] = int(rest.split()[0])
    return values


def pss_kib(pid: int) -> int:
    """Proportional set size: each page shared with other processes counted in fractions."""
    for line in (Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def measure_workers(requests: int, extra_env: dict[str, str]) -> bool:
    workdir = Path(tempfile.mkdtemp(prefix="infant-mh-worker-memory-"))
    env = {"PAGE_CACHE_ENABLED": "false", "RUN_TASK_WORKER": "false"}
    env.update(extra_env)
    with running_site(workdir, extra_env=env) as site:
        assert site.process is not None
        # A first round makes the image renditions (in production the task worker makes them
        # when a file is saved, issue 12): then fresh workers, measured as they serve pages.
        for page in PAGES:
            fetch(site.base_url + page.path, timeout=30)
        first = set(children(site.process.pid))
        os.kill(site.process.pid, signal.SIGHUP)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (
            len(set(children(site.process.pid)) - first) < 2
            or set(children(site.process.pid)) & first
        ):
            time.sleep(0.2)
        for _round in range(requests):
            for page in PAGES:
                status = fetch(site.base_url + page.path, timeout=30)[0]
                assert status == 200, (page.path, status)
        workers = children(site.process.pid)
        master = site.process.pid
        print(
            f"gunicorn master {master}: RSS {memory_kib(master)['VmRSS'] / 1024:.1f} MiB, "
            f"PSS {pss_kib(master) / 1024:.1f} MiB"
        )
        passed = True
        for pid in workers:
            memory = memory_kib(pid)
            rss = memory["VmRSS"] / 1024
            passed = passed and rss <= BUDGET_MIB
            print(
                f"worker {pid}: RSS {rss:.1f} MiB (peak {memory['VmHWM'] / 1024:.1f} MiB, "
                f"anonymous {memory.get('RssAnon', 0) / 1024:.1f} MiB, "
                f"file {memory.get('RssFile', 0) / 1024:.1f} MiB), PSS {pss_kib(pid) / 1024:.1f} MiB "
                f"{'within' if rss <= BUDGET_MIB else 'OVER'} the {BUDGET_MIB:.0f} MiB budget"
            )
    return passed


def count_modules() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="infant-mh-worker-modules-"))
    site = prepare_environment(workdir)
    try:
        from infant_mh.lean_imports import import_lean_after_setup, import_lean_before_setup

        import_lean_before_setup()  # as infant_mh/wsgi.py does in a worker
        client = WsgiClient()
        import_lean_after_setup()
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018  (the URLconf, as the first request loads it)
        for page in PAGES:
            client.get(page.path)
        loaded = sorted(sys.modules)
        print(f"modules loaded after one render of each page type: {len(loaded)}")
        for package in WATCHED:
            print(f"  {package}: {'LOADED' if package in sys.modules else 'not loaded'}")
    finally:
        from django.db import connections

        connections.close_all()
        site.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="rounds over the page types")
    parser.add_argument("--modules", action="store_true", help="also count loaded modules")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for gunicorn, e.g. GUNICORN_CMD_ARGS=--preload or "
        "MALLOC_ARENA_MAX=4 (repeatable)",
    )
    args = parser.parse_args()
    extra_env = dict(item.split("=", 1) for item in args.env)
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores) {extra_env}")
    passed = measure_workers(args.requests, extra_env)
    if args.modules:
        count_modules()
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
