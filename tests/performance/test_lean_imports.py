"""A web worker's imports are lean (infant_mh/lean_imports.py): after the WSGI application, the
URLconf and Wagtail's hooks are loaded, none of Jinja2, sqlparse, charset-normalizer, Soup Sieve,
pydantic, PyYAML, Markdown, Pygments and requests is imported (nor the PostgreSQL driver on
SQLite); the deferred ones load at their first use (SQL splitting, a CSS selector, HTML given as
bytes, Wagtail's pages API), and every one stays importable for the code that uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What a gunicorn worker loads before and while it serves a page, then the packages it must not
# have loaded, then proof that the deferred ones work at their first use and that each imports.
WORKER = """
import json, sys
import infant_mh.wsgi
from django.urls import get_resolver
from wagtail import hooks
from rest_framework import compat
from wagtail.api import querysets

get_resolver().url_patterns
hooks.get_hooks("on_serve_page")
watched = (
    "jinja2", "sqlparse", "charset_normalizer", "soupsieve", "pydantic",
    "yaml", "markdown", "pygments", "requests", "psycopg", "psycopg2",
)
loaded = sorted(name for name in watched if name in sys.modules)

# The pages API's queryset calls its deferred validator as Wagtail's own.
site_filter = querysets.SiteFilterValidator(site="example.org:8080", request=None)
from wagtail.api.validators import SiteFilterValidator
assert type(site_filter) is SiteFilterValidator, type(site_filter)
assert site_filter.query == {"hostname": "example.org", "port": "8080"}, site_filter.query
# Django splits SQL scripts, and its test utilities find Jinja2.
from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations
script = BaseDatabaseOperations(connection).prepare_sql_script("SELECT 1; SELECT 2;")
assert script == ["SELECT 1;", "SELECT 2;"], script
from django.test import utils
import jinja2
assert utils.jinja2.Environment is jinja2.Environment
# Beautiful Soup reads HTML given as bytes and answers CSS selectors.
from bs4 import BeautifulSoup
soup = BeautifulSoup("<p class=x>caf\u00e9</p>".encode(), "html.parser")
assert [p.get_text() for p in soup.select("p.x")] == ["caf\u00e9"], soup
assert {"sqlparse", "charset_normalizer", "soupsieve"} <= set(sys.modules)

absent_in_compat = sorted(
    name for name in ("yaml", "markdown", "pygments", "requests", "postgres_fields")
    if getattr(compat, name) is None
)
import markdown, pygments, requests, yaml
print(json.dumps({"loaded": loaded, "absent_in_compat": absent_in_compat}))
"""


def worker_imports(database_url: str) -> dict[str, list[str]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "infant_mh.settings.test",
        "DATABASE_URL": database_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_a_sqlite_worker_loads_none_of_them(tmp_path: Path) -> None:
    imports = worker_imports(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert imports["loaded"] == []
    assert imports["absent_in_compat"] == [
        "markdown",
        "postgres_fields",
        "pygments",
        "requests",
        "yaml",
    ]


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL (DATABASE_URL)",
)
def test_a_postgresql_worker_keeps_rest_frameworks_postgresql_fields() -> None:
    imports = worker_imports(os.environ["DATABASE_URL"])
    assert imports["loaded"] == ["psycopg"]
    assert "postgres_fields" not in imports["absent_in_compat"]
