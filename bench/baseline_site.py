"""The site as it was before issue 12, deployed beside today's so `make bench` measures both in
one run on the same machine.

The code at BASELINE_COMMIT (no page cache) is checked out in a detached git worktree under a
temporary folder and served as that commit served itself: its own production settings and
`infant_mh/gunicorn.conf.py` (gunicorn runs in the worktree), its own static files collected from
its own tree, and its own database, migrated and seeded by its own manage.py (a SQLite file in the
temporary folder, or a new database beside DATABASE_URL's PostgreSQL one, dropped afterwards).
Today's virtualenv runs it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from http_probe import wait_until_serving

from tests.live_site import ROOT, LiveSite, _create_database

BASELINE_COMMIT = "c084862"  # the last commit before issue 12


def _git(*args: str, check: bool = True) -> str:
    completed = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if completed.returncode and check:
        raise SystemExit(f"git {' '.join(args)} failed:\n{completed.stderr}")
    return completed.stdout.strip()


def resolve(commit: str) -> str:
    """The full hash of `commit`, or a clear error if this repository does not have it."""
    try:
        return _git("rev-parse", "--verify", f"{commit}^{{commit}}")
    except SystemExit:
        raise SystemExit(f"--baseline {commit}: no such commit in this repository") from None


class BaselineSite(LiveSite):
    """A deployment (tests/live_site.py's environment) of the code checked out in `tree`."""

    def __init__(self, workdir: Path, tree: Path, commit: str) -> None:
        """`commit`: the full hash checked out in `tree`."""
        super().__init__(workdir)
        self.tree = tree
        self.commit = commit
        self.env["STATIC_ROOT"] = str(workdir / "static")
        self.env.pop("PYTHONPATH", None)  # its own code only

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Its own manage.py; a failure shows its error output."""
        completed = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.tree,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if check and completed.returncode:
            raise RuntimeError(
                f"manage.py {args[0]} failed at {self.commit}:\n{completed.stderr[-4000:]}"
            )
        return completed

    def prepare(self, seed: bool = True) -> None:
        """A new database, migrated and seeded, while its static files are collected."""
        _create_database(self.database_url)
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=self.tree,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            self.manage("migrate", "--noinput", "-v0")
            if seed:
                self.manage("seed_content", "--if-empty")
        finally:
            _, errors = collect.communicate(timeout=900)
        if collect.returncode:
            raise RuntimeError(f"collectstatic failed at {self.commit}:\n{errors[-4000:]}")

    def start(self) -> None:
        """gunicorn as the commit's own config runs it, from its tree."""
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "infant_mh/gunicorn.conf.py"],
            cwd=self.tree,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until_serving(f"{self.base_url}/robots.txt", self.process, self.log_path, timeout=60)


@contextmanager
def baseline_site(workdir: Path, commit: str = BASELINE_COMMIT) -> Iterator[BaselineSite]:
    """Serve the site as it was at `commit`; its worktree and database are removed afterwards."""
    full_hash = resolve(commit)
    tree = workdir / "tree"
    _git("worktree", "prune")
    _git("worktree", "add", "--detach", str(tree), full_hash)
    try:
        site = BaselineSite(workdir, tree, full_hash)
        try:
            site.prepare()
            site.start()
            yield site
        finally:
            site.stop()
    finally:
        _git("worktree", "remove", "--force", str(tree), check=False)
        if tree.exists():
            print(f"warning: could not remove the worktree {tree}", file=sys.stderr)
