"""Editors and Moderators add family hubs and sessions through the real admin (Snippets > Group
sessions); Enquiry officers and plain staff cannot. A session ending before it starts is refused
with a clear message."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from groups.models import FamilyHub, GroupSession

pytestmark = pytest.mark.django_db

CAN_MANAGE = {"editor": True, "moderator": True, "officer": False, "staff": False}


def _session_form(hub: FamilyHub, **changes) -> dict:
    form = {
        "title": "Understanding your baby",
        "date": "2026-12-02",
        "start_time": "10:00",
        "end_time": "11:30",
        "hub": hub.pk,
        "how_to_book": rich_text("<p>Ask your health visitor.</p>"),
        "booking_phone": "",
        "booking_url": "",
        "audience_notes": "",
    }
    return {**form, **changes}


@pytest.mark.parametrize(("role", "allowed"), CAN_MANAGE.items())
def test_who_can_add_hubs_and_sessions(role, allowed, client_for, home):
    client = client_for(role)
    client.post(
        reverse("wagtailsnippets_groups_familyhub:add"),
        {
            "name": "Ashby Family Hub",
            "address": "Ashby\nScunthorpe",
            "phone": "",
            "opening_notes": "",
        },
    )
    hub = FamilyHub.objects.filter(name="Ashby Family Hub").first()
    assert (hub is not None) is allowed
    hub = hub or FamilyHub.objects.create(name="Existing hub", address="Brigg")
    client.post(reverse("wagtailsnippets_groups_groupsession:add"), _session_form(hub))
    assert GroupSession.objects.filter(hub=hub).exists() is allowed
    listing = client.get(reverse("wagtailsnippets_groups_groupsession:list"))
    assert (listing.status_code == 200) is allowed


def test_an_end_before_the_start_is_refused_with_a_clear_message(client_for, home):
    client = client_for("editor")
    hub = FamilyHub.objects.create(name="Brigg Family Hub", address="Brigg")
    response = client.post(
        reverse("wagtailsnippets_groups_groupsession:add"),
        _session_form(hub, start_time="11:00", end_time="10:00"),
    )
    assert response.status_code == 200
    assert b"The end time must be after the start time." in response.content
    assert not GroupSession.objects.exists()
