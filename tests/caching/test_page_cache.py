"""The page cache in-process (Django's test client, so the middleware answers hits): which
responses are stored, what a hit carries, HTTP validators, content codings, and what stays per
visitor. A hit runs no database query: that is how these tests tell a hit from a render."""

from __future__ import annotations

import gzip
from datetime import timedelta
from unittest import mock

import brotli
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from caching.generation import bump_generation
from caching.page_store import pages
from caching.release import release_fingerprint
from feedback.models import PageFeedback
from pages.models import HomePage
from tests.factories import ContactPageFactory, SearchPageFactory
from tests.pages.conftest import make_content

pytestmark = pytest.mark.django_db


def queries_for(client, url: str, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


@pytest.fixture
def page(db):
    return make_content(HomePage.objects.get(), "crying", title="Crying and comforting")


def test_second_get_is_a_hit_with_every_header_of_the_render(client, page):
    first, rendered = queries_for(client, page.url)
    second, hit = queries_for(client, page.url)
    assert first.status_code == second.status_code == 200
    assert rendered > 0 and hit == 0
    assert second.content == first.content
    for name in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy",
                 "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Content-Type-Options",
                 "Content-Type", "ETag", "Cache-Control", "Vary"):  # fmt: skip
        assert second[name] == first[name], name
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert first["Vary"] == "Accept-Encoding"
    assert not second.cookies and "Set-Cookie" not in second


def test_if_none_match_gets_a_304_from_the_render_and_from_the_cache(client, page):
    etag = client.get(page.url)["ETag"]
    assert etag.startswith('W/"')
    not_modified, hit = queries_for(client, page.url, if_none_match=etag)
    assert not_modified.status_code == 304 and hit == 0
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert client.get(page.url, headers={"if-none-match": '"other"'}).status_code == 200


def test_a_304_without_the_page_cache(client, page, settings):
    settings.PAGE_CACHE_ENABLED = False
    first, _ = queries_for(client, page.url)
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=60"
    again, rendered = queries_for(client, page.url, if_none_match=first["ETag"])
    assert again.status_code == 304 and rendered > 0


@pytest.mark.parametrize(
    ("accept", "coding", "decode"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("br;q=0.5, gzip", "gzip", gzip.decompress),
        ("identity", None, bytes),
    ],
)
@pytest.mark.parametrize("cached", [True, False])
def test_html_is_compressed_as_the_client_asks(
    client, page, settings, accept, coding, decode, cached
):
    settings.PAGE_CACHE_ENABLED = cached
    plain = client.get(page.url).content
    for _ in range(2):  # the render (stored), then the hit
        response = client.get(page.url, headers={"accept-encoding": accept})
        assert response.get("Content-Encoding") == coding
        if cached:
            assert decode(response.content) == plain
        else:  # rendered afresh: the feedback form's signed token carries the second it was made
            assert b"<h1" in decode(response.content) and b"</html>" in decode(response.content)
        assert int(response["Content-Length"]) == len(response.content)
        assert response["Vary"] == "Accept-Encoding"


def test_head_is_answered_from_the_cache_without_a_body(client, page):
    body = client.get(page.url).content
    with CaptureQueriesContext(connection) as queries:
        response = client.head(page.url)
    assert response.status_code == 200 and len(queries) == 0
    assert response.content == b""
    assert int(response["Content-Length"]) == len(body)


def test_the_key_holds_scheme_host_path_and_query(client, page):
    client.get(page.url)
    for variant in (
        {"path": page.url + "?topic=sleep"},
        {"path": page.url, "secure": True},
        {"path": page.url, "headers": {"host": "localhost"}},
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(**variant)
        assert response.status_code == 200 and len(queries) > 0, variant


def test_a_bad_host_still_gets_the_request_validation_400(client, page):
    client.get(page.url)
    response = client.get(page.url, headers={"host": "evil.example"})
    assert response.status_code == 400


def test_a_signed_in_editor_is_never_served_or_stored(client, page, django_user_model):
    anonymous = client.get(page.url).content
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw-123456!x")
    client.force_login(editor)
    response, rendered = queries_for(client, page.url)
    assert rendered > 0 and response.content != anonymous  # the userbar
    assert response["Cache-Control"] == "private, no-cache"
    client.logout()
    client.cookies.clear()
    response, hit = queries_for(client, page.url)
    assert hit == 0 and response.content == anonymous


def test_a_messages_cookie_bypasses_the_cache(client, page):
    client.get(page.url)
    client.cookies["messages"] = "anything"
    _response, rendered = queries_for(client, page.url)
    assert rendered > 0


def test_the_contact_page_is_never_cached(client):
    url = "/contact/"
    ContactPageFactory(parent=HomePage.objects.get(), slug="contact")
    tokens = set()
    for _ in range(2):
        response, rendered = queries_for(client, url)
        client.cookies.clear()
        assert response.status_code == 200 and rendered > 0
        assert "csrftoken" in response.cookies
        assert "private" in response["Cache-Control"]
        tokens.add(response.content)
    assert len(tokens) == 2  # a fresh CSRF token each time


def test_search_terms_are_never_stored(client):
    SearchPageFactory(parent=HomePage.objects.get(), slug="search")
    for _ in range(2):
        response, rendered = queries_for(client, "/search/?q=crying")
        assert response.status_code == 200 and rendered > 0
        assert response["Cache-Control"] == "private, no-cache"
    _first, _ = queries_for(client, "/search/")
    _second, hit = queries_for(client, "/search/")
    assert hit == 0  # the empty search page is a public page


def test_posts_and_errors_are_never_stored(client, page):
    response = client.post(page.url, {"a": "b"})
    assert response.status_code == 200  # Wagtail renders pages for any method
    assert response["Cache-Control"] == "private, no-store"
    _response, rendered = queries_for(client, page.url)
    assert rendered > 0


def test_the_admin_is_never_stored(admin_client):
    for _ in range(2):
        response, rendered = queries_for(admin_client, "/admin/")
        assert response.status_code == 200 and rendered > 0
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_switched_off_nothing_is_stored(client, page, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(page.url)
    _response, rendered = queries_for(client, page.url)
    assert rendered > 0


def test_pages_are_stored_in_redis_when_redis_is_the_cache(client, page, redis_cache):
    first, _rendered = queries_for(client, page.url)
    pages.forget()  # not this process's copy: the shared one
    second, hit = queries_for(client, page.url, accept_encoding="br")
    assert hit == 0
    assert brotli.decompress(second.content) == first.content
    assert any(b"caching:page" in key for key in redis_cache.scan_iter(match="test-*"))


def test_the_feedback_form_posts_from_a_cached_copy(client, page):
    """Its token is the page id, signed, with no expiry: the same for every visitor and safe to
    share, so content pages stay cacheable and the form works from a copy of any age."""
    client.get(page.url)
    cached, hit = queries_for(client, page.url)
    assert hit == 0
    form = BeautifulSoup(cached.content, "html.parser").select_one("form[action*=feedback]")
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    data["useful"] = "yes"
    a_year_later = timezone.now() + timedelta(days=365)
    with mock.patch("django.utils.timezone.now", return_value=a_year_later):
        response = client.post(form["action"], data)
    assert response.status_code == 303
    assert PageFeedback.objects.filter(page=page, useful=True).count() == 1
    assert not response.cookies


def test_a_page_rendered_while_content_changed_is_kept_by_no_cache(client, page):
    """The change's purge may reach the edge before this response: the edge must not keep it."""
    bumped = []

    def change_content_meanwhile(**_kwargs):
        if not bumped:
            bumped.append(True)
            bump_generation()

    template_rendered.connect(change_content_meanwhile)
    try:
        straddling = client.get(page.url)
    finally:
        template_rendered.disconnect(change_content_meanwhile)
    assert bumped and straddling.status_code == 200
    assert straddling["Cache-Control"] == "no-cache"
    next_one, rendered = queries_for(client, page.url)
    assert rendered > 0, "the straddling render was stored"
    assert next_one["Cache-Control"] == "public, max-age=0, s-maxage=60"


def test_pages_rendered_by_another_release_are_never_served(client, page, monkeypatch):
    """The cache outlives a restart: new code must not serve the old code's markup."""
    client.get(page.url)
    pages.forget()  # a new process
    monkeypatch.setattr("caching.page_store.release_fingerprint", lambda: "the-next-release")
    _response, rendered = queries_for(client, page.url)
    assert rendered > 0


def test_the_release_fingerprint_follows_code_and_templates(tmp_path, settings):
    settings.BASE_DIR = tmp_path
    template = tmp_path / "templates" / "base.html"
    template.parent.mkdir()
    template.write_text("<html>")
    fingerprints = []
    for markup in ("<html>", "<html lang='en'>"):
        template.write_text(markup)
        release_fingerprint.cache_clear()
        fingerprints.append(release_fingerprint())
    release_fingerprint.cache_clear()
    assert fingerprints[0] != fingerprints[1]
