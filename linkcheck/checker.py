"""Check web addresses over HTTP(S) with the standard library.

Each address gets a HEAD request; when that answers 4xx/5xx or breaks the HTTP protocol, a GET
(some servers refuse HEAD). Redirects are followed (up to `max_redirects`) and every hop is
recorded. Network failures (timeout, refused connection, unknown host, TLS) end the check at
once: a GET to the same place would fail the same way. Addresses are checked in a thread pool of
`concurrency` workers, each request limited by `timeout` seconds of silence.

`connect` makes the connection for an address; the benchmark passes one that sends every request
to a loopback server, so nothing here needs to know about tests or benchmarks.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import SplitResult, quote, urljoin, urlsplit

from linkcheck.outcomes import FAILED, Outcome

Connect = Callable[[SplitResult, float], http.client.HTTPConnection]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Characters left as they are in a request target; anything else (spaces, non-ASCII) is escaped.
SAFE_IN_TARGET = "/%:@!$&'()*+,;=-._~?"


def connect_directly(parts: SplitResult, timeout: float) -> http.client.HTTPConnection:
    """A connection to the address's own host (the normal case)."""
    host = parts.hostname or ""
    if parts.scheme == "https":
        return http.client.HTTPSConnection(
            host, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    return http.client.HTTPConnection(host, parts.port, timeout=timeout)


@dataclass
class CheckResult:
    url: str
    outcome: str
    status_code: int | None = None
    final_url: str = ""
    redirects: list[dict] = field(default_factory=list)  # [{"status": 301, "url": ...}, ...]
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.outcome in FAILED


class _NetworkError(Exception):
    """A failure a retry with GET would repeat."""


class _ProtocolError(Exception):
    """The server answered with something that is not HTTP: worth trying GET."""


def _describe(error: BaseException, timeout: float) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return f"No answer within {timeout:g} seconds"
    if isinstance(error, ConnectionRefusedError):
        return "Connection refused"
    if isinstance(error, socket.gaierror):
        return "Address not found (the site's name does not exist or DNS failed)"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"Certificate problem: {error.verify_message or error}"
    if isinstance(error, ssl.SSLError):
        return f"Secure connection failed: {error.reason or error}"
    return str(error) or type(error).__name__


def _target(parts: SplitResult) -> str:
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return quote(target, safe=SAFE_IN_TARGET)


class Checker:
    def __init__(
        self,
        *,
        timeout: float = 10,
        concurrency: int = 8,
        max_redirects: int = 5,
        user_agent: str = "link checker",
        connect: Connect = connect_directly,
    ) -> None:
        self.timeout = timeout
        self.concurrency = concurrency
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self.connect = connect

    def check_many(self, urls: Iterable[str]) -> dict[str, CheckResult]:
        """Every address checked once, `concurrency` at a time."""
        unique = list(dict.fromkeys(urls))
        if not unique:
            return {}
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(unique))) as pool:
            return dict(zip(unique, pool.map(self.check, unique), strict=True))

    def check(self, url: str) -> CheckResult:
        """One address: HEAD, then GET if HEAD was refused or misunderstood."""
        try:
            result = self._follow(url, "HEAD")
        except _ProtocolError:
            result = None
        if result is None or result.outcome == Outcome.BROKEN:
            try:
                result = self._follow(url, "GET")
            except _ProtocolError as error:
                result = CheckResult(url, Outcome.ERROR, final_url=url, error=str(error))
        return result

    def _follow(self, url: str, method: str) -> CheckResult:
        hops: list[dict] = []
        current = url
        for _ in range(self.max_redirects + 1):
            try:
                status, location = self._request(method, current)
            except _NetworkError as error:
                return CheckResult(
                    url, Outcome.ERROR, final_url=current, redirects=hops, error=str(error)
                )
            if status in REDIRECT_STATUSES and location:
                hops.append({"status": status, "url": current})
                current = urljoin(current, location.strip())
                continue
            if status >= 400:
                outcome = Outcome.BROKEN
            else:
                outcome = Outcome.REDIRECTED if hops else Outcome.OK
            return CheckResult(url, outcome, status, final_url=current, redirects=hops)
        return CheckResult(
            url,
            Outcome.ERROR,
            final_url=current,
            redirects=hops,
            error=f"More than {self.max_redirects} redirects",
        )

    def _request(self, method: str, url: str) -> tuple[int, str | None]:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 (raises ValueError for a bad port)
        except ValueError as error:
            raise _NetworkError(f"Not a valid web address: {error}") from error
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _NetworkError(f"Not a web address this checker can open: {url}")
        connection = self.connect(parts, self.timeout)
        try:
            connection.request(
                method,
                _target(parts),
                headers={
                    "User-Agent": self.user_agent,
                    "Accept": "*/*",
                    "Connection": "close",
                },
            )
            response = connection.getresponse()
            return response.status, response.getheader("Location")
        except http.client.HTTPException as error:
            raise _ProtocolError(
                f"Not a valid HTTP answer ({type(error).__name__}: {error})"
            ) from error
        except (OSError, UnicodeError) as error:
            raise _NetworkError(_describe(error, self.timeout)) from error
        finally:
            connection.close()
