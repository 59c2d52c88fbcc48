"""Sending through a real SMTP server (aiosmtpd on loopback) with the real worker loop."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enquiries.delivery import deliver, enqueue_send, retry_delay, send_enquiry_email
from enquiries.maintenance import sweep_stuck_enquiries
from enquiries.models import AcknowledgementStatus, ContactTopic, Enquiry, Status
from enquiries.submission import requeue
from pages.models import ServiceSettings
from tests.factories import ServiceSettingsFactory
from tests.task_worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.usefixtures("topics")]

SEND_TASK = send_enquiry_email.module_path


def make_enquiry(topic: ContactTopic | None = None, **fields) -> Enquiry:
    topic = topic or ContactTopic.objects.get(name="Solihull Approach training courses")
    enquiry = Enquiry.objects.create(
        name=fields.pop("name", "Alex Practitioner"),
        email=fields.pop("email", "alex@example.org"),
        phone="",
        role="professional",
        topic=topic,
        topic_name=topic.name,
        message=fields.pop("message", "When is the next Solihull Approach foundation course?"),
        **fields,
    )
    enqueue_send(enquiry)
    return enquiry


@pytest.fixture
def service(db) -> ServiceSettings:
    return ServiceSettingsFactory(
        urgent_help=[
            (
                "entry",
                {
                    "level": "emergency",
                    "label": "Emergency",
                    "text": "Call 999 or go to A&E.",
                    "phone": "999",
                },
            )
        ]
    )


def test_email_goes_to_routed_inbox_with_reply_to_and_reference(smtp, service):
    topic = ContactTopic.objects.get(name="Solihull Approach training courses")
    topic.inbox = "training@northlincs.example"
    topic.save()
    enquiry = make_enquiry(topic)

    run_worker()

    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT
    assert enquiry.recipient == "training@northlincs.example"
    team = smtp.to("training@northlincs.example")
    assert len(team) == 1
    message = team[0]
    assert message["Reply-To"] == "Alex Practitioner <alex@example.org>"
    assert enquiry.reference in message["Subject"]
    assert "Solihull Approach training courses" in message["Subject"]
    assert message["Message-ID"] == f"<enquiry-{enquiry.uuid}@northlincs.gov.uk>"
    assert "When is the next Solihull Approach foundation course?" in message.get_content()

    ack = smtp.to("alex@example.org")
    assert len(ack) == 1
    body = ack[0].get_content()
    assert enquiry.reference in ack[0]["Subject"]
    assert "not monitored out of hours and is not for emergencies" in body
    assert "Emergency: Call 999 or go to A&E." in body
    assert "When is the next Solihull" not in body  # the message is not echoed to any address
    assert enquiry.acknowledgement == AcknowledgementStatus.SENT


def test_topic_without_inbox_goes_to_service_inbox(smtp, service):
    service.inbox_email = "team@northlincs.example"
    service.save()
    make_enquiry(ContactTopic.objects.get(name="A general question"))
    run_worker()
    assert len(smtp.to("team@northlincs.example")) == 1


def test_acknowledgement_can_be_switched_off(smtp, service, settings):
    settings.ENQUIRY_SEND_ACKNOWLEDGEMENT = False
    enquiry = make_enquiry()
    run_worker()
    assert len(smtp.messages) == 1
    enquiry.refresh_from_db()
    assert enquiry.acknowledgement == AcknowledgementStatus.NOT_WANTED


def test_a_second_delivery_never_sends_again(smtp, service):
    enquiry = make_enquiry()
    run_worker()
    assert len(smtp.messages) == 2
    enqueue_send(enquiry)  # e.g. an over-eager sweep
    run_worker()
    assert deliver(enquiry.pk) == "skipped"
    assert len(smtp.messages) == 2


def test_refusing_smtp_then_accepting_delivers_exactly_once(smtp, service):
    smtp.refuse()
    enquiry = make_enquiry()
    deliver(enquiry.pk)
    enquiry.refresh_from_db()
    assert enquiry.status == Status.RETRYING
    assert enquiry.last_error.startswith("ConnectionRefusedError")
    assert "alex" not in enquiry.last_error
    retry_task = DBTaskResult.objects.get(id=enquiry.task_id)
    assert retry_task.status == "READY" and retry_task.args_kwargs["args"] == [enquiry.pk]

    smtp.accept()
    run_worker()
    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT
    assert enquiry.attempts == 2
    assert len(smtp.to("infantmentalhealth@northlincs.gov.uk")) == 1


def test_no_inbox_anywhere_fails_clearly_and_is_retried(smtp, service):
    service.inbox_email = ""
    service.save()
    enquiry = make_enquiry(ContactTopic.objects.get(name="A general question"))
    assert deliver(enquiry.pk) == "retry scheduled"
    enquiry.refresh_from_db()
    assert enquiry.status == Status.RETRYING
    assert enquiry.last_error == "No inbox address set in Service settings"
    assert DBTaskResult.objects.get(id=enquiry.task_id).status == "READY"
    assert smtp.messages == []  # never sent to a made-up address

    service.inbox_email = "team@northlincs.example"
    service.save()
    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT
    assert len(smtp.to("team@northlincs.example")) == 1


def test_backoff_schedule(settings):
    settings.ENQUIRY_RETRY_DELAYS = [60, 300, 900, 3600]
    settings.ENQUIRY_RETRY_REPEAT_SECONDS = 4 * 3600
    settings.ENQUIRY_RETRY_GIVE_UP_SECONDS = 48 * 3600
    start = timezone.now()
    assert [retry_delay(n, start, start).total_seconds() for n in (1, 2, 3, 4, 5)] == [
        60,
        300,
        900,
        3600,
        4 * 3600,
    ]
    assert retry_delay(9, start, start + timedelta(hours=45)) is None


def test_hanging_smtp_times_out_and_is_retried(smtp, service, settings):
    settings.EMAIL_TIMEOUT = 1
    settings.ENQUIRY_RETRY_DELAYS = [3600]
    smtp.hang()
    enquiry = make_enquiry()
    started = time.monotonic()
    run_worker()
    assert time.monotonic() - started < 10
    enquiry.refresh_from_db()
    assert enquiry.status == Status.RETRYING
    assert "TimeoutError" in enquiry.last_error
    assert enquiry.next_attempt_at > timezone.now() + timedelta(minutes=50)


def test_gives_up_after_the_retry_window_and_editor_can_resend(smtp, service, settings):
    settings.ENQUIRY_RETRY_GIVE_UP_SECONDS = 0
    smtp.refuse()
    enquiry = make_enquiry()
    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.FAILED and enquiry.failed_at

    settings.ENQUIRY_RETRY_GIVE_UP_SECONDS = 3600
    smtp.accept()
    assert requeue(enquiry.pk, Status.FAILED)
    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT
    assert len(smtp.to("infantmentalhealth@northlincs.gov.uk")) == 1


def test_refused_acknowledgement_address_does_not_block_the_team_email(smtp, service):
    class RefuseSender(type(smtp.handler)):
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address == "nobody@example.org":
                return "550 No such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

    handler = RefuseSender()
    smtp.handler = handler
    smtp.accept()
    enquiry = make_enquiry(email="nobody@example.org")
    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT
    assert enquiry.acknowledgement == AcknowledgementStatus.REFUSED
    assert len(handler.messages) == 1


def test_sweep_requeues_an_enquiry_left_sending_by_a_killed_worker(smtp, service, settings):
    settings.ENQUIRY_STALE_SENDING_SECONDS = 60
    enquiry = make_enquiry()
    # What a worker killed mid-send leaves: the task row RUNNING, the enquiry "sending".
    DBTaskResult.objects.filter(id=enquiry.task_id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=5)
    )
    Enquiry.objects.filter(pk=enquiry.pk).update(
        status=Status.SENDING, attempts=1, sending_started_at=timezone.now() - timedelta(minutes=5)
    )
    fresh = make_enquiry(email="fresh@example.org")
    Enquiry.objects.filter(pk=fresh.pk).update(
        status=Status.SENDING, sending_started_at=timezone.now()
    )

    assert sweep_stuck_enquiries() == 1  # only the stale one: `fresh` may still be sending
    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT
    assert len(smtp.to("infantmentalhealth@northlincs.gov.uk")) == 1
    assert sweep_stuck_enquiries() == 0


def test_sweep_requeues_an_enquiry_whose_task_row_vanished(smtp, service):
    enquiry = make_enquiry()
    DBTaskResult.objects.filter(id=enquiry.task_id).delete()
    assert sweep_stuck_enquiries() == 1
    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT


def test_spam_is_never_sent(smtp, service):
    enquiry = make_enquiry(status=Status.SPAM, flagged_as_spam=True)
    run_worker()
    assert smtp.messages == []
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SPAM


def test_task_arguments_and_results_hold_no_personal_data(smtp, service):
    enquiry = make_enquiry()
    run_worker()
    for row in DBTaskResult.objects.filter(task_path=SEND_TASK):
        stored = f"{row.args_kwargs} {row.return_value} {row.traceback}"
        assert "alex" not in stored.lower() and "solihull" not in stored.lower()
        assert row.args_kwargs == {"args": [enquiry.pk], "kwargs": {}}
