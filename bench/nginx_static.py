"""The physical limit: nginx serving saved pages as static files on loopback.

Each page is saved as the origin rendered it (body bytes and the origin's own response headers,
Content-Security-Policy and the other security headers included), so nginx sends the same bytes
the site does, from memory-mapped files, with `worker_processes auto`.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from http_probe import wait_until_serving
from process_usage import process_tree, stop_process

NGINX = "/usr/sbin/nginx"
# Headers nginx writes itself (or that describe the origin's connection, not the page).
OWN_HEADERS = {
    "connection",
    "content-length",
    "content-type",
    "date",
    "etag",
    "keep-alive",
    "last-modified",
    "server",
    "transfer-encoding",
}


def nginx_config(workdir: Path, http_block: str) -> str:
    """A whole nginx.conf for a benchmark server in the foreground, its pid, log and temporary
    files under `workdir`, with keep-alive as a load generator wants it, no access log, and
    `http_block` (directives and servers) inside `http`."""
    temp = workdir / "temp"
    return f"""
worker_processes auto;
daemon off;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path {temp}/body;
  proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi;
  uwsgi_temp_path {temp}/uwsgi;
  scgi_temp_path {temp}/scgi;
{http_block}}}
"""


@dataclass
class SavedPage:
    """A page as the origin sent it: the file name nginx serves it under, headers, body."""

    name: str
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class StaticServer:
    """nginx on a loopback port serving `pages` from `workdir`."""

    workdir: Path
    port: int
    pages: list[SavedPage]
    process: subprocess.Popen | None = field(default=None, init=False)

    def url(self, page_name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{page_name}.html"

    def _config(self) -> str:
        locations = []
        for page in self.pages:
            headers = "".join(
                f"      add_header {name} {_quoted(value)} always;\n"
                for name, value in page.headers
                if name.lower() not in OWN_HEADERS
            )
            content_type = next(
                (v for k, v in page.headers if k.lower() == "content-type"), "text/html"
            )
            locations.append(
                f"    location = /{page.name}.html {{\n"
                f"      types {{ }}\n      default_type {_quoted(content_type)};\n"
                f"{headers}    }}\n"
            )
        locations_text = "".join(locations)
        return nginx_config(
            self.workdir,
            f"""  geo $dollar {{ default "$"; }}
  open_file_cache max=100;
  server {{
    listen 127.0.0.1:{self.port} reuseport;
    root {self.workdir / "html"};
{locations_text}  }}
""",
        )

    def start(self) -> None:
        if not Path(NGINX).exists():
            raise SystemExit(f"{NGINX} is missing: `make bench` installs nginx-light.")
        html = self.workdir / "html"
        html.mkdir(parents=True, exist_ok=True)
        (self.workdir / "temp").mkdir(exist_ok=True)
        # nginx's workers run as an unprivileged user when started as root: let them read.
        for folder in (self.workdir, html):
            folder.chmod(0o755)
        for page in self.pages:
            target = html / f"{page.name}.html"
            target.write_bytes(page.body)
            target.chmod(0o644)
        config = self.workdir / "nginx.conf"
        config.write_text(self._config())
        log = (self.workdir / "nginx.out").open("w")
        self.process = subprocess.Popen(
            [NGINX, "-c", str(config), "-p", str(self.workdir)], stdout=log, stderr=log
        )
        wait_until_serving(self.url(self.pages[0].name), self.process, self.workdir / "error.log")

    def pids(self) -> list[int]:
        assert self.process is not None
        return process_tree(self.process.pid)

    def stop(self) -> None:
        stop_process(self.process, timeout=10)
        shutil.rmtree(self.workdir / "temp", ignore_errors=True)


def _quoted(value: str) -> str:
    """An nginx string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "${dollar}") + '"'
