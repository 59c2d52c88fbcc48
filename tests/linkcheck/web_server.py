"""A real HTTP server on loopback for the link checker's tests: one path per kind of answer.

/ok 200 · /moved 301 → /ok · /missing 404 · /error 500 · /slow answers after SLOW_SECONDS ·
/no-head 405 to HEAD, 200 to GET · /loop redirects to itself for ever. Every request is
recorded (method, path, User-Agent) so tests can see what the checker sent.
"""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

SLOW_SECONDS = 2.0


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format, *args):  # quiet
        pass

    def do_HEAD(self):
        self._answer(send_body=False)

    def do_GET(self):
        self._answer(send_body=True)

    def _answer(self, *, send_body: bool) -> None:
        path = urlsplit(self.path).path
        self.server.requests.append((self.command, self.path, self.headers.get("User-Agent", "")))
        if path == "/moved":
            return self._send(301, location="/ok")
        if path == "/loop":
            return self._send(302, location="/loop")
        if path == "/missing":
            return self._send(404, send_body=send_body)
        if path == "/error":
            return self._send(500, send_body=send_body)
        if path == "/no-head" and self.command == "HEAD":
            return self._send(405)
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if path in ("/ok", "/no-head", "/slow"):
            return self._send(200, send_body=send_body)
        return self._send(404, send_body=send_body)

    def _send(self, status: int, *, location: str = "", send_body: bool = False) -> None:
        body = f"<p>{status}</p>".encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            # The checker closes the connection without reading the body.
            with contextlib.suppress(OSError):
                self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[tuple[str, str, str]]


class WebServer:
    """Serves on 127.0.0.1 on a free port until `stop()`."""

    def __init__(self) -> None:
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.requests = []
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def requests(self) -> list[tuple[str, str, str]]:
        return self.server.requests

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
