"""Public pages as files that the edge's nginx sends itself (README: Edge cache and CDN).

A cached page through Varnish costs about one and a half times the CPU of nginx sending a file.
So, as WordPress's page-cache plugins do, the origin also writes each public page it stores as a
file where nginx (deploy/nginx.conf) looks first; nginx falls back to the edge cache and the
origin when there is no file, and never uses one for a signed-in editor, a request with an
Authorization header, anything but GET and HEAD, or a query string outside a safe alphabet.

Under ``EDGE_PAGES_DIR`` (unset: no files):

- ``nginx/page-headers.conf``: the headers nginx adds to every page file (the security headers,
  ``Cache-Control``, ``Vary``) and their id, written by ``manage.py write_edge_pages_config``
  from a page the site renders. A page is written only when its own headers have that id, so a
  file is always sent with exactly the headers the origin would send.
- ``pages/current``: a symbolic link to the folder of the current generation and release;
  nginx reads every file through it.
- ``pages/g<generation>-<release>/<headers id>/<scheme>/<host><path>index[@<query>].html``, and
  the same with ``.gz`` for gzip (nginx's ``gzip_static``).

Staying exact:

- When public content changes, the process that changed it moves ``current`` to the new
  generation's (empty) folder right after the generation moves and before the edge cache is
  purged (``caching.apps``), so no file rendered earlier is found again: nginx looks each file
  up afresh every tenth of a second, so within 0.1 s of the commit. A page is written
  only into the folder ``current`` names, under the generation read before it was rendered.
- A page showing something time-bound (``cache_until``: a site notice's window, group sessions)
  is never written: files have no expiry, so those pages stay with the edge cache, whose
  ``s-maxage`` ends in time.
- Each gunicorn worker takes ``current`` over for its own release when it starts, so a
  deployment of new code never serves pages the old code rendered.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed

from .encoding import GZIP, IDENTITY
from .generation import current_generation
from .page_requests import request_host, request_scheme
from .release import release_fingerprint
from .stored_page import VARY, StoredPage, shared_cache_control

logger = logging.getLogger(__name__)

CONFIG_FILE = Path("nginx") / "page-headers.conf"
PAGES_FOLDER = "pages"
CURRENT_LINK = "current"
LOCK_FILE = ".lock"
HEADERS_ID_LINE = re.compile(r'^set \$edge_pages_headers "(h[0-9a-f]+)";$', re.MULTILINE)
# Headers whose ";"-separated parts may come in any order.
ORDERLESS_HEADERS = frozenset({"content-security-policy", "content-security-policy-report-only"})
# Addresses written as files: nginx's $host is lower case without a port; each path segment is
# plain (none empty or starting with a dot, so no "..") and the path ends with a slash (a page).
SAFE_SCHEMES = frozenset({"http", "https"})
SAFE_HOST = re.compile(r"[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?\Z")
SAFE_PATH = re.compile(r"/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,100}/){0,20}\Z")
# The query strings nginx looks up as files: the same alphabet and length as the
# `$edge_pages_file` map in deploy/nginx.conf (no slash, so a query names one file).
SAFE_QUERY = re.compile(r"[A-Za-z0-9_.=&%+-]{1,150}\Z")


def page_file_headers(page_headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every header a page file is sent with: the stored page's own, and the caching headers the
    page cache adds to each answer (``Cache-Control`` at its longest, ``Vary``)."""
    return [*page_headers, ("Cache-Control", shared_cache_control()), ("Vary", VARY)]


def page_headers_id(page_headers: tuple[tuple[str, str], ...]) -> str:
    """``headers_id`` of the headers a stored page's file is sent with, worked out once per
    header set (every page shares one; the edge's lifetime is part of the key)."""
    return _page_headers_id(page_headers, shared_cache_control())


@lru_cache(maxsize=16)
def _page_headers_id(page_headers: tuple[tuple[str, str], ...], _cache_control: str) -> str:
    return headers_id(page_file_headers(page_headers))


def canonical_value(name: str, value: str) -> str:
    """A header's value in a form that is the same for equal meanings: django-csp writes a
    policy's directives in an order that differs from process to process."""
    if name.lower() in ORDERLESS_HEADERS:
        return "; ".join(sorted(part.strip() for part in value.split(";") if part.strip()))
    return value


def headers_id(headers: Iterable[tuple[str, str]]) -> str:
    """A short digest of a header set, whatever its order, the names' case or the order of a
    policy's directives."""
    canonical = "\n".join(
        sorted(f"{name.lower()}: {canonical_value(name, value)}" for name, value in headers)
    )
    return "h" + hashlib.blake2b(canonical.encode(), digest_size=8).hexdigest()


def file_name(environ: Mapping[str, object]) -> str | None:
    """Where under a headers folder the page answering this request lives, or None when nginx
    would never look it up (see the module docstring)."""
    scheme = request_scheme(environ)
    host = request_host(environ)
    path = f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"
    query = str(environ.get("QUERY_STRING", ""))
    if scheme not in SAFE_SCHEMES or not SAFE_HOST.match(host) or not SAFE_PATH.match(path):
        return None
    if query and not SAFE_QUERY.match(query):
        return None
    return f"{scheme}/{host}{path}index{'@' + query if query else ''}.html"


def generation_folder(generation: int) -> str:
    return f"g{generation}-{release_fingerprint()}"


def _write_atomically(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # nginx's workers run as another user
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class PageFiles:
    """The page files under one ``EDGE_PAGES_DIR``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages = root / PAGES_FOLDER
        self.config = root / CONFIG_FILE
        self._config_seen: tuple[int, int] | None = None
        self._expected_id: str | None = None

    def expected_headers_id(self) -> str | None:
        """The headers id nginx was configured with (page-headers.conf), or None without one."""
        try:
            stat = os.stat(self.config)
        except FileNotFoundError:
            return None
        seen = (stat.st_mtime_ns, stat.st_size)
        if seen != self._config_seen:
            match = HEADERS_ID_LINE.search(self.config.read_text())
            self._expected_id = match.group(1) if match else None
            self._config_seen = seen
        return self._expected_id

    def write_config(self, headers: list[tuple[str, str]], source: str) -> str:
        """Write nginx's page-headers.conf for this header set; its id."""
        identifier = headers_id(headers)
        lines = [
            f"# Written by `manage.py write_edge_pages_config` from {source}:",
            "# the headers of every page file (caching/page_files.py). Included by nginx.",
            f'set $edge_pages_headers "{identifier}";',
        ]
        for name, value in headers:
            if name.lower() == "content-type":
                lines.append(f"default_type {_nginx_string(value)};")
            else:
                lines.append(f"add_header {name} {_nginx_string(value)};")
        self.config.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
        _write_atomically(self.config, ("\n".join(lines) + "\n").encode())
        return identifier

    def current(self) -> str | None:
        """The folder ``current`` points at, if any."""
        try:
            return os.readlink(self.pages / CURRENT_LINK)
        except FileNotFoundError:
            return None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.pages.mkdir(mode=0o755, parents=True, exist_ok=True)
        with open(self.pages / LOCK_FILE, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def follow_generation(self, rendered_under: int | None = None) -> bool:
        """Point ``current`` at this release's folder for the current generation (read under
        the lock, so concurrent changes end on the latest) and delete every other folder. With
        ``rendered_under``, only if that is still the current generation. True when ``current``
        names the folder for ``rendered_under`` (or the current generation)."""
        if rendered_under is not None and self.current() == generation_folder(rendered_under):
            return True
        with self._locked():
            generation = current_generation()
            if rendered_under is not None and rendered_under != generation:
                return False
            wanted = generation_folder(generation)
            if self.current() == wanted:
                return True
            link = self.pages / f".{CURRENT_LINK}-{os.getpid()}"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(link)
            os.symlink(wanted, link)
            os.replace(link, self.pages / CURRENT_LINK)
            for entry in os.scandir(self.pages):
                if entry.name.startswith("g") and entry.name != wanted:
                    shutil.rmtree(entry.path, ignore_errors=True)
        return True

    def withdraw(self) -> None:
        """Remove ``current``: nginx finds no page file until the next ``follow_generation``."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.pages / CURRENT_LINK)

    def keep(self, environ: Mapping[str, object], page: StoredPage, *, replace: bool) -> None:
        """Write ``page`` as the file answering this request, if nginx may send it (see the
        module docstring); without ``replace``, only when that file is missing."""
        if page.time_bound or environ.get("REQUEST_METHOD") != "GET":
            return
        name = file_name(environ)
        if name is None:
            return
        identifier = page_headers_id(page.headers)
        if identifier != self.expected_headers_id():
            return
        if not self.follow_generation(rendered_under=page.generation):
            return  # rendered before the current generation: never written
        target = self.pages / generation_folder(page.generation) / identifier / name
        if not replace and target.exists():
            return
        target.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
        # The plain file last: nginx looks it up first, then sends the .gz beside it.
        _write_atomically(target.with_name(target.name + ".gz"), page.bodies[GZIP])
        _write_atomically(target, page.bodies[IDENTITY])


def _nginx_string(value: str) -> str:
    """An nginx string literal for a header value (a value with `$` would name a variable)."""
    if "$" in value or "\n" in value:
        raise ValueError(f"a header value nginx cannot repeat literally: {value!r}")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@cache
def page_files() -> PageFiles | None:
    """The page files, or None when ``EDGE_PAGES_DIR`` is unset or the page cache is off."""
    root = getattr(settings, "EDGE_PAGES_DIR", None)
    if not root or not settings.PAGE_CACHE_ENABLED:
        return None
    return PageFiles(Path(root))


def _forget(*, setting: str, **_kwargs: object) -> None:
    if setting in ("EDGE_PAGES_DIR", "PAGE_CACHE_ENABLED"):
        page_files.cache_clear()


setting_changed.connect(_forget, dispatch_uid="caching.page_files.forget")


def keep_page_file(environ: Mapping[str, object], page: StoredPage, *, replace: bool) -> None:
    """``PageFiles.keep`` when page files are on; a failure is logged, never the reader's."""
    files = page_files()
    if files is None:
        return
    try:
        files.keep(environ, page, replace=replace)
    except OSError:
        logger.warning("Could not write a page file under %s", files.root, exc_info=True)


def follow_generation(**_kwargs: object) -> None:
    """Retire every page file: a ``content_changed`` receiver, after the generation moved, and
    each web process as it starts (its release takes over). If ``current`` cannot be moved, it
    is removed, so nginx never sends a page rendered before the change."""
    files = page_files()
    if files is None:
        return
    try:
        files.follow_generation()
    except OSError:
        logger.error("Could not move the page files under %s on", files.root, exc_info=True)
        try:
            files.withdraw()
        except OSError:
            logger.critical("nginx may send stale page files from %s", files.root, exc_info=True)
