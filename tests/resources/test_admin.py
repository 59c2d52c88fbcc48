"""Editors create, find and filter useful links and posters in the Wagtail admin."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.images import get_image_model

from resources.choices import Audience, LinkStatus
from resources.models import Poster, ResourceLink
from tests.factories import PosterDocumentFactory, PosterFactory, ResourceLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pass")
    client.force_login(user)
    return client


def link_form(**overrides) -> dict:
    data = {
        "title": "ICON: babies cry, you can cope",
        "organisation": "ICON",
        "url": "https://iconcope.org/",
        "audience": Audience.PARENTS,
        "summary": "How to cope with crying.",
        "status": LinkStatus.OK,
        "last_checked": "2026-11-01",
        "editor_notes": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def row_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        cell.get_text(" ", strip=True) for cell in soup.select("tbody td.title .title-wrapper > a")
    ]


def test_create_and_publish_a_link_with_topics(editor_client):
    crying = TopicFactory(name="Crying and comforting", slug="crying-and-comforting")
    response = editor_client.post(
        reverse("wagtailsnippets_resources_resourcelink:add"),
        link_form(topics=[crying.pk]),
    )
    assert response.status_code == 302, response.content[:2000]
    link = ResourceLink.objects.get()
    assert link.live
    assert list(link.topics.all()) == [crying]
    assert link.latest_revision is not None


def test_a_draft_may_have_no_address_but_cannot_be_published_without_one(editor_client):
    add_url = reverse("wagtailsnippets_resources_resourcelink:add")
    refused = editor_client.post(add_url, link_form(url=""))
    assert refused.status_code == 200
    assert b"Enter the web address before publishing" in refused.content
    assert not ResourceLink.objects.exists()

    draft = link_form(url="")
    del draft["action-publish"]
    saved = editor_client.post(add_url, draft)
    assert saved.status_code == 302
    link = ResourceLink.objects.get()
    assert not link.live
    assert link.url == ""


def test_every_field_has_help_text(editor_client):
    own_fields = {
        ResourceLink: [
            "title",
            "organisation",
            "url",
            "audience",
            "topics",
            "summary",
            "last_checked",
            "status",
            "editor_notes",
        ],
        Poster: ["title", "summary", "audience", "document", "preview_image", "plain_text"],
    }
    for model, names in own_fields.items():
        for name in names:
            assert model._meta.get_field(name).help_text, f"{model.__name__}.{name}"
    response = editor_client.get(reverse("wagtailsnippets_resources_resourcelink:add"))
    assert response.status_code == 200
    assert b"Tick every topic it covers" in response.content


def test_create_a_poster_makes_its_preview(editor_client):
    document = PosterDocumentFactory(title="Cuddles PDF")
    response = editor_client.post(
        reverse("wagtailsnippets_resources_poster:add"),
        {
            "title": "Cuddles help your baby feel safe",
            "summary": "Why cuddles help.",
            "audience": Audience.PARENTS,
            "document": document.pk,
            "preview_image": "",
            "plain_text": "Cuddles help your baby feel safe.",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    poster = Poster.objects.get()
    assert poster.live
    assert poster.page_count == 1
    assert poster.preview_image.title == "Preview of Cuddles help your baby feel safe"
    # The revision carries the preview, so publishing again makes no new image.
    assert poster.latest_revision.as_object().preview_image_id == poster.preview_image_id
    images = get_image_model().objects.count()
    edit_url = reverse("wagtailsnippets_resources_poster:edit", args=[poster.pk])
    again = editor_client.post(
        edit_url,
        {
            "title": "Cuddles help your baby feel safe",
            "summary": "Edited.",
            "audience": Audience.BOTH,
            "document": document.pk,
            "preview_image": poster.preview_image_id,
            "plain_text": "Cuddles help your baby feel safe.",
            "action-publish": "action-publish",
        },
    )
    assert again.status_code == 302
    assert get_image_model().objects.count() == images
    assert Poster.objects.get().summary == "Edited."


@pytest.mark.parametrize(
    "content",
    [b"this is not a pdf", b"%PDF-1.7\n%broken beyond repair", b""],
    ids=["text", "truncated-pdf", "empty"],
)
def test_an_unreadable_pdf_is_a_form_error_not_a_crash(editor_client, content):
    document = PosterDocumentFactory(
        title="Broken poster", file=ContentFile(content or b" ", name="broken.pdf")
    )
    response = editor_client.post(
        reverse("wagtailsnippets_resources_poster:add"),
        {
            "title": "Broken",
            "audience": Audience.PARENTS,
            "document": document.pk,
            "plain_text": "Words.",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 200
    assert "cannot be opened as a PDF" in response.content.decode()
    assert response.context["form"].errors["document"]
    assert not Poster.objects.exists()


def test_a_poster_cannot_be_published_without_a_pdf_or_its_text(editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_resources_poster:add"),
        {"title": "No PDF", "audience": Audience.PARENTS, "action-publish": "action-publish"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "document" in errors and "plain_text" in errors
    draft = editor_client.post(
        reverse("wagtailsnippets_resources_poster:add"),
        {"title": "No PDF yet", "audience": Audience.PARENTS},
    )
    assert draft.status_code == 302
    assert not Poster.objects.get().live


def test_link_list_filters_and_search(editor_client):
    training = TopicFactory(name="Training", slug="training")
    ResourceLinkFactory(title="Solihull Approach", organisation="Solihull", topics=[training])
    ResourceLinkFactory(
        title="ICON", organisation="ICON", audience=Audience.PARENTS, status=LinkStatus.CHECK
    )
    ResourceLinkFactory(title="Amy Brown video", url="", live=False, status=LinkStatus.CHECK)
    list_url = reverse("wagtailsnippets_resources_resourcelink:list")

    everything = editor_client.get(list_url)
    assert everything.status_code == 200
    assert sorted(row_titles(everything)) == ["Amy Brown video", "ICON", "Solihull Approach"]

    by_topic = editor_client.get(list_url, {"topics": training.pk})
    assert row_titles(by_topic) == ["Solihull Approach"]
    by_status = editor_client.get(list_url, {"status": LinkStatus.CHECK})
    assert sorted(row_titles(by_status)) == ["Amy Brown video", "ICON"]
    by_audience = editor_client.get(list_url, {"audience": Audience.PARENTS})
    assert row_titles(by_audience) == ["ICON"]
    drafts = editor_client.get(list_url, {"live": "false"})
    assert row_titles(drafts) == ["Amy Brown video"]

    searched = editor_client.get(list_url, {"q": "Solihull"})
    assert searched.status_code == 200
    assert row_titles(searched) == ["Solihull Approach"]


def test_poster_list_search_and_preview(editor_client):
    poster = PosterFactory(title="Share books and rhymes", plain_text="Imagination Library")
    PosterFactory(title="Look after yourself too")
    list_url = reverse("wagtailsnippets_resources_poster:list")
    searched = editor_client.get(list_url, {"q": "books"})
    assert searched.status_code == 200
    assert row_titles(searched) == ["Share books and rhymes"]

    preview_url = reverse("wagtailsnippets_resources_poster:preview_on_edit", args=[poster.pk])
    edit = editor_client.get(reverse("wagtailsnippets_resources_poster:edit", args=[poster.pk]))
    assert edit.status_code == 200
    assert preview_url.encode() in edit.content


def test_resources_menu_groups_links_posters_and_topics(editor_client):
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Resources" in html
    for label in ("Useful links", "Posters", "Topics"):
        assert label in html


def test_admin_site_search_offers_useful_links_and_posters(editor_client):
    response = editor_client.get(reverse("wagtailadmin_pages:search"), {"q": "unicef"})
    assert response.status_code == 200
    hrefs = {a["href"] for a in BeautifulSoup(response.content, "html.parser").find_all("a")}
    for list_name in ("resourcelink", "poster"):
        assert f"{reverse(f'wagtailsnippets_resources_{list_name}:list')}?q=unicef" in hrefs


def test_admin_site_search_hides_resources_from_users_who_cannot_see_them(client):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    # A group that edits pages but has no permission on these snippets.
    group = Group.objects.create(name="Page writers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    user = get_user_model().objects.create_user("reader", "reader@example.org", "pass")
    user.groups.add(group)
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "unicef"})
    assert response.status_code == 200
    assert reverse("wagtailsnippets_resources_resourcelink:list").encode() not in response.content


def test_an_address_typed_without_a_scheme_is_saved_as_https(editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_resources_resourcelink:add"), link_form(url="iconcope.org/")
    )
    assert response.status_code == 302, response.content[:2000]
    assert ResourceLink.objects.get().url == "https://iconcope.org/"


def test_poster_form_offers_wagtails_document_and_image_choosers(editor_client):
    response = editor_client.get(reverse("wagtailsnippets_resources_poster:add"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_document-chooser.document-chooser")
    assert soup.select_one("#id_preview_image-chooser.image-chooser")
