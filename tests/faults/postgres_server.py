"""A throwaway PostgreSQL server for fault tests: Debian's binaries, a data directory in a temp
folder, trust authentication on a free loopback port. Never the shared server: these tests stop
it and freeze it. CI needs the `postgresql` package (its binaries in /usr/lib/postgresql/*/bin)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from tests.live_site import free_port


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    return found[-1].parent if found else None


class ThrowawayPostgres:
    """initdb, start, stop (immediately, like a crash), freeze and thaw one server."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="infant-mh-faults-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        # initdb and pg_ctl refuse to run as root: run them as the postgres user then.
        self._as_owner: list[str] = []
        if os.geteuid() == 0:
            self._as_owner = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
        self._frozen: list[int] = []

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self._as_owner, str(self.bin_dir / tool), *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            "-c fsync=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def stop_immediately(self) -> None:
        """Like a crash: no checkpoint, clients cut off (pg_ctl stop -m immediate)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def processes(self) -> list[int]:
        """The postmaster and all its children (backends and background workers)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        pids = [postmaster]
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == postmaster:
                pids.append(int(proc.name))
        return pids

    def freeze(self) -> None:
        """SIGSTOP every server process: connections stay open, nothing answers."""
        self._frozen = self.processes()
        for pid in self._frozen:
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in self._frozen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self._frozen = []

    def load(self, name: str, dump_of_url: str) -> None:
        """Create database `name` holding a copy of another server's database (pg_dump)."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        dump = subprocess.run(
            [str(self.bin_dir / "pg_dump"), "--no-owner", "--no-privileges", dump_of_url],
            check=True,
            capture_output=True,
            timeout=120,
        ).stdout
        subprocess.run(
            [str(self.bin_dir / "psql"), "-q", "-v", "ON_ERROR_STOP=1", self.url(name)],
            input=dump,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def destroy(self) -> None:
        self.thaw()
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
