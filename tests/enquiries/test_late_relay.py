"""A relay that confirms later than EMAIL_TIMEOUT (aiosmtpd on loopback, keeping each message as
soon as its body arrives): at most one duplicate per enquiry, and fresh enquiries go out before
retries of failing ones."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enquiries.delivery import deliver, send_enquiry_email
from enquiries.maintenance import sweep_stuck_enquiries
from enquiries.models import AcknowledgementStatus, Enquiry, Status
from tests.enquiries.test_admin_and_retention import editor
from tests.enquiries.test_delivery import make_enquiry
from tests.factories import ServiceSettingsFactory
from tests.task_worker import run_worker

pytestmark = [
    pytest.mark.django_db(transaction=False),
    pytest.mark.usefixtures("topics", "service"),
]

TEAM = "infantmentalhealth@northlincs.gov.uk"


@pytest.fixture
def service(db) -> None:
    ServiceSettingsFactory()


def team_copies(smtp, enquiry: Enquiry, settle: float) -> list:
    """Team emails for `enquiry`, after the relay's late confirmations have had time to run."""
    time.sleep(settle)
    return [m for m in smtp.to(TEAM) if enquiry.reference in m["Subject"]]


def test_relay_that_never_confirms_in_time_gets_two_copies_at_most(
    smtp, settings, client, django_user_model
):
    settings.EMAIL_TIMEOUT = 0.3
    settings.EMAIL_CONFIRM_TIMEOUT = 0.6
    smtp.accept(confirm_delay=1.0)  # later than both timeouts
    enquiry = make_enquiry()

    run_worker()  # attempt 1: unconfirmed, retried at once; attempt 2: unconfirmed, stops
    enquiry.refresh_from_db()
    assert enquiry.status == Status.UNCONFIRMED
    assert enquiry.get_status_display() == "Sent, not confirmed by the mail server"
    assert (enquiry.attempts, enquiry.unconfirmed_sends) == (2, 2)
    assert enquiry.recipient == TEAM and enquiry.sent_at is None
    assert enquiry.last_error.startswith("Sent, but the mail server did not confirm it in time")
    assert enquiry.next_attempt_at is None

    # Several more rounds of the worker, the sweep and a direct delivery add nothing.
    for _ in range(3):
        assert sweep_stuck_enquiries() == 0
        run_worker()
    assert deliver(enquiry.pk) == "skipped"

    copies = team_copies(smtp, enquiry, settle=1.2)
    assert len(copies) == 2
    assert {m["Message-ID"] for m in copies} == {f"<enquiry-{enquiry.uuid}@northlincs.gov.uk>"}
    assert smtp.to("alex@example.org") == []  # no acknowledgement of an unconfirmed enquiry
    assert enquiry.acknowledgement == AcknowledgementStatus.PENDING

    # Enquiry officers see it in the list (and can filter on it) and why in the detail view.
    client.force_login(editor(django_user_model, "view_enquiry"))
    listing = client.get(reverse("enquiries_enquiry:index"), {"status": "unconfirmed"})
    assert enquiry.reference in listing.content.decode()
    assert "Sent, not confirmed by the mail server" in listing.content.decode()
    detail = client.get(reverse("enquiries_enquiry:inspect", args=[enquiry.pk])).content.decode()
    assert "did not confirm it in time" in detail


def test_the_one_retry_waits_longer_and_is_confirmed(smtp, settings):
    settings.EMAIL_TIMEOUT = 0.3
    settings.EMAIL_CONFIRM_TIMEOUT = 3
    smtp.accept(confirm_delay=0.7)  # later than EMAIL_TIMEOUT, within the longer wait
    enquiry = make_enquiry()

    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT
    assert (enquiry.attempts, enquiry.unconfirmed_sends) == (2, 1)
    assert enquiry.sent_at is not None and enquiry.last_error == ""
    # The acknowledgement went on the same long-wait connection: confirmed, one copy.
    assert enquiry.acknowledgement == AcknowledgementStatus.SENT
    assert len(smtp.to("alex@example.org")) == 1
    assert len(team_copies(smtp, enquiry, settle=0)) == 2


def test_unconfirmed_acknowledgement_is_never_resent(smtp, settings):
    settings.EMAIL_TIMEOUT = 1
    smtp.accept()
    enquiry = make_enquiry()
    smtp.handler.confirm_delay = 1.5  # the team email is confirmed; then the relay slows down
    original = smtp.handler.handle_DATA

    async def slow_after_first(server, session, envelope):
        smtp.handler.confirm_delay = 1.5 if smtp.handler.messages else 0
        return await original(server, session, envelope)

    smtp.handler.handle_DATA = slow_after_first
    run_worker()
    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT and enquiry.attempts == 1
    assert enquiry.acknowledgement == AcknowledgementStatus.UNCONFIRMED
    time.sleep(0.6)
    assert len(smtp.to("alex@example.org")) == 1
    assert len(smtp.to(TEAM)) == 1


def test_failure_before_the_message_is_sent_is_retried_as_before(smtp, settings):
    """A refusal is not ambiguous: retries go on (and the relay then takes it once)."""
    settings.ENQUIRY_RETRY_DELAYS = [3600]
    smtp.refuse()
    enquiry = make_enquiry()
    for _ in range(3):
        deliver(enquiry.pk)
        Enquiry.objects.filter(pk=enquiry.pk).update(status=Status.RETRYING)
    enquiry.refresh_from_db()
    assert (enquiry.attempts, enquiry.unconfirmed_sends) == (3, 0)
    smtp.accept()
    deliver(enquiry.pk)
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SENT and len(smtp.to(TEAM)) == 1


def test_fresh_enquiries_go_out_before_due_retries(smtp, settings):
    settings.ENQUIRY_RETRY_DELAYS = [60]
    smtp.refuse()
    failing = [make_enquiry(name=f"Failing {n}") for n in range(3)]
    run_worker()  # each fails once; its retry is due in a minute
    retries = DBTaskResult.objects.filter(task_path=send_enquiry_email.module_path, status="READY")
    assert retries.count() == 3 and {t.priority for t in retries} == {-10}
    retries.update(run_after=timezone.now() - timezone.timedelta(seconds=1))  # a minute on
    fresh = make_enquiry(name="Fresh")
    smtp.accept()

    run_worker()

    order = [m["Subject"] for m in smtp.to(TEAM)]
    assert len(order) == 4
    assert fresh.reference in order[0]
    assert all(Enquiry.objects.get(pk=e.pk).status == Status.SENT for e in [*failing, fresh])


def test_after_an_unconfirmed_send_refusals_are_retried_and_giving_up_is_not_failure(
    smtp, settings
):
    settings.EMAIL_TIMEOUT = 0.3
    settings.ENQUIRY_RETRY_DELAYS = [3600]
    smtp.accept(confirm_delay=0.6)
    enquiry = make_enquiry()
    assert deliver(enquiry.pk) == "retry scheduled"  # unconfirmed once
    smtp.refuse()
    assert deliver(enquiry.pk) == "retry scheduled"  # refused before DATA: still retried
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.unconfirmed_sends) == (Status.RETRYING, 1)
    assert enquiry.last_error.startswith("ConnectionRefusedError")

    settings.ENQUIRY_RETRY_GIVE_UP_SECONDS = 0  # the retry window is over
    assert deliver(enquiry.pk) == "sent, not confirmed"
    enquiry.refresh_from_db()
    # The relay may have the one copy: not "Failed: needs resending".
    assert enquiry.status == Status.UNCONFIRMED
    assert len(team_copies(smtp, enquiry, settle=0.5)) == 1
