"""Fixtures for roles, moderation and reminders: users in the groups the migrations set up, page
edits posted the way the admin's form posts them, a real SMTP server on loopback."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data

from pages.models import ContentPage, HomePage
from tests.enquiries.smtp import SMTPEndpoint, smtp_relay
from tests.factories import ContentPageFactory, ServiceSettingsFactory

# Role -> the groups its users are in ("staff" is a staff user in no group at all).
ROLES = {
    "editor": ["Editors"],
    "moderator": ["Moderators"],
    "officer": ["Enquiry officers"],
    "staff": [],
}
_numbers = itertools.count(1)


@pytest.fixture
def home(db) -> HomePage:
    Site.objects.filter(is_default_site=True).update(hostname="testserver")
    ServiceSettingsFactory()
    return HomePage.objects.get()


@pytest.fixture
def make_user(django_user_model) -> Callable:
    def make(role: str, *, email: str | None = None, **fields):
        number = next(_numbers)
        user = django_user_model.objects.create_user(
            f"{role}-{number}",
            email=f"{role}-{number}@example.org" if email is None else email,
            password="not-used",
            is_staff=True,
            **fields,
        )
        user.groups.set(Group.objects.filter(name__in=ROLES[role]))
        return user

    return make


@pytest.fixture
def client_for(client, make_user) -> Callable:
    """A test client signed in as a new user with this role."""

    def sign_in(role: str):
        client.force_login(make_user(role))
        return client

    return sign_in


def make_page(home: HomePage, **fields) -> ContentPage:
    number = next(_numbers)
    fields.setdefault("title", f"Topic page {number}")
    return ContentPageFactory(parent=home, slug=f"topic-page-{number}", **fields)


def edit_page_form(page: ContentPage, **changes) -> dict:
    """What the page editor posts for `page`, with `changes` (title, owner, action-…)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "last_reviewed": "2026-01-01",
        "next_review_due": "2027-01-01",
        "owner": page.owner_id or "",
        **ContentPageFactory.admin_form_fields(),
    }
    actions = {key: value for key, value in changes.items() if key.startswith("action-")}
    data.update({key: value for key, value in changes.items() if key not in actions})
    return {**nested_form_data(data), **actions}


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


@pytest.fixture
def smtp(settings) -> Iterator[SMTPEndpoint]:
    """A real SMTP server (aiosmtpd) on loopback that the site's email goes to."""
    with smtp_relay(settings, "EMAIL_BACKEND") as endpoint:
        yield endpoint
