"""A time limit on a request's database work, including a server that never answers.

PostgreSQL's own timeouts run on the server, so a frozen server (paused, swapping, or behind a
network that drops packets) leaves a query waiting for ever; on one machine the kernel even
acknowledges the frozen server's TCP traffic, so keepalives do not notice either. Each request
therefore runs inside `database_deadline()`: when its time is up, a timer shuts down the sockets
of the request thread's PostgreSQL connections, so a waiting query fails at once with
OperationalError, `infant_mh.postgresql` refuses to open a new connection for that request, and
the process fails fast for a moment (infant_mh/database_breaker.py).
SQLite connections are local files: their lock waits are bounded by the busy timeout instead.
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


class Deadline:
    """One request's deadline; the timer runs in its own thread."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expires_at = time.monotonic() + seconds
        self.expired = False
        # This thread's connection handles (created lazily, no database work): the timer thread
        # has its own, so it needs these.
        self._databases = [connections[alias] for alias in connections]
        self._lock = threading.Lock()
        self._finished = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def remaining(self) -> float:
        return self.expires_at - time.monotonic()

    def start(self) -> None:
        self._timer.start()

    def finish(self) -> None:
        with self._lock:
            self._finished = True
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            if self._finished:
                return
            self.expired = True
            for database in self._databases:
                if _cut(database):
                    breaker.trip(f"no answer within {self.seconds:g} s")


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


def remaining_seconds() -> float | None:
    """Time left for the current thread's database work; None without a deadline."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    return None if deadline is None else deadline.remaining()
