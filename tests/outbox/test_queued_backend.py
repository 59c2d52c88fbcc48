"""The queued email backend: nothing is sent in the request; the worker sends the very message
that was queued, through a real SMTP server on loopback, and retries until the relay takes it."""

from __future__ import annotations

import base64
import logging

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from outbox.tasks import retry_delay, send_queued_email
from tests.task_worker import run_worker

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + bytes(range(256)) + b"\n%%EOF\n"


def queued() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=send_queued_email.module_path).order_by("enqueued_at")
    )


def unix(text: str) -> str:
    """Text parts travel with SMTP's CRLF line endings."""
    return text.replace("\r\n", "\n")


def rich_message() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Résumé of today’s changes – 5 pages",
        body="Plain text body.\n.\nA line that is only a dot, above, must survive SMTP.\n",
        from_email="Infant mental health website <no-reply@example.org>",
        to=["Editor Ünal <editor@example.org>"],
        cc=["moderator@example.org"],
        bcc=["audit@example.org"],
        reply_to=["team@example.org"],
        headers={"X-Review-Reference": "IMH-42"},
    )
    message.attach_alternative("<p>HTML <strong>body</strong> – ünïcode</p>", "text/html")
    message.attach("poster.pdf", PDF, "application/pdf")
    message.attach("notes.txt", "Line one\nLine two\n", "text/plain")
    return message


def test_message_round_trips_byte_for_byte(relay):
    message = rich_message()
    assert message.send() == 1
    assert relay.messages == [] and not getattr(mail, "outbox", [])  # nothing sent in-request
    [task] = queued()
    payload = task.args_kwargs["args"][0]

    run_worker("email")

    [raw] = relay.handler.raw
    assert raw == base64.b64decode(payload["message"])  # the relay got the queued bytes
    [(mail_from, rcpt_tos)] = relay.handler.envelopes
    assert mail_from == "no-reply@example.org"
    assert sorted(rcpt_tos) == [
        "audit@example.org",
        "editor@example.org",
        "moderator@example.org",
    ]
    [received] = relay.messages
    assert received["Subject"] == message.subject
    assert received["Reply-To"] == "team@example.org"
    assert received["X-Review-Reference"] == "IMH-42"
    assert received["Bcc"] is None  # blind copies travel in the envelope only
    assert unix(received.get_body(("plain",)).get_content()) == message.body
    assert "<strong>body</strong> – ünïcode" in received.get_body(("html",)).get_content()
    attachments = {a.get_filename(): a.get_content() for a in received.iter_attachments()}
    assert attachments["poster.pdf"] == PDF
    assert unix(attachments["notes.txt"]) == "Line one\nLine two\n"
    assert queued()[0].status == "SUCCESSFUL"


def test_failed_send_is_retried_with_the_same_message_until_the_relay_takes_it(
    relay, settings, caplog
):
    settings.OUTBOX_RETRY_DELAYS = [3600]
    relay.refuse()
    send_mail("Subject", "Body", None, ["someone@example.org"])
    payload = queued()[0].args_kwargs["args"][0]

    with caplog.at_level(logging.WARNING, logger="outbox"):
        run_worker("email")
    first, retry = queued()
    assert first.return_value == "retry scheduled"
    assert retry.status == "READY" and retry.args_kwargs["args"] == [payload, 2]
    assert (retry.run_after - first.finished_at).total_seconds() == pytest.approx(3600, abs=5)
    assert "attempt 1 failed (ConnectionRefusedError); next attempt in 3600s" in caplog.text
    assert "someone@example.org" not in caplog.text

    run_worker("email")  # not due yet: nothing happens
    assert queued()[1].status == "READY"

    relay.accept()
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=first.finished_at)  # an hour on
    run_worker("email")
    assert [(t.pk, t.status) for t in queued()] == [(retry.pk, "SUCCESSFUL")]  # first forgotten
    assert relay.handler.raw == [base64.b64decode(payload["message"])]


def test_sent_messages_are_forgotten_by_the_next_send(relay):
    send_mail("Reset your password", "https://example.org/reset/secret-token/", None, ["a@x.org"])
    run_worker("email")
    [first] = queued()
    send_mail("Another", "Body", None, ["b@x.org"])
    run_worker("email")
    [second] = queued()
    assert second.pk != first.pk and second.args_kwargs["args"][0]["recipients"] == ["b@x.org"]
    assert len(relay.messages) == 2


def test_backoff_runs_through_the_list_then_repeats(settings):
    settings.OUTBOX_RETRY_DELAYS = [30, 120]
    settings.OUTBOX_RETRY_REPEAT_SECONDS = 3600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 9)] == [30, 120, 3600, 3600]


def test_message_queued_in_a_rolled_back_transaction_is_never_sent(relay):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Subject", "Body", None, ["someone@example.org"])
        raise RuntimeError("the change that the email was about failed")
    assert queued() == []


def test_test_settings_keep_email_in_memory(settings):
    """Other tests rely on mail.outbox: only tests that exercise the queue switch it on."""
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    send_mail("Subject", "Body", None, ["someone@example.org"])
    assert len(mail.outbox) == 1 and queued() == []
