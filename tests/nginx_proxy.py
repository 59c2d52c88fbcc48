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
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in [
        ("server cache:6081;", f"server 127.0.0.1:{upstream_port};"),
        ("/etc/nginx/certs/", f"{workdir}/"),
        ("listen 80 ", f"listen 127.0.0.1:{free_port()} "),
        ("listen 443 ", f"listen 127.0.0.1:{https_port} "),
        ("access_log /dev/stdout;", f"access_log {workdir}/access.log;"),
        ("/srv/edge-pages/", f"{edge_pages or workdir / 'edge-pages'}/"),
    ]:
        assert old in config
        config = config.replace(old, new)
    (workdir / "nginx.conf").write_text(config)
    command = [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")]
    command += ["-g", f"pid {workdir}/nginx.pid; daemon off;"]
    process = subprocess.Popen(command, stderr=(workdir / "error.log").open("w"))
    try:
        yield f"https://127.0.0.1:{https_port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
