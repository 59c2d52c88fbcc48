"""Fixtures for the seed tests: the seeded site (once per module) and the content files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command

from seed.content_files import CONTENT_DIR
from tests.pages.conftest import _Null, _seeded_module, seeded  # noqa: F401 (fixtures)


def content_file(relative: str) -> Any:
    """One of the project's content files, as the loader reads it."""
    return yaml.safe_load((CONTENT_DIR / relative).read_text(encoding="utf-8"))


def seed(content_dir: Path = CONTENT_DIR) -> None:
    call_command("seed_content", content_dir=content_dir, stdout=_Null(), stderr=_Null())


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of `content/` to change in a test; messages name it `content/…` too."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy
