"""A web worker's imports without what the public site never uses (issue 12's memory budget;
``bench/worker_memory.py --modules``).

Modules that every worker loads import packages that only other features use:

- Django's test utilities (Wagtail's core utilities import its ``RequestFactory``) import Jinja2,
  for a test decorator;
- Django's database operations and SQLite introspection import sqlparse, to split and format SQL
  scripts (migrations, ``sqlflush``, SQL in debug logs);
- Beautiful Soup (Wagtail's panels and rich text) imports charset-normalizer, to guess the
  encoding of HTML given as bytes (Wagtail gives it text), and Soup Sieve, for CSS selectors;
- Django REST framework's ``rest_framework.compat`` (Wagtail's admin API, which the images and
  documents apps' hooks load on every render) imports PyYAML, Markdown, Pygments and requests
  (for its browsable API, YAML renderer and test client) and ``django.contrib.postgres`` with the
  PostgreSQL driver, even on SQLite;
- ``wagtail.api.querysets`` (the pages API's queryset, loaded with the same hooks) imports
  ``wagtail.api.validators`` for one class, and with it pydantic and its compiled core.

Each such module is imported once, ahead of whatever would load it, with stand-ins in
``sys.modules`` for those packages, which are then put back:

- a *deferred* stand-in imports the real package at the first use of any of its attributes, so
  the feature still works wherever it is used (the first three);
- REST framework finds its unused extras absent, exactly as if they were not installed (a
  ``None`` entry makes ``import`` raise ImportError), so it never offers those features (on
  PostgreSQL, which loads the driver anyway, the driver is not hidden);
- the queryset module gets a ``SiteFilterValidator`` that imports Wagtail's own at its first call.

The packages stay importable by everything else: the seed loads YAML and Markdown, embeds fetch
with requests, the admin API validates with pydantic.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any

from django.conf import settings

UNUSED_OPTIONAL_PACKAGES = ("yaml", "markdown", "pygments", "requests")
POSTGRESQL_DRIVERS = ("psycopg", "psycopg2")
WAGTAIL_API_VALIDATORS = "wagtail.api.validators"
SQLITE = "django.db.backends.sqlite3"


def database_engines() -> set[str]:
    return {database["ENGINE"] for database in settings.DATABASES.values()}


def hidden_packages() -> tuple[str, ...]:
    """The packages to hide from REST framework: the unused extras, and the PostgreSQL drivers
    unless a database is on PostgreSQL."""
    if any("postgresql" in engine for engine in database_engines()):
        return UNUSED_OPTIONAL_PACKAGES
    return UNUSED_OPTIONAL_PACKAGES + POSTGRESQL_DRIVERS


def deferred_module(name: str) -> ModuleType:
    """A stand-in for the module ``name`` that imports it at the first use of an attribute."""
    stand_in = ModuleType(name, f"Imports {name} at its first use.")

    def __getattr__(attribute: str) -> Any:
        if sys.modules.get(name) is stand_in:  # used while it stands in: import the real one
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    stand_in.__getattr__ = __getattr__  # type: ignore[method-assign]
    return stand_in


def site_filter_validator(*args: Any, **kwargs: Any) -> Any:
    """Wagtail's ``SiteFilterValidator``, imported (with pydantic) when first called."""
    from wagtail.api.validators import SiteFilterValidator

    return SiteFilterValidator(*args, **kwargs)


def deferred_validators() -> ModuleType:
    """What ``wagtail.api.querysets`` imports from ``wagtail.api.validators``, deferred."""
    stand_in = ModuleType(WAGTAIL_API_VALIDATORS, "Defers Wagtail's validators to first use.")
    stand_in.SiteFilterValidator = site_filter_validator  # type: ignore[attr-defined]
    return stand_in


def import_with_stand_ins(
    modules: Iterable[str], stand_ins: Mapping[str, ModuleType | None]
) -> None:
    """Import each of ``modules`` not yet imported while ``sys.modules`` maps each name of
    ``stand_ins`` to its stand-in, then put ``sys.modules`` back."""
    modules = [module for module in modules if module not in sys.modules]
    if not modules:
        return
    absent = object()
    saved = {name: sys.modules.get(name, absent) for name in stand_ins}
    try:
        sys.modules.update(stand_ins)  # type: ignore[arg-type]
        for module in modules:
            importlib.import_module(module)
    finally:
        for name, original in saved.items():
            if original is absent:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = original  # type: ignore[assignment]


DEFERRED_PACKAGES = ("jinja2", "sqlparse", "charset_normalizer", "soupsieve")


def import_lean_before_setup() -> None:
    """Import Django's test utilities and database operations, Beautiful Soup and REST
    framework's compat module lean (see the module docstring). Call it before
    ``django.setup()``, which loads most of them."""
    # django.db.models loads the database operations (importing those first is circular).
    sql_modules = ["django.db.models"]
    if SQLITE in database_engines():
        sql_modules.append(f"{SQLITE}.introspection")
    import_with_stand_ins(
        [*sql_modules, "django.test.utils", "bs4"],
        {name: deferred_module(name) for name in DEFERRED_PACKAGES},
    )
    import_with_stand_ins(["rest_framework.compat"], dict.fromkeys(hidden_packages()))


def import_lean_after_setup() -> None:
    """Import Wagtail's pages-API queryset module lean (see the module docstring). Call it after
    ``django.setup()`` (it loads models) and before Wagtail's hooks load."""
    import_with_stand_ins(
        ["wagtail.api.querysets"], {WAGTAIL_API_VALIDATORS: deferred_validators()}
    )
