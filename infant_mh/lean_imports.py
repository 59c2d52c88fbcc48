"""Django REST framework loaded without the optional integrations this site never uses.

Wagtail's admin (its pages API, and the documents app's hooks, which every page render loads)
imports Django REST framework, whose ``rest_framework.compat`` imports every optional package it
can find: PyYAML, Markdown, Pygments and requests (for its browsable API, YAML renderer and test
client, none of which the site uses), and ``django.contrib.postgres`` with the PostgreSQL driver,
even on SQLite. In a web worker that is about 14 MiB and 250 modules (issue 12's memory budget;
``bench/worker_memory.py --modules``).

``import_rest_framework_lean()`` imports that module once with those packages hidden, so it
records them as absent, exactly as if they were not installed; the packages themselves stay
importable by everything else (the seed loads YAML and Markdown, embeds fetch with requests). A
deployment on PostgreSQL loads the driver anyway, so there it is not hidden.
"""

from __future__ import annotations

import sys

from django.conf import settings

REST_FRAMEWORK_COMPAT = "rest_framework.compat"
UNUSED_OPTIONAL_PACKAGES = ("yaml", "markdown", "pygments", "requests")
POSTGRESQL_DRIVERS = ("psycopg", "psycopg2")


def hidden_packages() -> tuple[str, ...]:
    """The packages to hide: the unused extras, and the PostgreSQL drivers unless a database
    is on PostgreSQL."""
    engines = {database["ENGINE"] for database in settings.DATABASES.values()}
    if any("postgresql" in engine for engine in engines):
        return UNUSED_OPTIONAL_PACKAGES
    return UNUSED_OPTIONAL_PACKAGES + POSTGRESQL_DRIVERS


def import_rest_framework_lean() -> None:
    """Import ``rest_framework.compat`` with ``hidden_packages()`` unimportable (a ``None`` entry
    in ``sys.modules`` makes ``import`` raise ImportError), then put ``sys.modules`` back."""
    if REST_FRAMEWORK_COMPAT in sys.modules:
        return
    hidden = hidden_packages()
    absent = object()
    saved = {name: sys.modules.get(name, absent) for name in hidden}
    try:
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]
        __import__(REST_FRAMEWORK_COMPAT)
    finally:
        for name, module in saved.items():
            if module is absent:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module  # type: ignore[assignment]
