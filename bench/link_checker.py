"""The link checker over the seeded site's real addresses, every request answered by a loopback
server (nothing leaves this machine), against a budget of 100 addresses in 30 s with 8 workers.

Usage (from the repository root):
    .venv/bin/python bench/link_checker.py [--latency 0.2] [--concurrency 8] [--timeout 10]

It migrates and seeds a temporary SQLite database in this process, then runs the same
`run_link_check` the weekly task runs, with a connection factory that sends every request, whatever
its host or scheme, to a local HTTP server which answers each one after `--latency` seconds (a
stand-in for a real site's response time). A benchmark, not a test: it prints the figures and
exits 0 even when the budget is missed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import SplitResult

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_ADDRESSES = 100
BUDGET_SECONDS = 30.0
BUDGET_WORKERS = 8


def loopback_server(latency: float) -> tuple[ThreadingHTTPServer, list[str]]:
    """Answers 200 to every HEAD and GET after `latency` seconds; records each request line."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

        def do_HEAD(self):
            requests.append(f"{self.command} {self.headers['Host']}{self.path}")
            time.sleep(latency)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per answer")
    parser.add_argument("--concurrency", type=int, default=BUDGET_WORKERS)
    parser.add_argument("--timeout", type=float, default=10)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-linkcheck-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "infant_mh.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"

    import django

    django.setup()
    from django.core.management import call_command

    from linkcheck.extract import find_external_urls
    from linkcheck.models import CheckedAddress
    from linkcheck.run import checker_from_settings, run_link_check

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("seed_content", verbosity=0)
    print(f"migrate + seed_content: {time.monotonic() - started:.1f} s ({workdir})")

    server, requests = loopback_server(args.latency)
    port = server.server_address[1]

    class LoopbackConnection(http.client.HTTPConnection):
        """Names the real site in the Host header, but connects to the loopback server."""

        def connect(self) -> None:
            self.sock = socket.create_connection(("127.0.0.1", port), self.timeout)

    def to_loopback(parts: SplitResult, timeout: float) -> http.client.HTTPConnection:
        return LoopbackConnection(parts.hostname or "", timeout=timeout)

    uses = find_external_urls()
    addresses = {use.url for use in uses}
    checker = checker_from_settings(
        timeout=args.timeout, concurrency=args.concurrency, connect=to_loopback
    )
    started = time.monotonic()
    summary = run_link_check(checker)
    elapsed = time.monotonic() - started
    server.shutdown()

    budget = BUDGET_SECONDS * max(len(addresses), 1) / BUDGET_ADDRESSES
    print(f"uses of external addresses in the seeded content: {len(uses)}")
    print(f"unique addresses checked: {summary['addresses']} ({len(requests)} requests served)")
    print(f"result: {summary}")
    for address in CheckedAddress.objects.exclude(outcome="ok"):
        print(f"  not ok: {address.url} {address.result_text}")
    print(
        f"run time: {elapsed:.2f} s with {args.concurrency} workers, {args.timeout:g} s timeout, "
        f"{args.latency:g} s per answer"
    )
    print(
        f"budget: {BUDGET_ADDRESSES} addresses in {BUDGET_SECONDS:g} s with {BUDGET_WORKERS} "
        f"workers, i.e. {budget:.1f} s for {len(addresses)}: "
        + ("within budget" if elapsed <= budget else "OVER BUDGET")
    )


if __name__ == "__main__":
    main()
