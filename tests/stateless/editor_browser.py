"""An editor's browser without JavaScript, over plain HTTP: one cookie jar for every app server
(cookies do not depend on the port, so signing in through one instance signs in on all of them,
as behind a load balancer), forms posted with their CSRF token, files as multipart uploads, and
no redirects followed (each request goes to the instance the test names)."""

from __future__ import annotations

import http.client
import re
import secrets
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from tests.live_site import LiveSite

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes
    content_type: str


def multipart(fields: dict[str, str], files: dict[str, Upload]) -> tuple[bytes, str]:
    boundary = f"----editor-browser-{secrets.token_hex(8)}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, upload in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{upload.filename}"\r\nContent-Type: {upload.content_type}\r\n\r\n'
        )
        parts.append(head.encode() + upload.content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@dataclass
class EditorBrowser:
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        site: LiveSite,
        method: str,
        path: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
        all_headers = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        try:
            conn.request(method, path, body=body or None, headers=all_headers)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, site: LiveSite, path: str) -> Response:
        return self.request(site, "GET", path)

    def post_form(
        self,
        site: LiveSite,
        path: str,
        fields: dict[str, str],
        files: dict[str, Upload] | None = None,
    ) -> Response:
        """Open the form at `path`, then post `fields` (and `files`) with its CSRF token."""
        page = self.get(site, path)
        assert page.status == 200, f"{path}: {page.status}"
        token = CSRF_FIELD.search(page.text)
        assert token, f"no CSRF token on {path}"
        data = {"csrfmiddlewaretoken": token.group(1), **fields}
        if files:
            body, content_type = multipart(data, files)
        else:
            body, content_type = (
                urllib.parse.urlencode(data).encode(),
                ("application/x-www-form-urlencoded"),
            )
        return self.request(site, "POST", path, body, {"Content-Type": content_type})

    def sign_in(self, site: LiveSite, username: str, password: str) -> None:
        response = self.post_form(
            site, "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        assert response.status == 302 and response.headers["Location"] == "/admin/", (
            f"{username} could not sign in: {response.status} {response.text[:500]}"
        )
