"""Django's PostgreSQL backend, with connection attempts limited by the request's deadline
(infant_mh/database_deadline.py): none after it has passed, and none waiting beyond it."""

from __future__ import annotations

import math
from typing import Any

from django.db.backends.postgresql.base import Database
from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper

from infant_mh.database_deadline import remaining_seconds

# libpq (and psycopg) wait at least 2 seconds for a connection whatever connect_timeout says.
MIN_CONNECT_TIMEOUT = 2


class DatabaseWrapper(PostgreSQLDatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        remaining = remaining_seconds()
        if remaining is not None:
            if remaining <= 0:
                raise Database.OperationalError(
                    "no new database connection: the request's database time is used up"
                )
            configured = int(conn_params.get("connect_timeout") or 0) or math.inf
            timeout = max(MIN_CONNECT_TIMEOUT, min(configured, math.ceil(remaining)))
            conn_params = {**conn_params, "connect_timeout": timeout}
        return super().get_new_connection(conn_params)
