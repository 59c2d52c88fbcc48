"""The contact form page: markup, validation, spam traps, rate limit and bad requests."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django_tasks_db.models import DBTaskResult

from enquiries.delivery import send_enquiry_email
from enquiries.models import Enquiry, Status
from tests.enquiries.conftest import TOPIC_NAMES
from tests.enquiries.forms import VALID, form_fields, topic_values

pytestmark = pytest.mark.django_db

SEND_TASK = send_enquiry_email.module_path


@pytest.fixture
def page_url(contact_page) -> str:
    return contact_page.url


def submit(client, url: str, **overrides):
    response = client.get(url)
    data = {**form_fields(response.content.decode()), **VALID}
    data["topic"] = next(iter(topic_values(response.content.decode()).values()))
    data.update(overrides)
    return client.post(url, {k: v for k, v in data.items() if v is not None})


def test_form_page_shows_fields_privacy_and_urgent_help(client, page_url):
    response = client.get(page_url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", attrs={"method": "post"})
    assert form.has_attr("novalidate")
    for name in ("name", "email", "phone", "role", "topic", "message"):
        assert form.find(attrs={"name": name}), name
    assert not form.find(attrs={"required": True})
    assert not form.find(attrs={"maxlength": True})
    assert list(topic_values(response.content.decode())) == TOPIC_NAMES
    text = soup.get_text(" ", strip=True)
    assert "not monitored out of hours and is not for emergencies" in text
    assert "We keep your message for 1 year, then delete it." in text
    assert soup.find(id="privacy-summary-heading")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_only_the_csrf_cookie_is_set(client, page_url):
    response = client.get(page_url)
    assert set(response.cookies) == {"csrftoken"}


def test_valid_submission_stores_enquiry_and_task_then_redirects(client, page_url):
    response = submit(client, page_url)
    assert response.status_code == 303
    enquiry = Enquiry.objects.get()
    assert enquiry.status == Status.QUEUED
    assert enquiry.email == VALID["email"]
    assert enquiry.topic_name == "A general question"
    task = DBTaskResult.objects.get(task_path=SEND_TASK)
    assert task.args_kwargs == {"args": [enquiry.pk], "kwargs": {}}
    assert str(task.id) == enquiry.task_id
    assert response["Location"].startswith(page_url + "sent/")

    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    html = confirmation.content.decode()
    assert enquiry.reference in html
    assert VALID["email"] not in html and VALID["name"] not in html
    assert not confirmation.cookies.get("sessionid")


def test_confirmation_link_must_be_signed(client, page_url):
    from enquiries.confirmation import confirmation_path_args

    reference, signature = confirmation_path_args("IMH-AAAA-BBBB")
    assert client.get(f"{page_url}sent/{reference}/{signature}/").status_code == 200
    assert client.get(f"{page_url}sent/IMH-AAAA-BBBC/{signature}/").status_code == 404
    assert client.get(f"{page_url}sent/{reference}/forged/").status_code == 404
    assert client.get(f"{page_url}sent/{reference}/").status_code == 404


def test_refresh_after_submit_does_not_resubmit(client, page_url):
    response = submit(client, page_url)
    client.get(response["Location"])
    client.get(response["Location"])
    assert Enquiry.objects.count() == 1


def test_empty_submission_shows_govuk_error_summary(client, page_url):
    response = client.post(page_url, {})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text().startswith("Error: ")
    summary = soup.find(class_="govuk-error-summary")
    assert summary["data-module"] == "govuk-error-summary"
    assert summary.find("h2").get_text(strip=True) == "There is a problem"
    links = {a["href"]: a.get_text(strip=True) for a in summary.find_all("a")}
    assert links == {
        "#id_name": "Enter your name",
        "#id_email": "Enter your email address",
        "#id_role_0": "Select whether you are a parent or carer, a professional, or other",
        "#id_topic_0": "Select what your message is about",
        "#id_message": "Enter your message",
    }
    name_error = soup.find(id="id_name-error")
    assert "Enter your name" in name_error.get_text()
    assert soup.find(id="id_name")["aria-describedby"] == "id_name-error"
    assert Enquiry.objects.count() == 0


def test_entered_values_are_kept_after_an_error(client, page_url):
    response = submit(client, page_url, email="not-an-email")
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="id_name")["value"] == VALID["name"]
    assert VALID["message"] in soup.find(id="id_message").get_text()
    assert "Enter an email address in the correct format" in soup.get_text()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("message", "a" * 5001, "Your message must be 5,000 characters or fewer. It is 5,001"),
        ("name", "n" * 201, "Your name must be 200 characters or fewer"),
        ("name", "Sam\r\nBcc: victim@example.org", "Enter your name on one line"),
        ("email", "sam@example.org\r\nBcc: victim@example.org", "Enter an email address"),
        ("email", "sam@example.org\nCc:x@example.org", "Enter an email address"),
        ("phone", "call me maybe", "Enter a phone number"),
        ("role", "banana", "Select whether you are"),
        ("topic", "not-a-number", "Select what your message is about"),
        ("topic", "999999", "Select what your message is about"),
        ("name", "Sam\x00", "Your name contains a character we cannot accept"),
    ],
)
def test_bad_values_get_clear_messages(client, page_url, field, value, message):
    response = submit(client, page_url, **{field: value})
    assert response.status_code == 400
    assert message in BeautifulSoup(response.content, "html.parser").get_text()
    assert Enquiry.objects.count() == 0


def test_message_of_exactly_5000_characters_with_windows_line_breaks_is_accepted(client, page_url):
    message = ("x" * 99 + "\r\n") * 49 + "x" * 100  # 5,049 as sent, 5,000 once normalised
    response = submit(client, page_url, message=message)
    assert response.status_code == 303


def test_honeypot_is_stored_as_spam_and_not_queued(client, page_url):
    response = submit(client, page_url, website="http://spam.example")
    assert response.status_code == 303  # bots see the usual confirmation
    enquiry = Enquiry.objects.get()
    assert enquiry.status == Status.SPAM and enquiry.flagged_as_spam
    assert enquiry.spam_reason == "Filled in the hidden field"
    assert not DBTaskResult.objects.filter(task_path=SEND_TASK).exists()


def test_too_fast_submission_is_flagged(client, page_url, settings):
    settings.ENQUIRY_MIN_FILL_SECONDS = 60
    submit(client, page_url)
    assert Enquiry.objects.get().spam_reason == "Sent too quickly after the form was shown"


def test_missing_or_forged_form_token_is_flagged(client, page_url):
    submit(client, page_url, form_token="forged")
    assert Enquiry.objects.get().status == Status.SPAM


def test_rate_limit_after_five_submissions_in_ten_minutes(client, page_url):
    for _ in range(5):
        assert submit(client, page_url).status_code == 303
    response = submit(client, page_url)
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Wait 10 minutes and try again" in response.content.decode()
    assert Enquiry.objects.count() == 5
    # Another client (another address) is not limited.
    other = client.get(page_url, REMOTE_ADDR="203.0.113.9")
    data = {**form_fields(other.content.decode()), **VALID}
    data["topic"] = next(iter(topic_values(other.content.decode()).values()))
    assert client.post(page_url, data, REMOTE_ADDR="203.0.113.9").status_code == 303


def test_x_forwarded_for_only_trusted_when_configured(client, page_url, settings):
    for _ in range(5):
        submit(client, page_url)
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    response = client.get(page_url)
    data = {**form_fields(response.content.decode()), **VALID}
    data["topic"] = next(iter(topic_values(response.content.decode()).values()))
    assert client.post(page_url, data, **forged).status_code == 429
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.post(page_url, data, **forged).status_code == 303


def test_oversized_body_gets_400_not_500(client, page_url, settings):
    response = client.post(page_url, {"message": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert response.status_code == 400
    assert Enquiry.objects.count() == 0


def test_invalid_utf8_gets_a_4xx(client, page_url):
    response = client.post(
        page_url,
        data=b"name=%FF%FE&email=%C3%28@example.org&message=\xff\xfe",
        content_type="application/x-www-form-urlencoded",
    )
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(client, page_url, method):
    assert getattr(client, method)(page_url).status_code == 405


def test_csrf_is_enforced(page_url):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(page_url, VALID)
    assert response.status_code == 403
    assert Enquiry.objects.count() == 0
