"""Edge caches against the physical limit: cached pages per second from Varnish (as deployed and
tuned) and from nginx's proxy cache, each as a ratio to nginx serving the same saved bytes.

Usage (from the repository root; `make bench` installs wrk, nginx and varnish if missing):
    .venv/bin/python bench/edge_compare.py [--rounds 2] [--seconds 2] [--connections 8]

What runs, all on loopback (a benchmark, not a test):
- one gunicorn deployment as `make run` serves the site (tests/live_site.py, production settings,
  page cache on, a fresh seeded SQLite database): the origin every edge fetches its misses from;
- the physical limit: nginx serving each page's saved HTML and headers (bench/nginx_static.py);
- the edges, each with keep-alive from wrk:
  `page-files` nginx with deploy/nginx.conf (bench/proxy_edge.py) sending the page files the
  origin writes (caching/page_files.py), in front of the origin, as compose's proxy;
  `varnish` (as the TLS proxy would hold its connections) deploy/varnish.vcl with varnishd's parameters as compose runs it
  (deploy/varnish-params.cli);
  `varnish-default` the same VCL with Varnish's default parameters;
  `varnish-minimal` a VCL with no logic at all (cache what the origin allows), the deployed
  parameters: the ceiling of any VCL fast path;
  `nginx-cache` nginx's proxy_cache (cache on tmpfs, freshness from the origin's s-maxage,
  open_file_cache, stale copies served while one request refreshes them).
Each page (home, parents) is loaded with wrk for --seconds per edge, in interleaved rounds in a
different order each round, after a warm-up that leaves every edge holding the page (checked: the
cached copy's body is the saved one). Requests per second are the median over rounds; server CPU
per request (the server's processes, from /proc, over every run) depends less on what else the
machine is running.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from http_probe import fetch, wait_until_serving  # noqa: E402
from nginx_static import NGINX, SavedPage, StaticServer, nginx_config  # noqa: E402
from process_usage import cpu_seconds, machine_load, process_tree, stop_process  # noqa: E402
from proxy_edge import ProxyEdge  # noqa: E402
from varnish_edge import VARNISH_PARAMETERS, VARNISHD, edge_vcl  # noqa: E402
from wrk_load import run_wrk, write_reporter  # noqa: E402

from tests.live_site import free_port, running_site  # noqa: E402

PAGES: dict[str, str] = {"home": "/", "parents": "/parents/"}
# varnishd as docker-compose.yml's cache service runs it: deploy/varnish-params.cli sets one
# thread pool (two cores, shared with wrk), idle threads ready for every connection, and none of
# the per-request shared-memory log records (perf: their printf formatting is ~7 % of the cache
# process; the rest is mostly waking one thread per request).
DEPLOYED_PARAMETERS = ["-s", "malloc,256m", "-I", str(VARNISH_PARAMETERS)]
# Varnish's own defaults, for comparison (the deployment before these parameters).
DEFAULT_PARAMETERS = ["-s", "malloc,256m"]
# No logic at all. Without the deployed VCL's per-encoding copies varnishd would store gzip and
# gunzip it for wrk (which asks for no encoding) on every hit: gzip support off.
MINIMAL_VCL = """vcl 4.1;
backend web { .host = "127.0.0.1"; .port = "@PORT@"; }
sub vcl_recv { unset req.http.Cookie; }
"""
MINIMAL_PARAMETERS = [*DEPLOYED_PARAMETERS, "-p", "http_gzip_support=off"]


@dataclass
class Edge:
    """One edge cache process tree, started by `start` and stopped by `stop`."""

    key: str
    label: str
    port: int
    start: Callable[[], subprocess.Popen]
    process: subprocess.Popen | None = field(default=None, init=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop_process(self.process, timeout=15)


def varnish_edge(
    workdir: Path, key: str, label: str, origin_port: int, vcl: str, parameters: list[str]
) -> Edge:
    """varnishd in the foreground with `vcl` and `parameters`; its files under `workdir`."""
    port = free_port()
    folder = workdir / key
    folder.mkdir(mode=0o755)
    vcl_path = folder / "edge.vcl"
    vcl_path.write_text(vcl)

    def start() -> subprocess.Popen:
        command = [
            *(VARNISHD, "-F", "-j", "none", "-n", str(folder / "instance"), "-T", "none"),
            *("-a", f"127.0.0.1:{port}", "-f", str(vcl_path), *parameters),
        ]
        log = folder / "varnishd.log"
        process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT)
        wait_until_serving(f"http://127.0.0.1:{port}/robots.txt", process, log)
        return process

    return Edge(key, label, port, start)


def nginx_cache_config(workdir: Path, port: int, origin_port: int) -> str:
    """nginx as the edge: proxy_cache on tmpfs, freshness as the origin's Cache-Control says."""
    return nginx_config(
        workdir,
        f"""  proxy_cache_path {workdir / "cache"} levels=1:2 keys_zone=edge:10m max_size=256m
                   inactive=1h use_temp_path=off;
  upstream web {{ server 127.0.0.1:{origin_port}; keepalive 16; }}
  map $http_cookie $signed_in {{ default 0; "~(^|;)\\s*sessionid=" 1; }}
  map $http_accept_encoding $edge_encoding {{
    default identity; "~*(^|,)\\s*br\\s*(,|;|$)" br; "~*(^|,)\\s*gzip\\s*(,|;|$)" gzip;
  }}
  server {{
    listen 127.0.0.1:{port} reuseport;
    open_file_cache max=1000 inactive=60s;
    open_file_cache_valid 5s;
    location / {{
      proxy_pass http://web;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header Cookie "";
      proxy_set_header Accept-Encoding $edge_encoding;
      proxy_cache edge;
      proxy_cache_key $scheme$host$request_uri$edge_encoding;
      proxy_cache_bypass $signed_in $http_authorization;
      proxy_no_cache $signed_in $http_authorization;
      proxy_cache_lock on;
      proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;
      proxy_cache_background_update on;
      proxy_cache_revalidate on;
      add_header X-Cache $upstream_cache_status;
    }}
  }}
""",
    )


def nginx_cache_edge(workdir: Path, origin_port: int) -> Edge:
    """nginx's proxy cache in front of the origin, its cache on tmpfs (/dev/shm)."""
    port = free_port()
    folder = workdir / "nginx-cache"
    for sub in ("temp", "cache"):
        (folder / sub).mkdir(parents=True)
    shm = Path(tempfile.mkdtemp(prefix="edge-compare-", dir="/dev/shm"))
    (folder / "cache").rmdir()
    (folder / "cache").symlink_to(shm)
    config = folder / "nginx.conf"
    config.write_text(nginx_cache_config(folder, port, origin_port))

    def start() -> subprocess.Popen:
        log = folder / "nginx.out"
        process = subprocess.Popen(
            [NGINX, "-c", str(config), "-p", str(folder)],
            stdout=log.open("w"),
            stderr=log.open("a"),
        )
        wait_until_serving(f"http://127.0.0.1:{port}/robots.txt", process, folder / "error.log")
        return process

    edge = Edge("nginx-cache", "nginx proxy_cache (tmpfs)", port, start)
    original_stop = edge.stop

    def stop() -> None:
        original_stop()
        shutil.rmtree(shm, ignore_errors=True)

    edge.stop = stop  # type: ignore[method-assign]
    return edge


def page_files_edge(workdir: Path, origin_port: int, edge_pages: Path) -> Edge:
    """nginx as deployed, sending the origin's page files (misses go to the origin)."""
    proxy = ProxyEdge(workdir / "page-files", free_port(), free_port(), origin_port, edge_pages)

    def start() -> subprocess.Popen:
        proxy.start()
        assert proxy.process is not None
        return proxy.process

    return Edge("page-files", "nginx page files, as deployed", proxy.port, start)


def check_cached(edges: list[Edge], saved: dict[str, SavedPage]) -> dict[str, dict[str, str]]:
    """Fetch every page through every edge until it is a hit with the saved body; the hit header."""
    seen: dict[str, dict[str, str]] = {}
    for edge in edges:
        seen[edge.key] = {}
        for name, path in PAGES.items():
            for _ in range(3):
                status, headers, body = fetch(edge.base_url + path)
            cache = next((v for k, v in headers if k.lower() == "x-cache"), "")
            if status != 200 or len(body) != len(saved[name].body):
                raise SystemExit(
                    f"{edge.label} {path}: {status}, {len(body)} bytes "
                    f"(saved: {len(saved[name].body)})"
                )
            if not cache.startswith("HIT") and cache:  # the empty VCL sends no X-Cache
                raise SystemExit(f"{edge.label} {path}: not cached (X-Cache {cache})")
            seen[edge.key][name] = cache or "(no header)"
    return seen


@contextlib.contextmanager
def started(edges: list[Edge]) -> Iterator[None]:
    try:
        for edge in edges:
            edge.process = edge.start()
        yield
    finally:
        for edge in edges:
            edge.stop()


def run(args: argparse.Namespace) -> dict:
    load_at_start = machine_load()
    with contextlib.ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="edge-compare-")))
        workdir.chmod(0o755)
        reporter = write_reporter(workdir)
        print("Preparing the origin (migrate, seed, collect static)...", flush=True)
        (workdir / "origin").mkdir()
        # On tmpfs, as compose's `edge-pages` volume.
        edge_pages = Path(stack.enter_context(tempfile.TemporaryDirectory(dir="/dev/shm")))
        edge_pages.chmod(0o755)
        origin = stack.enter_context(
            running_site(
                workdir / "origin",
                extra_env={
                    "PAGE_CACHE_ENABLED": "true",
                    "CACHE_DIR": str(workdir / "cache"),
                    "EDGE_PAGES_DIR": str(edge_pages),
                },
            )
        )
        origin.manage("write_edge_pages_config", "--host", "127.0.0.1", "--scheme", "http")
        pages = []
        for name, path in PAGES.items():
            status, headers, body = fetch(origin.base_url + path)
            if status != 200:
                raise SystemExit(f"{path} answered {status} at the origin")
            control = next((v for k, v in headers if k.lower() == "cache-control"), "")
            print(f"  {path}: {len(body)} bytes, Cache-Control: {control}", flush=True)
            pages.append(SavedPage(name, headers, body))
        static = StaticServer(workdir / "static", free_port(), pages)
        stack.callback(static.stop)
        static.start()
        deployed_vcl, _ = edge_vcl(origin.port)
        minimal_vcl = MINIMAL_VCL.replace("@PORT@", str(origin.port))
        edges = [
            page_files_edge(workdir, origin.port, edge_pages),
            varnish_edge(
                workdir,
                "varnish",
                "Varnish, as deployed",
                origin.port,
                deployed_vcl,
                DEPLOYED_PARAMETERS,
            ),
            varnish_edge(
                workdir,
                "varnish-default",
                "Varnish, default parameters",
                origin.port,
                deployed_vcl,
                DEFAULT_PARAMETERS,
            ),
            varnish_edge(
                workdir,
                "varnish-minimal",
                "Varnish, empty VCL",
                origin.port,
                minimal_vcl,
                MINIMAL_PARAMETERS,
            ),
            nginx_cache_edge(workdir, origin.port),
        ]
        edges = [e for e in edges if not args.only or e.key in args.only]
        stack.enter_context(started(edges))
        saved = {page.name: page for page in pages}
        hits = check_cached(edges, saved)

        def target(key: str, name: str) -> str:
            if key == "nginx-static":
                return static.url(name)
            return next(e for e in edges if e.key == key).base_url + PAGES[name]

        def server_pids(key: str) -> list[int]:
            if key == "nginx-static":
                return static.pids()
            process = next(e for e in edges if e.key == key).process
            assert process is not None
            return process_tree(process.pid)

        keys = ["nginx-static", *(e.key for e in edges)]
        runs: dict[tuple[str, str], list[float]] = {(k, n): [] for k in keys for n in PAGES}
        cpu = dict.fromkeys(runs, 0.0)
        served = dict.fromkeys(runs, 0)
        for round_number in range(args.rounds):
            order = keys[round_number % len(keys) :] + keys[: round_number % len(keys)]
            for name in PAGES:
                for key in order:
                    pids = server_pids(key)
                    before = cpu_seconds(pids)
                    result = run_wrk(
                        target(key, name),
                        seconds=args.seconds,
                        connections=args.connections,
                        threads=args.threads,
                        keep_alive=True,
                        reporter=reporter,
                    )
                    if result.errors:
                        raise SystemExit(f"{key} {name}: {result.errors} errors under load")
                    runs[key, name].append(result.requests_per_second)
                    cpu[key, name] += cpu_seconds(pids) - before
                    served[key, name] += result.requests
            print(f"  round {round_number + 1} of {args.rounds} done", flush=True)
    figures: dict[str, dict[str, dict[str, float]]] = {}
    for key in keys:
        figures[key] = {}
        for name in PAGES:
            rps = statistics.median(runs[key, name])
            base = statistics.median(runs["nginx-static", name])
            figures[key][name] = {
                "requests_per_second": round(rps),
                "ratio": round(rps / base, 2),
                "server_cpu_us_per_request": round(1e6 * cpu[key, name] / served[key, name], 1),
            }
    return {
        "settings": vars(args),
        "machine_load": {"start": load_at_start, "end": machine_load()},
        "labels": {"nginx-static": "nginx static, keep-alive", **{e.key: e.label for e in edges}},
        "x_cache": hits,
        "figures": figures,
    }


def print_table(report: dict) -> None:
    load = report["machine_load"]
    print(
        f"\nLoad average {load['start']['load_1m']:.1f} at the start, "
        f"{load['end']['load_1m']:.1f} at the end ({load['end']['cores']} cores)."
    )
    print(
        "| Server | "
        + " | ".join(f"{n}: req/s (x nginx), server CPU µs/request" for n in PAGES)
        + " |"
    )
    print("|---|" + "---|" * len(PAGES))
    for key, cells in report["figures"].items():
        row = " | ".join(
            f"{c['requests_per_second']:,} ({c['ratio']:.2f}), {c['server_cpu_us_per_request']}"
            for c in cells.values()
        )
        print(f"| {report['labels'][key]} | {row} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds")
    parser.add_argument("--seconds", type=float, default=2, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--only", nargs="*", help="edge keys to run (default: all)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    report = run(args)
    print_table(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
