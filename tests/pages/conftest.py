"""Fixtures for the page tests: the seeded site, a staff client, and small page builders (on the
page factories in tests/factories.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Page, get_page_models

from pages.models import ContentPage, HomePage
from tests.factories import ContentPageFactory, SectionLandingPageFactory, page_factory_for

# Every page type this project registers (Wagtail's own `Page` and other packages' left out).
PROJECT_PAGE_MODELS = [
    model
    for model in get_page_models()
    if Path(model._meta.app_config.path).parent == Path(settings.BASE_DIR)
]


@pytest.fixture
def home(db) -> HomePage:
    return HomePage.objects.get()


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-123456!")
    client.force_login(user)
    return client


def publish_child(parent: Page, model: type[Page], **fields) -> Page:
    """A published page of this type under `parent`, built by its factory."""
    return page_factory_for(model)(parent=parent, **fields)


def make_section(home: HomePage, slug: str = "parents", audience: str = "parents"):
    return SectionLandingPageFactory(
        parent=home, title=f"Section {slug}", slug=slug, audience=audience
    )


def make_content(parent: Page, slug: str, body=None, **fields) -> ContentPage:
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    if body is not None:
        fields["body"] = body
    return ContentPageFactory(parent=parent, slug=slug, **fields)


def parent_for(model: type[Page], home: HomePage) -> Page:
    """A page this type may be added under: the home page when allowed, else the tree's root,
    else a new page of its first allowed parent type."""
    allowed = model.allowed_parent_page_models()
    if HomePage in allowed:
        return home
    if Page in allowed:
        return Page.get_first_root_node()
    return publish_child(parent_for(allowed[0], home), allowed[0])


def page_of_type(model: type[Page], home: HomePage) -> Page:
    """A published page of this type: the existing one, or a new one from its factory."""
    return model.objects.first() or publish_child(parent_for(model, home), model)
