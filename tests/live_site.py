"""A real deployment of the site for tests: its own database, migrated and seeded, served by
gunicorn with the production settings on a free loopback port (not Django's test server).

Migrating Wagtail from scratch takes tens of seconds, so each test session migrates (and seeds)
one template database and media folder, and every deployment starts from a copy of it
(PostgreSQL's `CREATE DATABASE … TEMPLATE`, or a copy of the SQLite file). The template itself
starts from a copy of the session's test database, taken as soon as pytest-django has migrated
it (tests/conftest.py), when the session has one.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import http.client
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import dj_database_url

from tests.site_console import SiteConsole

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper

ROOT = Path(__file__).resolve().parent.parent
STATIC_CACHE = ROOT / ".cache"

# tests/conftest.py clears this while a test that is not marked `live` runs: starting a
# deployment then means the tier marking missed it (the fast tier must never start gunicorn).
deployments_allowed = True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def collected_static_root(env: dict[str, str]) -> Path:
    """collectstatic (compressing Wagtail's admin assets takes a minute) once per content:
    cached under .cache/, keyed by the static sources and the locked runtime dependencies."""
    digest = hashlib.sha256((ROOT / "requirements" / "base.lock").read_bytes())
    # The project's static/ and every app's own static/ folder (e.g. pages/static/).
    for path in sorted([*ROOT.glob("static/**/*"), *ROOT.glob("*/static/**/*")]):
        if path.is_file() and ".venv" not in path.parts and "node_modules" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    target = STATIC_CACHE / f"staticfiles-{digest.hexdigest()[:16]}"
    if (target / "staticfiles.json").exists():
        return target
    STATIC_CACHE.mkdir(exist_ok=True)
    # Concurrent test runs (CI's SQLite and PostgreSQL runs, xdist workers) wait for one collector.
    with (STATIC_CACHE / "collecting.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "staticfiles.json").exists():
            staging = Path(tempfile.mkdtemp(dir=STATIC_CACHE, prefix="collecting-"))
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env={**env, "STATIC_ROOT": str(staging)},
                check=True,
                timeout=900,
            )
            try:
                staging.rename(target)
            except OSError:  # a collector that does not take the lock finished first
                shutil.rmtree(staging, ignore_errors=True)
    return target


# --- Databases ------------------------------------------------------------------------------


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def _database_name(url: str) -> str:
    return dj_database_url.parse(url)["NAME"]


def _server_admin(url: str):
    import psycopg

    return psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)


def _new_database_url(workdir: Path) -> str:
    """Where a new deployment's database goes: beside DATABASE_URL's, or a SQLite file."""
    base_url = os.environ.get("DATABASE_URL", "")
    if _is_postgres(base_url):
        return base_url.rsplit("/", 1)[0] + f"/infant_mh_live_{uuid.uuid4().hex[:10]}"
    return f"sqlite:///{workdir / 'live.sqlite3'}"


def _create_database(url: str, copy_of: str | None = None) -> None:
    if _is_postgres(url):
        template = f' TEMPLATE "{_database_name(copy_of)}"' if copy_of else ""
        with _server_admin(url) as conn:
            conn.execute(f'CREATE DATABASE "{_database_name(url)}"{template}')
    elif copy_of:
        source = _database_name(copy_of)
        with sqlite3.connect(source) as conn:  # fold the WAL into the main file first
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(source, _database_name(url))


# A copy of the test session's own database, just migrated (tests/conftest.py makes it before
# the first deployment when the session has live tests): the live templates start from it and
# Wagtail is migrated once per session instead of twice.
_migrated_copy: str | None = None


def keep_migrated_copy(connection: BaseDatabaseWrapper) -> None:
    """Copy the test database `connection` has just migrated, for `_template_site`."""
    global _migrated_copy
    workdir = Path(tempfile.mkdtemp(prefix="infant-mh-migrated-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    url = _new_database_url(workdir)
    if connection.vendor == "postgresql":
        source = connection.settings_dict["NAME"]
        connection.close()  # a template database may have no other session
        with _server_admin(url) as admin:
            admin.execute(f'CREATE DATABASE "{_database_name(url)}" TEMPLATE "{source}"')
        atexit.register(_drop_database, url)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(_database_name(url)) as target:
            connection.connection.backup(target)  # the test database may live in memory
        target.close()
    else:
        return
    _migrated_copy = url


def _drop_database(url: str) -> None:
    if _is_postgres(url):
        with _server_admin(url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_database_name(url)}" WITH (FORCE)')


# --- Deployments ----------------------------------------------------------------------------


class LiveSite:
    """Handle on a deployment: its URL, environment, database and manage.py."""

    def __init__(
        self,
        workdir: Path,
        extra_env: dict[str, str] | None = None,
        database_url: str | None = None,
    ):
        self.workdir = workdir
        self.port = free_port()
        # Sharing another site's database: that site owns it and drops it.
        self.owns_database = database_url is None
        self.database_url = database_url or _new_database_url(workdir)
        self.media_root = workdir / "media"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "infant_mh.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": self.base_url,
            "HTTPS_ONLY": "false",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_root),
            "CACHE_DIR": str(workdir / "cache"),
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": "2",
            **(extra_env or {}),
        }
        self.process: subprocess.Popen | None = None
        self.console: SiteConsole | None = None
        self.log_path = workdir / "gunicorn.log"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _move_to_a_free_port(self) -> None:
        """Another process took the port between free_port() and gunicorn binding it."""
        old_origin = self.base_url
        self.port = free_port()
        self.env["PORT"] = str(self.port)
        self.env["CSRF_TRUSTED_ORIGINS"] = self.env["CSRF_TRUSTED_ORIGINS"].replace(
            old_origin, self.base_url
        )

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """`manage.py` with the deployment's environment; `shell -c CODE` runs in the site's
        console (tests/site_console.py), which starts Django once for all of them."""
        if len(args) == 3 and args[:2] == ("shell", "-c"):
            if self.console is None:
                self.console = SiteConsole(ROOT, self.env, self.workdir / "console.log")
            return self.console.run(args[2], check=check)
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def prepare(self, seed: bool = True) -> None:
        """Start from a copy of the session's migrated (and seeded) template deployment."""
        template = _template_site(seed)
        _create_database(self.database_url, copy_of=template.database_url)
        if template.media_root.exists():
            shutil.copytree(template.media_root, self.media_root, dirs_exist_ok=True)

    def start(self) -> None:
        self.env["STATIC_ROOT"] = str(collected_static_root(self.env))
        for _attempt in range(3):
            if self._serve():
                return
            self._move_to_a_free_port()
        raise RuntimeError(f"gunicorn found no free port:\n{self.log_path.read_text()}")

    def _serve(self) -> bool:
        """Start gunicorn and wait until it answers; False if its port was taken meanwhile."""
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "infant_mh/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.log_path.read_text()
                if "Address already in use" in output:
                    return False
                raise RuntimeError(f"gunicorn exited early:\n{output}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/robots.txt")
                conn.getresponse().read()
                conn.close()
                return True
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in time:\n{self.log_path.read_text()}")

    def task_worker_pids(self) -> list[int]:
        """The live task workers (`run_worker`) gunicorn's master started (RUN_TASK_WORKER)."""
        assert self.process is not None, "the site is not running"
        pids = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                stat = (proc / "stat").read_text()
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            state, parent = stat.rsplit(")", 1)[1].split()[:2]
            if int(parent) == self.process.pid and "run_worker" in cmdline and state != "Z":
                pids.append(int(proc.name))
        return pids

    def stop(self) -> None:
        if self.console is not None:
            self.console.close()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.owns_database:
            _drop_database(self.database_url)


_templates: dict[bool, LiveSite] = {}


def _template_site(seed: bool) -> LiveSite:
    """The session's migrated (and, if asked, seeded) deployment that others copy. It starts
    from the test database's migrated copy when there is one (`migrate` then confirms, under
    the production settings, that nothing is left to apply), else from an empty database."""
    if seed not in _templates:
        site = LiveSite(Path(tempfile.mkdtemp(prefix="infant-mh-live-template-")))
        _create_database(site.database_url, copy_of=_migrated_copy)
        atexit.register(shutil.rmtree, site.workdir, ignore_errors=True)
        atexit.register(_drop_database, site.database_url)
        site.manage("migrate", "--noinput", "-v0")
        if seed:
            site.manage("seed_content", "--if-empty")
        _templates[seed] = site
    return _templates[seed]


@contextmanager
def running_site(
    workdir: Path,
    seed: bool = True,
    extra_env: dict[str, str] | None = None,
    database_url: str | None = None,
) -> Iterator[LiveSite]:
    """Serve the site; with `database_url`, reuse that (already prepared) database."""
    if not deployments_allowed:
        raise RuntimeError(
            "a test not marked `live` started a deployment: teach tests/conftest.py's "
            "needs_live_site() how this test reaches running_site()"
        )
    site = LiveSite(workdir, extra_env, database_url)
    try:
        if database_url is None:
            site.prepare(seed=seed)
        site.start()
        yield site
    finally:
        site.stop()


if __name__ == "__main__":
    # `python -m tests.live_site`: collect the static files ahead of the live tests (CI does it
    # while it lints).
    print(collected_static_root(LiveSite(Path(tempfile.gettempdir())).env))
