"""Fixtures for the seed tests: the seeded site (once per module) and the content files."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.db import transaction

from pages.models import HomePage
from seed.content_files import CONTENT_DIR


@pytest.fixture(scope="package")
def _seeded_package(django_db_setup, django_db_blocker):
    """Seed once for all of tests/seed (it takes seconds), inside a transaction rolled back when
    the package is done, so other packages still start from an empty site. Every database test
    here uses `seeded`; under xdist the package stays on one worker (tests/conftest.py)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_content", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_package, db) -> HomePage:
    """The full seed content, as `make run` creates it. Each test's changes are rolled back."""
    return HomePage.objects.get()


def content_file(relative: str) -> Any:
    """One of the project's content files, as the loader reads it."""
    return yaml.safe_load((CONTENT_DIR / relative).read_text(encoding="utf-8"))


def seed(content_dir: Path = CONTENT_DIR) -> None:
    call_command(
        "seed_content", content_dir=content_dir, stdout=io.StringIO(), stderr=io.StringIO()
    )


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of `content/` to change in a test; messages name it `content/…` too."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy
