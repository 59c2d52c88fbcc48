"""Deleting a feedback comment that contains personal details: Moderators only (403 for others),
a confirmation step, the text gone, the monthly counts unchanged, Wagtail's log says who."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry

from feedback.comment_deletion import LOG_ACTION
from feedback.models import PageFeedback
from feedback.report import monthly_counts
from tests.editorial.conftest import make_page

pytestmark = pytest.mark.django_db

PERSONAL = "Jo Bloggs, 4 Elm Road, call me on 07700 900123"


@pytest.fixture
def comment(home) -> PageFeedback:
    page = make_page(home, title="Crying")
    PageFeedback.objects.create(page=page, useful=True)
    PageFeedback.objects.create(page=page, useful=False, comment="Night feeds")
    return PageFeedback.objects.create(page=page, useful=False, comment=PERSONAL)


def _delete_url(feedback: PageFeedback) -> str:
    return reverse("feedback_delete_comment", args=[feedback.pk])


def _counts() -> list[tuple]:
    return [(row["page_id"], row["month"], row["yes"], row["no"]) for row in monthly_counts()]


@pytest.mark.parametrize("role", ["editor", "officer", "staff"])
def test_without_the_delete_permission_it_is_refused(client_for, comment, role):
    client = client_for(role)
    get, post = client.get(_delete_url(comment)), client.post(_delete_url(comment))
    if role == "staff":  # no admin access at all: Wagtail sends them to sign in first
        assert get.status_code == post.status_code == 302
        assert get["Location"].startswith(reverse("wagtailadmin_login"))
    else:
        assert get.status_code == post.status_code == 403
        assert "You do not have permission to delete feedback comments" in post.content.decode()
    comment.refresh_from_db()
    assert comment.comment == PERSONAL
    assert not ModelLogEntry.objects.filter(action=LOG_ACTION).exists()


def test_editors_see_no_delete_button_in_the_report(client_for, comment):
    html = client_for("editor").get(reverse("feedback_report")).content.decode()
    assert PERSONAL in html
    assert _delete_url(comment) not in html


def test_a_moderator_confirms_then_only_the_comment_is_gone(client_for, comment):
    before = _counts()
    moderator = client_for("moderator")
    report = BeautifulSoup(moderator.get(reverse("feedback_report")).content, "html.parser")
    assert report.find("a", href=_delete_url(comment)).get_text(strip=True) == "Delete comment"

    # The confirmation step shows the comment and deletes nothing.
    confirm = moderator.get(_delete_url(comment))
    assert confirm.status_code == 200
    form = BeautifulSoup(confirm.content, "html.parser").find("form", action=_delete_url(comment))
    assert form is not None and form["method"].upper() == "POST"
    assert PERSONAL in confirm.content.decode()
    comment.refresh_from_db()
    assert comment.comment == PERSONAL

    response = moderator.post(_delete_url(comment), follow=True)
    assert response.redirect_chain[-1][0] == reverse("feedback_report")
    html = response.content.decode()
    assert "was deleted" in html
    assert PERSONAL not in html and "Night feeds" in html
    comment.refresh_from_db()
    assert comment.comment == "" and comment.useful is False
    assert _counts() == before  # still 1 yes and 2 no for the page's month

    # Wagtail's log names who did it, and never what the comment said.
    entry = ModelLogEntry.objects.get(action=LOG_ACTION)
    assert entry.user.username.startswith("moderator-")
    assert entry.object_id == str(comment.pk)
    assert entry.data == {"page_id": comment.page_id, "answered_on": str(comment.created_on)}
    assert "Jo Bloggs" not in f"{entry.label} {entry.data} {entry.message}"

    # Nothing is left to delete: the link has gone and the address answers 404.
    assert moderator.get(_delete_url(comment)).status_code == 404
    assert moderator.post(_delete_url(comment)).status_code == 404
    assert ModelLogEntry.objects.filter(action=LOG_ACTION).count() == 1


def test_the_deletion_shows_in_the_site_history(client_for, comment):
    moderator = client_for("moderator")
    moderator.post(_delete_url(comment))
    history = moderator.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Delete feedback comment" in history or "Deleted the comment" in history
    assert "Jo Bloggs" not in history


def test_the_csv_export_keeps_the_other_comments(client_for, comment):
    moderator = client_for("moderator")
    moderator.post(_delete_url(comment))
    csv = moderator.get(reverse("feedback_report") + "?export=csv")
    text = b"".join(csv.streaming_content).decode()
    assert ",Crying,1,2,Night feeds" in text
    assert "Jo Bloggs" not in text
