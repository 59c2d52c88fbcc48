"""Varnish with deploy/varnish.vcl on loopback, in front of a test's deployment.

varnishd runs in the foreground with its own working directory (`-n`) and no management port.
`-j none`: as root, Varnish's default jail runs the VCL compiler and the cache process as the
`varnish`/`vcache` users, which cannot read a VCL file or working directory under pytest's
temporary folder (mode 0700, owned by root).
"""

from __future__ import annotations

import http.client
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.live_site import ROOT, free_port

VARNISHD = "/usr/sbin/varnishd"
VARNISHLOG = "/usr/bin/varnishlog"
VCL = ROOT / "deploy" / "varnish.vcl"


def require_varnish() -> None:
    """Skip loudly without varnishd, except in CI (`CI` set), where that is a failure."""
    if os.path.exists(VARNISHD):
        return
    message = "varnishd is not installed (apt-get install varnish)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def vcl_for_backend(port: int) -> str:
    """deploy/varnish.vcl with the compose backend (`web:8000`) replaced by gunicorn on loopback."""
    vcl = VCL.read_text()
    for old, new in [
        ('.host = "web";', '.host = "127.0.0.1";'),
        ('.port = "8000";', f'.port = "{port}";'),
    ]:
        assert old in vcl, f"{old} is no longer in {VCL}"
        vcl = vcl.replace(old, new)
    return vcl


class Varnish:
    def __init__(self, workdir: Path, port: int):
        self.workdir = workdir
        self.port = port

    def request(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        source: str = "127.0.0.1",
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """One request on a fresh connection (from `source`, any 127.x address)."""
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0)
        )
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def backend_request_headers(self, url_pattern: str) -> list[list[str]]:
        """The headers varnishd sent the origin, per request whose URL matches `url_pattern`
        (a regular expression): as finally sent, after the VCL's changes."""
        result = subprocess.run(
            [
                *(VARNISHLOG, "-d", "-n", str(self.workdir), "-g", "request"),
                *("-i", "Begin,BereqHeader,BereqUnset", "-q", f'BereqURL ~ "{url_pattern}"'),
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        requests: list[list[str]] = []
        for line in result.stdout.splitlines():
            fields = line.split(None, 2)
            if len(fields) < 3:
                continue
            tag, value = fields[1], fields[2].strip()
            if tag == "Begin" and value.startswith("bereq"):
                requests.append([])
            elif tag == "BereqHeader":
                requests[-1].append(value)
            elif tag == "BereqUnset":
                requests[-1].remove(value)
        return requests


@contextmanager
def running_varnish(workdir: Path, backend_port: int, port: int | None = None) -> Iterator[Varnish]:
    """varnishd with deploy/varnish.vcl in front of 127.0.0.1:`backend_port`."""
    require_varnish()
    workdir.mkdir(parents=True, exist_ok=True)
    vcl = workdir / "varnish.vcl"
    vcl.write_text(vcl_for_backend(backend_port))
    varnish = Varnish(workdir / "varnishd", port or free_port())
    log = (workdir / "varnishd.log").open("w")
    process = subprocess.Popen(
        [
            *(VARNISHD, "-F", "-j", "none", "-n", str(varnish.workdir), "-T", "none"),
            *("-a", f"127.0.0.1:{varnish.port}", "-f", str(vcl), "-s", "malloc,64m"),
            *("-I", str(ROOT / "deploy" / "varnish-params.cli")),  # as compose runs it
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"varnishd exited:\n{(workdir / 'varnishd.log').read_text()}")
            try:
                if varnish.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"varnishd did not answer:\n{(workdir / 'varnishd.log').read_text()}"
                )
            time.sleep(0.1)
        yield varnish
    finally:
        process.terminate()
        process.wait(timeout=20)
