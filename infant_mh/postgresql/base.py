"""Django's PostgreSQL backend, bounded in time: queries, commits and rollbacks count as waiting
on the server for the request's deadline (infant_mh/database_deadline.py), connection attempts
stop at that deadline, the health check of a persistent connection waits at
most HEALTH_CHECK_SECONDS, and while the server is not answering both fail at once
(infant_mh/database_breaker.py)."""

from __future__ import annotations

import math
import time
from typing import Any

import psycopg
from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper

from infant_mh.database_breaker import breaker
from infant_mh.database_deadline import database_call, database_deadline, remaining_seconds

# libpq (and psycopg) wait at least 2 seconds for a connection whatever connect_timeout says.
MIN_CONNECT_TIMEOUT = 2
# `SELECT 1` on an open connection: a server that takes longer is not answering.
HEALTH_CHECK_SECONDS = 1.0


def _tracked(execute, sql, params, many, context):
    with database_call():
        return execute(sql, params, many, context)


class DatabaseWrapper(PostgreSQLDatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(_tracked)  # every query counts as waiting on the server

    def _commit(self) -> None:
        with database_call():
            return super()._commit()  # type: ignore[misc]

    def _rollback(self) -> None:
        with database_call():
            return super()._rollback()  # type: ignore[misc]

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        configured = int(conn_params.get("connect_timeout") or 0) or math.inf
        remaining = remaining_seconds()
        if remaining is not None:  # no longer than the request has left (but libpq's minimum)
            configured = min(configured, math.ceil(max(remaining, 0)))
        timeout = max(MIN_CONNECT_TIMEOUT, configured)
        if not breaker.allows(trial_seconds=timeout):
            raise psycopg.OperationalError("the database is not answering (failing fast)")
        if timeout != math.inf:
            conn_params = {**conn_params, "connect_timeout": timeout}
        started = time.monotonic()
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg.OperationalError:
            if time.monotonic() - started >= MIN_CONNECT_TIMEOUT - 0.5:  # timed out, not refused
                breaker.trip("connection attempt timed out")
            raise
        breaker.reset()
        return connection

    def is_usable(self) -> bool:
        if breaker.broken:
            return False
        with database_deadline(HEALTH_CHECK_SECONDS), database_call():
            return super().is_usable()
