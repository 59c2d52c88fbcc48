"""'Is this page useful?': stored, counted, no cookies, every bad post a clear 4xx."""

from __future__ import annotations

import datetime
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editorial.reminders import send_review_reminders
from feedback.abuse import page_token, response_token
from feedback.models import COMMENT_MAX, PageFeedback
from tests.databases import ON_POSTGRESQL
from tests.editorial.conftest import make_page

pytestmark = pytest.mark.django_db
# Concurrent writers need PostgreSQL (SQLite serialises them): CI's PostgreSQL run has it.
ANSWER = "/feedback/"


@pytest.fixture
def page(home):
    return make_page(home, title="Crying")


def form_token(client: Client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert match, "the page has no feedback form"
    return match.group(1)


def assert_no_cookies(response) -> None:
    assert not response.cookies, f"set cookies: {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers


def test_yes_is_stored_and_no_public_response_sets_a_cookie(client, page):
    page_response = client.get(page.url)
    assert_no_cookies(page_response)
    html = page_response.content.decode()
    assert "Is this page useful?" in html and "csrfmiddlewaretoken" not in html
    token = form_token(client, page)

    answered = client.post(ANSWER, {"token": token, "useful": "yes", "website": ""})
    assert answered.status_code == 303
    assert_no_cookies(answered)
    thanks = client.get(answered["Location"])
    assert thanks.status_code == 200 and "Thank you for your feedback" in thanks.content.decode()
    assert page.url in thanks.content.decode()
    assert_no_cookies(thanks)

    [feedback] = PageFeedback.objects.all()
    assert feedback.page_id == page.pk and feedback.useful is True and feedback.comment == ""


def test_no_asks_what_was_missing_with_a_personal_details_warning(client, page):
    answered = client.post(ANSWER, {"token": form_token(client, page), "useful": "no"})
    assert answered.status_code == 303 and answered["Location"].startswith("/feedback/more/")
    assert_no_cookies(answered)
    step = client.get(answered["Location"])
    assert step.status_code == 200
    assert_no_cookies(step)
    html = step.content.decode()
    assert "What were you looking for?" in html and "Do not include personal details" in html
    token = re.search(r'name="r" value="([^"]+)"', html).group(1)

    sent = client.post("/feedback/more/", {"r": token, "comment": "Help with night feeds\r\n"})
    assert sent.status_code == 303 and sent["Location"].startswith("/feedback/thanks/")
    assert_no_cookies(sent)
    [feedback] = PageFeedback.objects.all()
    assert feedback.useful is False and feedback.comment == "Help with night feeds"
    # The link cannot be used again to change the comment.
    client.post("/feedback/more/", {"r": token, "comment": "Something else"})
    feedback.refresh_from_db()
    assert feedback.comment == "Help with night feeds"


def test_the_form_is_the_same_for_every_visitor_so_cached_pages_work(page):
    assert form_token(Client(), page) == form_token(Client(), page) == page_token(page.pk)


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"useful": "yes"}, 400, "could not be sent"),
        ({"token": "garbled", "useful": "yes"}, 400, "could not be sent"),
        ({"token": page_token(10**9), "useful": "yes"}, 404, "no longer on this website"),
        ({"token": "PAGE", "useful": "maybe"}, 400, "Select yes or no"),
        ({"token": "PAGE"}, 400, "Select yes or no"),
        ({"token": "PAGE", "useful": "yes", "website": "spam"}, 400, "could not be accepted"),
    ],
)
def test_a_bad_answer_is_a_4xx_with_a_clear_message(client, page, data, status, message):
    data = {key: page_token(page.pk) if value == "PAGE" else value for key, value in data.items()}
    response = client.post(ANSWER, data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert_no_cookies(response)
    assert not PageFeedback.objects.exists()


def test_a_draft_page_cannot_be_answered_about(client, page):
    page.unpublish()
    response = client.post(ANSWER, {"token": page_token(page.pk), "useful": "yes"})
    assert response.status_code == 404


def test_a_get_of_the_answer_url_is_405(client):
    assert client.get(ANSWER).status_code == 405


def test_a_bad_comment_step_is_a_4xx(client, page):
    yes = PageFeedback.objects.create(page=page, useful=True)
    no = PageFeedback.objects.create(page=page, useful=False)
    assert client.get("/feedback/more/?r=garbled").status_code == 400
    # Only a "no" has a second step.
    assert client.get(f"/feedback/more/?r={response_token(yes.pk)}").status_code == 400
    too_long = client.post(
        "/feedback/more/", {"r": response_token(no.pk), "comment": "x" * (COMMENT_MAX + 1)}
    )
    assert too_long.status_code == 400
    assert f"must be {COMMENT_MAX:,} characters or fewer" in too_long.content.decode()
    no.refresh_from_db()
    assert no.comment == ""


def test_too_many_answers_from_one_client_are_refused(client, page, settings):
    settings.FEEDBACK_RATE_LIMIT_COUNT = 3
    token = page_token(page.pk)
    statuses = [
        client.post(ANSWER, {"token": token, "useful": "yes"}).status_code for _ in range(4)
    ]
    assert statuses == [303, 303, 303, 429]
    assert PageFeedback.objects.count() == 3
    other = client.post(ANSWER, {"token": token, "useful": "yes"}, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 303


def test_no_address_is_kept_and_the_hash_is_forgotten_after_the_window(client, page, settings):
    client.post(ANSWER, {"token": page_token(page.pk), "useful": "yes"})
    feedback = PageFeedback.objects.get()
    assert feedback.client_hash and "127.0.0.1" not in feedback.client_hash
    settings.FEEDBACK_RATE_LIMIT_WINDOW_SECONDS = 0
    client.post(ANSWER, {"token": page_token(page.pk), "useful": "no"})
    feedback.refresh_from_db()
    assert feedback.client_hash == ""


def test_the_report_counts_per_page_per_month_and_exports_csv(client_for, home, page):
    other = make_page(home, title="Sleep")
    for useful, comment in [(True, ""), (True, ""), (False, "Night feeds")]:
        PageFeedback.objects.create(page=page, useful=useful, comment=comment)
    PageFeedback.objects.create(page=other, useful=False)

    editor = client_for("editor")
    html = editor.get(reverse("feedback_report")).content.decode()
    assert "Night feeds" in html and "Crying" in html and "Sleep" in html
    csv = editor.get(reverse("feedback_report") + "?export=csv")
    assert csv.status_code == 200
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[0] == "Month,Page,Useful: yes,Useful: no,What people were looking for"
    assert any(",Crying,2,1,Night feeds" in line for line in lines)
    assert any(",Sleep,0,1," in line for line in lines)


@pytest.mark.parametrize(
    ("role", "allowed"), [("editor", True), ("moderator", True), ("officer", False)]
)
def test_editors_and_moderators_may_view_the_report(client_for, home, role, allowed):
    response = client_for(role).get(reverse("feedback_report"))
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert (response.status_code == 200) is allowed
    assert response.status_code in ({200} if allowed else {302, 403})


def test_the_owners_weekly_email_includes_this_months_feedback(smtp, make_user, home):
    owner = make_user("editor")
    due = make_page(
        home,
        title="Crying",
        owner=owner,
        next_review_due=timezone.localdate() + datetime.timedelta(days=1),
    )
    PageFeedback.objects.create(page=due, useful=True)
    PageFeedback.objects.create(page=due, useful=False)
    send_review_reminders()
    smtp.wait_for(1)
    [message] = smtp.to(owner.email)
    body = message.get_content()
    assert "Feedback this month on your pages" in body
    assert "- Crying: 1 yes, 1 no" in body
    assert "/admin/reports/page-feedback/" in body


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_lost_when_answers_arrive_at_once(home, settings):
    page = make_page(home, title="Crying")
    token = page_token(page.pk)
    threads_count, each = 8, 5
    settings.FEEDBACK_RATE_LIMIT_COUNT = 1000
    statuses: list[int] = []
    barrier = threading.Barrier(threads_count)

    def post_answers(number: int) -> None:
        client = Client(REMOTE_ADDR=f"192.0.2.{number}")
        barrier.wait()
        try:
            for _ in range(each):
                statuses.append(client.post(ANSWER, {"token": token, "useful": "yes"}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post_answers, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [303] * (threads_count * each)
    assert PageFeedback.objects.filter(page=page).count() == threads_count * each
