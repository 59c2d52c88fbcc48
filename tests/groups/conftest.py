"""Fixtures for group sessions: hubs and sessions made directly, users in the roles the
migrations set up (shared with tests/editorial)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, time

import pytest

from groups.models import FamilyHub, GroupSession
from tests.editorial.conftest import client_for, home, make_user

__all__ = ["client_for", "home", "make_user"]

_numbers = itertools.count(1)


@pytest.fixture
def hub(db) -> FamilyHub:
    return FamilyHub.objects.create(
        name="Riverside Family Hub",
        address="1 River Street\nScunthorpe\nDN15 1AA",
        phone="01724 000000",
    )


@pytest.fixture
def make_session(hub) -> Callable[..., GroupSession]:
    def make(day: date, start: time = time(10), end: time = time(11, 30), **fields):
        fields.setdefault("title", f"Understanding your baby {next(_numbers)}")
        fields.setdefault("how_to_book", "<p>Ask your health visitor, or call the hub.</p>")
        fields.setdefault("hub", hub)
        return GroupSession.objects.create(date=day, start_time=start, end_time=end, **fields)

    return make
