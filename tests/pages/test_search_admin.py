"""Editors keep synonyms and promoted results in the admin; crisis terms are for Moderators."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.contrib.search_promotions.models import SearchPromotion

from pages.models import CrisisSearchTerm, SearchPage, SearchSynonym
from tests.pages.conftest import make_content, make_section, publish_child

pytestmark = pytest.mark.django_db


def _client_in(client, django_user_model, group: str):
    user = django_user_model.objects.create_user(
        f"{group.lower()}-user", f"{group.lower()}@example.org", "a long passphrase 1"
    )
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def test_an_editor_adds_a_synonym_and_it_works(client, django_user_model, home):
    section = make_section(home)
    make_content(section, "yourself", title="Looking after yourself", summary="Baby blues.")
    publish_child(home, SearchPage)
    editor = _client_in(client, django_user_model, "Editors")
    add_url = reverse("wagtailsnippets_pages_searchsynonym:add")
    response = editor.post(add_url, {"name": "Blues", "terms": "PND\nbaby blues"})
    assert response.status_code == 302
    assert SearchSynonym.objects.get().term_list() == ["PND", "baby blues"]
    # A group of one is refused with a message, not saved.
    response = editor.post(add_url, {"name": "Lonely", "terms": "lonely"})
    assert response.status_code == 200
    assert "at least two" in response.content.decode()
    client.logout()
    page = client.get("/search/", {"q": "pnd"}).content.decode()
    assert "Looking after yourself" in page


def test_an_editor_promotes_a_page(client, django_user_model, home):
    section = make_section(home)
    target = make_content(section, "crying", title="Crying and comforting")
    editor = _client_in(client, django_user_model, "Editors")
    assert editor.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    response = editor.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "colic",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(target.pk),
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": "Why babies cry.",
            "editors_picks-0-ORDER": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SearchPromotion.objects.get().page_id == target.pk


def test_crisis_terms_are_for_moderators(client, django_user_model):
    add_url = reverse("wagtailsnippets_pages_crisissearchterm:add")
    editor = _client_in(client, django_user_model, "Editors")
    assert editor.get(add_url).status_code == 302  # sent away: no permission
    client.logout()
    moderator = _client_in(client, django_user_model, "Moderators")
    assert moderator.post(add_url, {"phrase": "  nobody  listens "}).status_code == 302
    assert CrisisSearchTerm.objects.get().phrase == "nobody listens"
    assert moderator.get(reverse("wagtailsnippets_pages_crisissearchterm:list")).status_code == 200
