"""One deployment for tests/hardening: the production settings with HTTPS on (HSTS, secure
cookies, the redirect to https), reached as if through a TLS proxy on 127.0.0.1 (gunicorn trusts
its X-Forwarded-Proto). Its own, so the fuzz test can read a log no other test writes to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live_site import LiveSite, running_site


@pytest.fixture(scope="package")
def hardened_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    with running_site(
        tmp_path_factory.mktemp("hardened-site"),
        extra_env={"HTTPS_ONLY": "true", "GUNICORN_THREADS": "4"},
    ) as site:
        yield site
