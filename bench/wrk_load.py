"""One bounded `wrk` run against one URL, its figures read back as JSON.

wrk's Lua `done()` hook prints the totals and latency percentiles on one line, so nothing depends
on the layout of wrk's human-readable report. Without keep-alive means every request sends
`Connection: close` and wrk opens a new connection for the next one (its latency figures time the
request and response, not the connect).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

MARKER = "WRK-JSON "

REPORTER = """
done = function(summary, latency, requests)
  io.write(string.format(
    '@MARKER@{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, '
    .. '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, '
    .. '"p50_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
""".replace("@MARKER@", MARKER)


@dataclass(frozen=True)
class LoadResult:
    """What one wrk run measured."""

    requests: int
    seconds: float
    bytes: int
    errors: int  # connect, read, write, timeouts, and responses that were not 2xx/3xx
    p50_ms: float
    p99_ms: float
    max_ms: float

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "requests_per_second": self.requests_per_second}


def wrk_path() -> str:
    """The wrk binary, or a clear error (make bench installs it)."""
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is not installed: `make bench` installs it (apt-get install wrk).")
    return path


def write_reporter(directory: Path) -> Path:
    """The Lua script that makes wrk print its figures as JSON."""
    script = directory / "wrk_report.lua"
    script.write_text(REPORTER)
    return script


def run_wrk(
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int,
    keep_alive: bool,
    reporter: Path,
) -> LoadResult:
    """Load `url` for `seconds` with `connections` open connections over `threads` threads."""
    command = [
        wrk_path(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(reporter),
    ]
    if not keep_alive:
        command += ["-H", "Connection: close"]
    completed = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    line = next(
        (row for row in completed.stdout.splitlines() if row.startswith(MARKER)),
        None,
    )
    if line is None:
        raise RuntimeError(f"wrk printed no figures for {url}:\n{completed.stdout}")
    raw = json.loads(line[len(MARKER) :])
    return LoadResult(
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        bytes=raw["bytes"],
        errors=sum(
            raw[key]
            for key in (
                "connect_errors",
                "read_errors",
                "write_errors",
                "status_errors",
                "timeouts",
            )
        ),
        p50_ms=raw["p50_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
    )
