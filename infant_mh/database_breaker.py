"""Fail fast while the database is not answering, so that waiting requests do not take every
gunicorn thread.

Once a request's database deadline had to cut a connection, or a connection attempt timed out,
the process treats the server as unresponsive for BREAK_SECONDS: new connections fail at once
and persistent ones count as unusable (`infant_mh.postgresql`), so pages get the 503 page in
milliseconds. Then one request tries the server again (the others keep failing fast until it
has its answer); a connection that succeeds ends the break.
"""

from __future__ import annotations

import logging
import threading
import time

logger = logging.getLogger(__name__)

BREAK_SECONDS = 2.0


class Breaker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._broken = False
        self._until = 0.0

    def allows(self, trial_seconds: float) -> bool:
        """May this thread use the server? After a break, the first caller gets a trial of
        `trial_seconds` during which everyone else is refused."""
        with self._lock:
            if not self._broken:
                return True
            now = time.monotonic()
            if now < self._until:
                return False
            self._until = now + trial_seconds
            return True

    def trip(self, reason: str) -> None:
        with self._lock:
            if not self._broken:
                logger.warning("Database not answering (%s): failing fast for now", reason)
            self._broken = True
            self._until = time.monotonic() + BREAK_SECONDS

    def reset(self) -> None:
        with self._lock:
            if self._broken:
                logger.warning("Database answering again")
            self._broken = False
            self._until = 0.0

    @property
    def broken(self) -> bool:
        return self._broken


breaker = Breaker()
