"""CPU time and memory of a server's processes, read from /proc (Linux), and the machine's load.

A server is a root process and its descendants (gunicorn's master and workers, nginx's master and
workers, varnishd's manager and cache child), optionally leaving out some of them (the task worker
gunicorn runs beside itself serves no page).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")


def _stat_fields(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name (which may hold spaces)."""
    return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()


def _cmdline(pid: int) -> str:
    return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int(_stat_fields(int(entry.name))[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    return children


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    return _children_by_parent().get(pid, [])


def process_tree(root: int, leave_out: Callable[[str], bool] = lambda _cmd: False) -> list[int]:
    """`root` and its living descendants, without those whose command line `leave_out` matches
    (nor their descendants)."""
    children = _children_by_parent()
    found: list[int] = []
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            if leave_out(_cmdline(pid)) or _stat_fields(pid)[0] == "Z":
                continue
        except OSError:
            continue
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found


def cpu_seconds(pids: Iterable[int]) -> float:
    """User + system CPU time so far of these processes (those that have exited count 0)."""
    ticks = 0
    for pid in pids:
        try:
            fields = _stat_fields(pid)
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / CLOCK_TICKS


def rss_mib(pid: int) -> float:
    """Resident memory (VmRSS) of one process, in MiB."""
    for line in (PROC / str(pid) / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def machine_load() -> dict[str, float | int]:
    """The 1, 5 and 15 minute load averages and the number of cores."""
    one, five, fifteen = (
        float(value) for value in PROC.joinpath("loadavg").read_text().split()[:3]
    )
    return {"load_1m": one, "load_5m": five, "load_15m": fifteen, "cores": os.cpu_count() or 0}


def stop_process(process: subprocess.Popen | None, timeout: float) -> None:
    """SIGTERM a server still running; SIGKILL it if it has not exited after `timeout` seconds."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
