"""The site-wide "Moderators approve" workflow: an editor's change waits for a moderator."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from resources.choices import Audience, LinkStatus
from resources.models import ResourceLink
from tests.editorial.conftest import edit_page_form, edit_url, make_page

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_editor_submits_a_page_and_a_moderator_approves_it(make_user, home, mailoutbox):
    editor, moderator = make_user("editor"), make_user("moderator")
    page = make_page(home, title="Crying")
    as_editor = signed_in(editor)

    form = as_editor.get(edit_url(page)).content.decode()
    assert 'name="action-submit"' in form
    assert 'name="action-publish"' not in form

    # Publishing is not the editor's to do: the change is only saved as a draft.
    as_editor.post(
        edit_url(page), edit_page_form(page, title="Crying (draft)", **{"action-publish": "1"})
    )
    page.refresh_from_db()
    assert page.title == "Crying" and page.has_unpublished_changes
    assert page.current_workflow_state is None

    response = as_editor.post(
        edit_url(page),
        edit_page_form(page, title="Crying and comforting", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    state = page.current_workflow_state
    assert state.workflow.name == "Moderators approve" and state.status == "in_progress"
    assert state.current_task_state.task.name == "Moderators approve"
    assert home.get_children().live().get(pk=page.pk).title == "Crying"
    submitted = [m for m in mailoutbox if moderator.email in m.to]
    assert len(submitted) == 1 and "Crying and comforting" in submitted[0].subject

    mailoutbox.clear()
    as_moderator = signed_in(moderator)
    response = as_moderator.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", state.current_task_state.pk),
        )
    )
    assert response.status_code in {200, 302}
    page.refresh_from_db()
    assert page.live and page.title == "Crying and comforting"
    assert not page.has_unpublished_changes
    assert b"Crying and comforting" in Client().get(page.url).content
    assert any(editor.email in m.to and "approved" in m.subject.lower() for m in mailoutbox)


def test_useful_links_go_through_the_same_workflow(make_user, home):
    editor, moderator = make_user("editor"), make_user("moderator")
    response = signed_in(editor).post(
        reverse("wagtailsnippets_resources_resourcelink:add"),
        {
            "title": "ICON: babies cry, you can cope",
            "organisation": "ICON",
            "url": "https://iconcope.org/",
            "audience": Audience.PARENTS,
            "summary": "How to cope with crying.",
            "status": LinkStatus.OK,
            "last_checked": "",
            "editor_notes": "",
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 302
    link = ResourceLink.objects.get()
    state = link.current_workflow_state
    assert not link.live and state.workflow.name == "Moderators approve"

    signed_in(moderator).post(
        reverse(
            "wagtailsnippets_resources_resourcelink:workflow_action",
            args=(link.pk, "approve", state.current_task_state.pk),
        )
    )
    link.refresh_from_db()
    assert link.live
