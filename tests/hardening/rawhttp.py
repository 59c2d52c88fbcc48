"""HTTP/1.1 over a raw socket, so a test can send what no client library would: odd bytes in
the request line, any method, duplicate or malformed headers."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from tests.live_site import LiveSite

# What a TLS-terminating proxy on 127.0.0.1 adds (gunicorn trusts it from there).
HTTPS_PROXY_HEADERS = (("X-Forwarded-Proto", "https"),)


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def header_values(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]


def encode_request(
    method: str, target: bytes, headers: list[tuple[str, str | bytes]], body: bytes = b""
) -> bytes:
    lines = [method.encode("latin-1") + b" " + target + b" HTTP/1.1"]
    for name, value in headers:
        raw = value if isinstance(value, bytes) else value.encode("latin-1", "replace")
        lines.append(name.encode("latin-1") + b": " + raw)
    if body or method in {"POST", "PUT", "PATCH"}:
        lines.append(f"Content-Length: {len(body)}".encode())
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def parse_response(raw: bytes) -> Response:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return Response(status, headers, body)


def send(site: LiveSite, request: bytes, timeout: float = 15.0) -> Response:
    """Send one request on a new connection and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", site.port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw:
        raise AssertionError(f"no answer to {request[:200]!r}")
    return parse_response(raw)


def get(
    site: LiveSite, path: str, headers: list[tuple[str, str]] | None = None, https: bool = True
) -> Response:
    """A well-formed GET, as through the TLS proxy unless `https` is false."""
    all_headers = [("Host", f"127.0.0.1:{site.port}"), *(headers or [])]
    if https:
        all_headers.extend(HTTPS_PROXY_HEADERS)
    return send(site, encode_request("GET", path.encode(), all_headers))
