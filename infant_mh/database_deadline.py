"""A time limit on a request's database work, including a server that never answers.

PostgreSQL's own timeouts run on the server, so a frozen server (paused, swapping, or behind a
network that drops packets) leaves a query waiting for ever; on one machine the kernel even
acknowledges the frozen server's TCP traffic, so keepalives do not notice either. Each request
therefore runs inside `database_deadline()`. Once its time is up, a database call that is still
waiting (or that waits longer than STUCK_SECONDS later on) has the socket under its PostgreSQL
connection shut down, so it fails at once with OperationalError; `infant_mh.postgresql` refuses
new connections for that request and the process fails fast for a moment
(infant_mh/database_breaker.py). Work that is not waiting on the database (rendering, image
resizing) is never cut. SQLite connections are local files: their lock waits are bounded by the
busy timeout instead.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from infant_mh.database_breaker import breaker

_current = threading.local()
# After the deadline, a call waiting this long on the database is taken to be stuck.
STUCK_SECONDS = 0.3
_POLL_SECONDS = 0.1


class Deadline:
    """One request's deadline; a watchdog thread enforces it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expires_at = time.monotonic() + seconds
        # This thread's connection handles (created lazily, no database work): the watchdog
        # thread has its own, so it needs these.
        self._databases = [connections[alias] for alias in connections]
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._call_started: float | None = None
        self._watchdog = threading.Thread(target=self._watch, daemon=True)

    def remaining(self) -> float:
        return self.expires_at - time.monotonic()

    def start(self) -> None:
        self._watchdog.start()

    def finish(self) -> None:
        with self._lock:
            self._finished.set()

    @contextmanager
    def call(self) -> Iterator[None]:
        """Mark a database call (query, commit, health check) as waiting on the server."""
        with self._lock:
            self._call_started = time.monotonic()
        try:
            yield
        finally:
            with self._lock:
                self._call_started = None

    def _watch(self) -> None:
        if self._finished.wait(self.seconds):
            return
        while True:
            with self._lock:
                if self._finished.is_set():
                    return
                started = self._call_started
                now = time.monotonic()
                if started is not None and (
                    started <= self.expires_at or now - started >= STUCK_SECONDS
                ):
                    if any([_cut(database) for database in self._databases]):
                        breaker.trip(f"no answer within {self.seconds:g} s")
                    return
            if self._finished.wait(_POLL_SECONDS):
                return


def _cut(database: BaseDatabaseWrapper) -> bool:
    """Shut down the socket under an open PostgreSQL connection; its owner sees the error."""
    raw = database.connection
    if database.vendor != "postgresql" or raw is None or raw.closed:
        return False
    try:
        duplicate = socket.socket(fileno=os.dup(raw.fileno()))
    except OSError:
        return False
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        return False
    finally:
        duplicate.close()  # only the duplicate: the connection keeps (and later closes) its own
    return True


@contextmanager
def database_deadline(seconds: float) -> Iterator[Deadline]:
    """Run the block with its database work limited to `seconds` from now."""
    deadline = Deadline(seconds)
    previous = getattr(_current, "deadline", None)
    _current.deadline = deadline
    deadline.start()
    try:
        yield deadline
    finally:
        deadline.finish()
        _current.deadline = previous


@contextmanager
def database_call() -> Iterator[None]:
    """Mark the block as waiting on the database, for the current deadline (if any)."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is None:
        yield
        return
    with deadline.call():
        yield


def remaining_seconds() -> float | None:
    """Time left for the current thread's database work; None without a deadline."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    return None if deadline is None else deadline.remaining()
