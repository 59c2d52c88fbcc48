"""Fixtures for the page tests: the seeded site, a staff client, and small page builders."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page

from pages.models import ContentPage, HomePage, SectionLandingPage


@pytest.fixture
def home(db) -> HomePage:
    return HomePage.objects.get()


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):
    """Seed once per test module (it takes several seconds) inside a transaction that is rolled
    back at the end of the module, so other modules still start from an empty site."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_content", verbosity=0, stdout=_Null(), stderr=_Null())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_module, db) -> HomePage:
    """The full seed content, as `make run` creates it. Each test's changes are rolled back."""
    return HomePage.objects.get()


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-123456!")
    client.force_login(user)
    return client


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_section(home: HomePage, slug: str = "parents", audience: str = "parents"):
    return publish_child(
        home,
        SectionLandingPage(
            title=f"Section {slug}", slug=slug, audience=audience, summary=f"About {slug}."
        ),
    )


def make_content(parent: Page, slug: str, body=None, **fields) -> ContentPage:
    today = datetime.date(2026, 1, 1)
    return publish_child(
        parent,
        ContentPage(
            title=fields.pop("title", slug.replace("-", " ").capitalize()),
            slug=slug,
            summary=fields.pop("summary", f"Summary of {slug}."),
            body=body or [{"type": "rich_text", "value": f"<p>Text of {slug}.</p>"}],
            last_reviewed=today,
            next_review_due=fields.pop("next_review_due", datetime.date(2027, 1, 1)),
            **fields,
        ),
    )


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
