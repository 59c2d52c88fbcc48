"""The edge as compose deploys it: nginx with deploy/nginx.conf on loopback, sending the page
files the origin writes (caching/page_files.py) and passing everything else to the cache.

The deployed configuration, with its upstream, ports and page-files folder pointed at the bench's
own, over plain HTTP (no TLS: nginx serving the saved pages, which it is compared with, has none)
and without its access log (nor has that nginx).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from http_probe import wait_until_serving
from nginx_static import NGINX
from process_usage import process_tree, stop_process

from tests.nginx_proxy import deployed_config


def proxy_config(port: int, redirect_port: int, upstream_port: int, edge_pages: Path) -> str:
    """deploy/nginx.conf pointed at loopback ports and `edge_pages`, plain HTTP."""
    config = deployed_config(
        upstream_port,
        redirect_port=redirect_port,
        listen=f"127.0.0.1:{port} reuseport",
        access_log="off",
        edge_pages=edge_pages,
    )
    return re.sub(r"^\s*ssl_\w+ [^;]*;\n", "", config, flags=re.MULTILINE)


@dataclass
class ProxyEdge:
    """nginx as compose's `proxy` on `port`, in front of 127.0.0.1:`upstream_port`."""

    workdir: Path
    port: int
    redirect_port: int
    upstream_port: int
    edge_pages: Path
    process: subprocess.Popen | None = field(default=None, init=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        if not Path(NGINX).exists():
            raise SystemExit(f"{NGINX} is missing: `make bench` installs nginx-light.")
        self.workdir.mkdir(parents=True, exist_ok=True)
        config = self.workdir / "nginx.conf"
        config.write_text(
            proxy_config(self.port, self.redirect_port, self.upstream_port, self.edge_pages)
        )
        log = self.workdir / "error.log"
        command = [NGINX, "-p", str(self.workdir), "-c", str(config)]
        self.process = subprocess.Popen(
            [*command, "-g", f"pid {self.workdir}/nginx.pid; daemon off;"],
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_until_serving(f"{self.base_url}/robots.txt", self.process, log)

    def pids(self) -> list[int]:
        assert self.process is not None
        return process_tree(self.process.pid)

    def stop(self) -> None:
        stop_process(self.process, timeout=10)
