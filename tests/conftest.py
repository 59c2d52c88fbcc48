"""Shared fixtures. `live_site` is a real gunicorn deployment of the seeded site, shared by the
whole session; tests that change its data must start their own with `running_site`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live_site import LiveSite, running_site


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    with running_site(tmp_path_factory.mktemp("live-site")) as site:
        yield site
