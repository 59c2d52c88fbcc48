"""deploy/nginx.conf run on loopback for a test, as compose's `proxy`: TLS with a throwaway
certificate, its upstream and ports pointed at the test's own servers."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.live_site import ROOT, free_port

NGINX = "/usr/sbin/nginx"


DEPLOYED_CONFIG = ROOT / "deploy" / "nginx.conf"


def deployed_config(
    upstream_port: int, *, redirect_port: int, listen: str, access_log: str, edge_pages: Path
) -> str:
    """deploy/nginx.conf with its upstream (compose's cache), its ports, access log and page
    files folder pointed at loopback ones; `listen` replaces the HTTPS server's address and
    parameters. Fails if the file no longer has what is replaced."""
    config = DEPLOYED_CONFIG.read_text()
    for old, new in [
        ("server cache:6081;", f"server 127.0.0.1:{upstream_port};"),
        ("listen 80 ", f"listen 127.0.0.1:{redirect_port} "),
        ("listen 443 ssl http2 ", f"listen {listen} "),
        ("access_log /dev/stdout;", f"access_log {access_log};"),
        ("/srv/edge-pages/", f"{edge_pages}/"),
    ]:
        if old not in config:
            raise RuntimeError(f"{DEPLOYED_CONFIG} no longer has {old!r}")
        config = config.replace(old, new)
    return config


@contextmanager
def running_nginx_proxy(
    workdir: Path, upstream_port: int, https_port: int, edge_pages: Path | None = None
) -> Iterator[str]:
    """Start nginx with deploy/nginx.conf in front of 127.0.0.1:`upstream_port`; yields its
    base URL (https://127.0.0.1:`https_port`). Page files come from `edge_pages` (the site's
    EDGE_PAGES_DIR; by default an empty folder). Readiness is the caller's to wait for; nginx's
    error log is `workdir / "error.log"`."""
    if not os.path.exists(NGINX):
        pytest.fail("nginx is not installed (apt-get install nginx-light)")
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-keyout", "privkey.pem", "-out", "fullchain.pem"),
        ],
        cwd=workdir,
        check=True,
        capture_output=True,
    )
    config = deployed_config(
        upstream_port,
        redirect_port=free_port(),
        listen=f"127.0.0.1:{https_port} ssl http2",
        access_log=f"{workdir}/access.log",
        edge_pages=edge_pages or workdir / "edge-pages",
    ).replace("/etc/nginx/certs/", f"{workdir}/")
    (workdir / "nginx.conf").write_text(config)
    command = [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")]
    command += ["-g", f"pid {workdir}/nginx.pid; daemon off;"]
    process = subprocess.Popen(command, stderr=(workdir / "error.log").open("w"))
    try:
        yield f"https://127.0.0.1:{https_port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
