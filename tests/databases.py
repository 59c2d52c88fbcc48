"""Markers for tests that only mean something on one database."""

import os

import pytest

# Concurrency tests: SQLite serialises writers, so only PostgreSQL can show a lost update.
ON_POSTGRESQL = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="needs PostgreSQL (DATABASE_URL)",
)
