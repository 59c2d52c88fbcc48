"""A web worker's imports without what the public site never uses (issue 12's memory budget;
``bench/worker_memory.py --modules``).

Four modules every worker loads import heavy packages for features the site does not use:

- ``django.test.utils`` (Wagtail's core utilities import Django's test ``RequestFactory``) imports
  Jinja2, only for a test decorator: about 2 MiB.
- Beautiful Soup's ``bs4.dammit`` (Wagtail's admin panels and rich text load Beautiful Soup)
  imports charset-normalizer, to guess the encoding of HTML given as bytes; Wagtail gives it text:
  about 3 MiB.
- Django REST framework's ``rest_framework.compat`` (Wagtail's admin API, which the images and
  documents apps' hooks load on every render) imports every optional package it can find: PyYAML,
  Markdown, Pygments and requests (for its browsable API, YAML renderer and test client), and
  ``django.contrib.postgres`` with the PostgreSQL driver, even on SQLite: about 14 MiB.
- ``wagtail.api.querysets`` (the public pages API's queryset, loaded with the same hooks) imports
  ``wagtail.api.validators`` for one class, and with it pydantic and its compiled core: about
  10 MiB.

Each is imported once, ahead of whatever would load it, with a stand-in for what it need not
load: Django's test utilities, Beautiful Soup and REST framework find the packages absent, exactly as if they were
not installed, and the queryset module gets a ``SiteFilterValidator`` that imports the real one at
its first call (only the pages API calls it). ``sys.modules`` is then put back, so every package
stays importable by the code that uses it (the seed loads YAML and Markdown, embeds fetch with
requests, the admin API validates with pydantic). A deployment on PostgreSQL loads the driver
anyway, so there it is not hidden.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from django.conf import settings

DJANGO_TEST_UTILS = "django.test.utils"
BEAUTIFUL_SOUP_ENCODINGS = "bs4.dammit"
REST_FRAMEWORK_COMPAT = "rest_framework.compat"
UNUSED_OPTIONAL_PACKAGES = ("yaml", "markdown", "pygments", "requests")
POSTGRESQL_DRIVERS = ("psycopg", "psycopg2")
WAGTAIL_API_QUERYSETS = "wagtail.api.querysets"
WAGTAIL_API_VALIDATORS = "wagtail.api.validators"


def hidden_packages() -> tuple[str, ...]:
    """The packages to hide from REST framework: the unused extras, and the PostgreSQL drivers
    unless a database is on PostgreSQL."""
    engines = {database["ENGINE"] for database in settings.DATABASES.values()}
    if any("postgresql" in engine for engine in engines):
        return UNUSED_OPTIONAL_PACKAGES
    return UNUSED_OPTIONAL_PACKAGES + POSTGRESQL_DRIVERS


def site_filter_validator(*args: Any, **kwargs: Any) -> Any:
    """Wagtail's ``SiteFilterValidator``, imported (with pydantic) when first called."""
    from wagtail.api.validators import SiteFilterValidator

    return SiteFilterValidator(*args, **kwargs)


def deferred_validators() -> ModuleType:
    """What ``wagtail.api.querysets`` imports from ``wagtail.api.validators``, deferred."""
    stand_in = ModuleType(WAGTAIL_API_VALIDATORS, "Defers Wagtail's validators to first use.")
    stand_in.SiteFilterValidator = site_filter_validator  # type: ignore[attr-defined]
    return stand_in


def import_with_stand_ins(module: str, stand_ins: Mapping[str, ModuleType | None]) -> None:
    """Import ``module`` (if not yet imported) while ``sys.modules`` maps each name of
    ``stand_ins`` to its stand-in (``None`` makes ``import`` raise ImportError), then put
    ``sys.modules`` back."""
    if module in sys.modules:
        return
    absent = object()
    saved = {name: sys.modules.get(name, absent) for name in stand_ins}
    try:
        sys.modules.update(stand_ins)  # type: ignore[arg-type]
        importlib.import_module(module)
    finally:
        for name, original in saved.items():
            if original is absent:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = original  # type: ignore[assignment]


def import_lean_before_setup() -> None:
    """Import Django's test utilities, Beautiful Soup and REST framework's compat module lean (see
    the module docstring). Call it before ``django.setup()``, which loads the first two."""
    import_with_stand_ins(DJANGO_TEST_UTILS, {"jinja2": None})
    import_with_stand_ins(BEAUTIFUL_SOUP_ENCODINGS, {"charset_normalizer": None})
    import_with_stand_ins(REST_FRAMEWORK_COMPAT, dict.fromkeys(hidden_packages()))


def import_lean_after_setup() -> None:
    """Import Wagtail's public queryset module lean (see the module docstring). Call it after
    ``django.setup()`` (it loads models) and before Wagtail's hooks load."""
    import_with_stand_ins(WAGTAIL_API_QUERYSETS, {WAGTAIL_API_VALIDATORS: deferred_validators()})
