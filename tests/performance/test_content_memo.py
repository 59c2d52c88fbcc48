"""The content memo keeps a value for one content generation, and only then."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from caching.generation import bump_generation
from pages.content_memo import ContentMemo


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


@pytest.fixture
def request_():
    return RequestFactory().get("/")


def test_a_value_is_computed_once_per_generation(memo_on, request_):
    memo, compute = ContentMemo(), Counter()
    assert memo.get(request_, "key", compute) == 1
    assert memo.get(RequestFactory().get("/"), "key", compute) == 1
    bump_generation()
    assert memo.get(RequestFactory().get("/"), "key", compute) == 2
    assert compute.calls == 2


def test_one_request_sees_one_generation(memo_on, request_):
    """A request that began before a change keeps the generation it read first."""
    memo, compute = ContentMemo(), Counter()
    assert memo.get(request_, "key", compute) == 1
    bump_generation()
    assert memo.get(request_, "key", compute) == 1
    assert memo.get(RequestFactory().get("/"), "key", compute) == 2


def test_values_keep_says_no_to_are_not_kept(memo_on, request_):
    memo, compute = ContentMemo(), Counter()
    assert memo.get(request_, "key", compute, keep=lambda value: value > 1) == 1
    assert memo.get(request_, "key", compute, keep=lambda value: value > 1) == 2
    assert memo.get(request_, "key", compute, keep=lambda value: value > 1) == 2


def test_a_full_memo_starts_again(memo_on, request_):
    memo, compute = ContentMemo(max_entries=2), Counter()
    for key in ("a", "b", "c"):
        memo.get(request_, key, compute)
    assert memo.get(request_, "c", compute) == 3  # kept after the reset
    assert memo.get(request_, "a", compute) == 4  # dropped by it


def test_switched_off_it_keeps_values_for_one_request_only(settings, request_):
    settings.CONTENT_MEMO_ENABLED = False
    memo, compute = ContentMemo(), Counter()
    assert memo.get(request_, "key", compute) == 1
    assert memo.get(request_, "key", compute) == 1
    assert memo.get(RequestFactory().get("/"), "key", compute) == 2
    assert memo.get(None, "key", compute) == 3
