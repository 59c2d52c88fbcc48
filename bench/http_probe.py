"""Small HTTP helpers for the benchmarks: fetch a page, wait until a server answers."""

from __future__ import annotations

import http.client
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit


def fetch(url: str, timeout: float = 10) -> tuple[int, list[tuple[str, str]], bytes]:
    """GET `url` on a new connection: status, headers and body (no content coding asked for)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path or "/")
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def wait_until_serving(url: str, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    """Return once `url` answers; fail with the server's log if it exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited early:\n{_tail(log)}")
        try:
            fetch(url, timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered at {url} within {timeout:.0f} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-4000:] if log.exists() else "(no log)"
