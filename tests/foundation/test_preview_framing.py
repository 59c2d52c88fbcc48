"""Only Wagtail's preview responses may be framed, and only by the site itself (the editor's
preview panel); every other response, public or admin, says DENY and `frame-ancestors 'none'`."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.blocks import Block
from wagtail.test.utils.form_data import nested_form_data

from pages.models import ContentPage, HomePage
from resources.choices import Audience
from tests.factories import ContentPageFactory, PosterFactory, page_factory_for

pytestmark = pytest.mark.django_db


def csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_not_framable(response) -> None:
    assert response.headers["X-Frame-Options"] == "DENY"
    assert csp(response)["frame-ancestors"] == ["'none'"]


def assert_framable_by_the_site(response) -> None:
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert csp(response)["frame-ancestors"] == ["'self'"]


@pytest.fixture
def editor(client: Client) -> Client:
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-123456!")
    client.force_login(user)
    return client


@pytest.fixture
def topic_page(db) -> ContentPage:
    return ContentPageFactory(parent=HomePage.objects.get(), slug="topic", title="A topic")


def page_form(page: ContentPage, title: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": page.slug or "new-topic",
            "summary": "Previewed summary.",
            "last_reviewed": "2026-01-01",
            "next_review_due": "2027-01-01",
            **page_factory_for(ContentPage).admin_form_fields(),
        }
    )


def test_public_page_is_never_framed(client, topic_page):
    response = client.get(topic_page.url)
    assert response.status_code == 200
    assert_not_framable(response)


def test_ordinary_admin_pages_are_never_framed(editor, topic_page):
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=(topic_page.pk,)),
        reverse("wagtailsnippets_resources_poster:list"),
    ):
        response = editor.get(url)
        assert response.status_code == 200, url
        assert_not_framable(response)
        assert "'unsafe-inline'" in csp(response)["script-src"]


def test_page_preview_may_be_framed_by_the_site_and_keeps_the_public_policy(editor, topic_page):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(topic_page.pk,))
    posted = editor.post(url, page_form(topic_page, "A topic (previewed)"))
    assert posted.json()["is_valid"], posted.content
    assert_not_framable(posted)  # the form's JSON answer is not a preview

    response = editor.get(url, {"in_preview_panel": "true"})
    assert response.status_code == 200
    assert b"A topic (previewed)" in response.content
    assert_framable_by_the_site(response)
    # The previewed page is the public page: its strict script policy, not the admin's.
    assert csp(response)["script-src"] == ["'self'"]


def test_new_page_preview_may_be_framed_by_the_site(editor):
    home = HomePage.objects.get()
    url = reverse("wagtailadmin_pages:preview_on_add", args=("pages", "contentpage", home.pk))
    posted = editor.post(url, page_form(ContentPage(slug="new-topic"), "A new topic"))
    assert posted.json()["is_valid"], posted.content
    response = editor.get(url)
    assert response.status_code == 200
    assert b"A new topic" in response.content
    assert_framable_by_the_site(response)


def test_preview_error_page_may_be_framed_by_the_site(editor, topic_page):
    # Nothing posted yet: Wagtail answers with its own "Preview not available" admin page.
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(topic_page.pk,))
    response = editor.get(url)
    assert b"Preview not available" in response.content
    assert_framable_by_the_site(response)
    assert "'unsafe-inline'" in csp(response)["script-src"]


def test_snippet_preview_may_be_framed_by_the_site(editor):
    poster = PosterFactory(title="Share books and rhymes")
    url = reverse("wagtailsnippets_resources_poster:preview_on_edit", args=(poster.pk,))
    posted = editor.post(
        url,
        {
            "title": "Share books and rhymes (previewed)",
            "summary": "Why books help.",
            "audience": Audience.PARENTS,
            "document": poster.document_id,
            "preview_image": poster.preview_image_id,
            "plain_text": "Share books and rhymes.",
        },
    )
    assert posted.json()["is_valid"], posted.content
    response = editor.get(url, {"in_preview_panel": "true"})
    assert response.status_code == 200
    assert b"Share books and rhymes (previewed)" in response.content
    assert_framable_by_the_site(response)


def test_block_preview_may_be_framed_by_the_site(editor):
    block_id = next(iter(Block.definition_registry))
    response = editor.get(reverse("wagtailadmin_block_preview"), {"id": block_id})
    assert response.status_code == 200
    assert_framable_by_the_site(response)


def test_revision_view_is_not_framed(editor, topic_page):
    revision = topic_page.save_revision()
    response = editor.get(
        reverse("wagtailadmin_pages:revisions_view", args=(topic_page.pk, revision.pk))
    )
    assert response.status_code == 200
    assert_not_framable(response)
