"""A real deployment of the site for tests: its own database, migrated and seeded, served by
gunicorn with the production settings on a free loopback port (not Django's test server)."""

from __future__ import annotations

import hashlib
import http.client
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
STATIC_CACHE = ROOT / ".cache"


def collected_static_root(env: dict[str, str]) -> Path:
    """collectstatic (compressing Wagtail's admin assets takes a minute) once per content:
    cached under .cache/, keyed by the static sources and the locked dependencies."""
    digest = hashlib.sha256((ROOT / "requirements" / "dev.lock").read_bytes())
    for path in sorted((ROOT / "static").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    target = STATIC_CACHE / f"staticfiles-{digest.hexdigest()[:16]}"
    if not (target / "staticfiles.json").exists():
        STATIC_CACHE.mkdir(exist_ok=True)
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
        except OSError:  # another process finished first
            shutil.rmtree(staging, ignore_errors=True)
    return target


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fresh_database_url(workdir: Path) -> str:
    """A new empty database beside the one DATABASE_URL names (PostgreSQL), or a SQLite file."""
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'live.sqlite3'}"
    import psycopg

    name = f"infant_mh_live_{uuid.uuid4().hex[:10]}"
    config = dj_database_url.parse(base_url)
    admin_dsn = base_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.replace(f"/{config['NAME']}", f"/{name}", 1)


def _drop_database(url: str) -> None:
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    name = dj_database_url.parse(url)["NAME"]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class LiveSite:
    """Handle on a running deployment: its URL, environment and manage.py."""

    def __init__(
        self,
        workdir: Path,
        extra_env: dict[str, str] | None = None,
        database_url: str | None = None,
    ):
        self.workdir = workdir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        # Sharing another site's database: that site owns it and drops it.
        self.owns_database = database_url is None
        self.database_url = database_url or _fresh_database_url(workdir)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "infant_mh.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": self.base_url,
            "HTTPS_ONLY": "false",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(workdir / "media"),
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": "2",
            **(extra_env or {}),
        }
        self.process: subprocess.Popen | None = None
        self.log_path = workdir / "gunicorn.log"

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
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
        self.manage("migrate", "--noinput", "-v0")
        if seed:
            self.manage("seed_content", "--if-empty")

    def start(self) -> None:
        self.env["STATIC_ROOT"] = str(collected_static_root(self.env))
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
                raise RuntimeError(f"gunicorn exited early:\n{self.log_path.read_text()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/robots.txt")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in time:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.owns_database:
            _drop_database(self.database_url)


@contextmanager
def running_site(
    workdir: Path,
    seed: bool = True,
    extra_env: dict[str, str] | None = None,
    database_url: str | None = None,
) -> Iterator[LiveSite]:
    """Serve the site; with `database_url`, reuse that (already prepared) database."""
    site = LiveSite(workdir, extra_env, database_url)
    try:
        if database_url is None:
            site.prepare(seed=seed)
        site.start()
        yield site
    finally:
        site.stop()
