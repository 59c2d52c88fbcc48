"""Fixtures for the render-cost tests: the per-process content memo switched on, as in
production, with a fresh content generation around each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from caching.generation import bump_generation
from pages.content_memo import content_memo
from pages.models import HomePage


@pytest.fixture
def home(db) -> HomePage:
    return HomePage.objects.get()


@pytest.fixture
def memo_on(settings) -> Iterator[None]:
    """The content memo on. In-process tests never commit, so nothing moves the generation by
    itself: a test calls `content_committed()` where a real change would have committed."""
    settings.CONTENT_MEMO_ENABLED = True
    content_committed()
    yield
    content_committed()


def content_committed() -> None:
    """What the caching app does when a transaction that changed public content commits."""
    bump_generation()
    content_memo.clear()
