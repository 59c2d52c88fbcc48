"""Shared fixtures and the suite's tiers.

`live_site` is a real gunicorn deployment of the seeded site, shared by the whole session; tests
that change its data must start their own with `running_site`.

Tiers (markers set here at collection, so test files need no marks of their own):
- `browser`: every test under tests/browser/ (real headless Chromium);
- `live`: every test that needs a real deployment, i.e. that uses `live_site`, or whose own code
  or any fixture it uses calls `running_site` or builds a `LiveSite`;
- the rest is the fast, in-process tier: `pytest -m "not live and not browser"`.
Under pytest-xdist every live test joins one `xdist_group`, so one worker starts the shared
deployment once, and each in-process module (all of tests/seed, which shares one seeded site)
stays on one worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from tests import live_site as deployments
from tests.live_site import LiveSite, running_site

BROWSER_TESTS = Path(__file__).parent / "browser"
LIVE_FIXTURE = "live_site"
LIVE_CALLS = {"running_site", "LiveSite"}


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with an empty in-process cache: a test's rolled-back data (a rendition,
    a page) must not be remembered by the next one (Wagtail caches rendition lookups)."""
    yield
    cache.clear()


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    with running_site(tmp_path_factory.mktemp("live-site")) as site:
        yield site


@pytest.fixture(scope="session", autouse=True)
def migrated_copy_for_live_tests(request: pytest.FixtureRequest) -> None:
    """With live tests in the session, the test database is created first (pytest-django's
    `django_db_setup`, which migrates it) and copied while it is fresh: the live template
    starts from that copy (tests/live_site.py), so Wagtail is migrated once, not twice."""
    if not any(item.get_closest_marker("live") for item in request.session.items):
        return
    test_database = connection.creation._get_test_db_name()  # what setting it up renames it to
    request.getfixturevalue("django_db_setup")
    if connection.settings_dict["NAME"] != test_database:
        return  # no test in the session uses the database: pytest-django set none up
    with request.getfixturevalue("django_db_blocker").unblock():
        deployments.keep_migrated_copy(connection)


def _calls_live_site(function: object) -> bool:
    code = getattr(function, "__code__", None)
    return code is not None and bool(LIVE_CALLS & set(code.co_names))


def needs_live_site(item: pytest.Item) -> bool:
    """True when the test uses `live_site` or calls `running_site`/`LiveSite` itself or in any
    fixture it depends on (directly or through other fixtures)."""
    if LIVE_FIXTURE in getattr(item, "fixturenames", ()):
        return True
    functions = [getattr(item, "function", None)]
    fixture_info = getattr(item, "_fixtureinfo", None)
    if fixture_info is not None:
        for definitions in fixture_info.name2fixturedefs.values():
            functions.extend(definition.func for definition in definitions)
    return any(_calls_live_site(function) for function in functions)


MIGRATES_BACK_AND_FORTH = Path(__file__).parent / "enquiries" / "test_migrations.py"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tiers and the xdist groups (see the module docstring)."""
    for item in items:
        browser = item.path.is_relative_to(BROWSER_TESTS)
        live = needs_live_site(item)
        if browser:
            item.add_marker(pytest.mark.browser)
        if live:
            item.add_marker(pytest.mark.live)
        # One worker owns the deployment and Chromium; an in-process module stays on one worker,
        # and tests/seed as a whole (its tests share one seeded site).
        module = item.nodeid.split("::", 1)[0]
        in_process = "tests/seed" if module.startswith("tests/seed/") else module
        group = "live_site" if live or browser else in_process
        item.add_marker(pytest.mark.xdist_group(group))


class MigrationTestLast:
    """The test that migrates the test database back and forth runs at the very end (after the
    other transactional tests): it leaves ContentType's cache cold, and a later
    serialized-rollback test would then create content types while its data is reloaded."""

    @pytest.hookimpl(trylast=True)  # after pytest-django has put transactional tests last
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items.sort(key=lambda item: item.path == MIGRATES_BACK_AND_FORTH)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(MigrationTestLast(), "migration-test-last")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the test's fixtures: only tests marked `live` may start a deployment."""
    deployments.deployments_allowed = item.get_closest_marker("live") is not None
