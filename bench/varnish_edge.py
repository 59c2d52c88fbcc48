"""The edge: varnishd on loopback in front of an origin, as compose's cache service runs it.

It runs the deployment's own `deploy/varnish.vcl` with its backend pointed at the origin. Until
that file exists it generates a minimal VCL that caches what the origin allows (its `s-maxage` or
`max-age`; nothing when the origin sends no freshness information) and turns a PURGE from loopback
into a ban of that path.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from http_probe import wait_until_serving
from process_usage import process_tree, stop_process

VARNISHD = "/usr/sbin/varnishd"
DEPLOYED_VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish.vcl"
# varnishd's parameters as compose sets them (management commands run before it starts).
VARNISH_PARAMETERS = DEPLOYED_VCL.with_name("varnish-params.cli")

MINIMAL_VCL = """vcl 4.1;

backend default {
  .host = "127.0.0.1";
  .port = "@PORT@";
}

acl purgers {
  "127.0.0.1";
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(405, "Not allowed"));
    }
    ban("req.http.host == " + req.http.host + " && req.url ~ ^" + regsub(req.url, "\\?.*$", ""));
    return (synth(200, "Purged"));
  }
  if (req.url ~ "^/admin/" || req.http.Cookie ~ "(^|; )sessionid=") {
    return (pass);
  }
  if (req.method == "GET" || req.method == "HEAD") {
    unset req.http.Cookie;
  }
}
"""


def edge_vcl(origin_port: int) -> tuple[str, str]:
    """The VCL to run in front of the origin on `origin_port`, and where it came from."""
    if DEPLOYED_VCL.exists():
        source = DEPLOYED_VCL.read_text()
        pointed = re.sub(r'(\.host\s*=\s*)"[^"]*"', r'\1"127.0.0.1"', source)
        pointed = re.sub(r'(\.port\s*=\s*)"[^"]*"', rf'\1"{origin_port}"', pointed)
        if pointed == source and ".host" not in source:
            raise SystemExit(f"{DEPLOYED_VCL} names no backend .host/.port the bench can point.")
        return pointed, "deploy/varnish.vcl"
    return MINIMAL_VCL.replace("@PORT@", str(origin_port)), "a minimal VCL (no deploy/varnish.vcl)"


@dataclass
class EdgeCache:
    """varnishd on `port` in front of the origin on `origin_port`; its files under `workdir`."""

    workdir: Path
    port: int
    origin_port: int
    vcl_source: str = field(default="", init=False)
    process: subprocess.Popen | None = field(default=None, init=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        if not Path(VARNISHD).exists():
            raise SystemExit(f"{VARNISHD} is missing: `make bench` installs varnish.")
        # varnishd drops to its own users as root: they must reach its working directory.
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.workdir.chmod(0o755)
        vcl, self.vcl_source = edge_vcl(self.origin_port)
        vcl_path = self.workdir / "edge.vcl"
        vcl_path.write_text(vcl)
        vcl_path.chmod(0o644)
        command = [
            VARNISHD,
            "-F",
            "-n",
            str(self.workdir / "instance"),
            "-a",
            f"127.0.0.1:{self.port}",
            "-T",
            "none",
            "-f",
            str(vcl_path),
            "-s",
            "malloc,128m",
            "-I",
            str(VARNISH_PARAMETERS),
        ]
        if not DEPLOYED_VCL.exists():
            command += ["-p", "default_ttl=0"]  # no freshness information: not cached
        log_path = self.workdir / "varnishd.log"
        log = log_path.open("w")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        wait_until_serving(f"{self.base_url}/robots.txt", self.process, log_path)

    def pids(self) -> list[int]:
        assert self.process is not None
        return process_tree(self.process.pid)

    def stop(self) -> None:
        stop_process(self.process, timeout=15)
        shutil.rmtree(self.workdir / "instance", ignore_errors=True)
