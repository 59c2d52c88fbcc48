"""Weekly review reminders by email (real SMTP on loopback), the dashboard panel, page owners."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from editorial.models import ReviewReminder
from editorial.reminders import REVIEW_REMINDERS, review_reminders, send_review_reminders
from tests.editorial.conftest import edit_page_form, edit_url, make_page
from tests.task_worker import run_worker

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    """`n` days from today, as the code under test sees today (not when this module was
    collected: a run that passes midnight would otherwise move every date by one)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def edit_links(message) -> set[str]:
    return set(re.findall(r"http://\S+/admin/pages/\d+/edit/", message.get_content()))


@pytest.fixture
def owners(make_user, home):
    """Two owners with pages due or overdue, and pages that must not be mentioned."""
    alex, sam = make_user("editor"), make_user("editor")
    pages = {
        "alex overdue": make_page(home, title="Crying", owner=alex, next_review_due=days(-3)),
        "alex due": make_page(home, title="Sleep", owner=alex, next_review_due=days(30)),
        "alex later": make_page(home, title="Play", owner=alex, next_review_due=days(31)),
        "sam due": make_page(home, title="Feeding", owner=sam, next_review_due=days(1)),
        "nobody's": make_page(home, title="Bonding", owner=None, next_review_due=days(-1)),
    }
    no_email = make_user("editor", email="")
    make_page(home, title="Talking", owner=no_email, next_review_due=days(-1))
    gone = make_user("editor", is_active=False)
    make_page(home, title="Singing", owner=gone, next_review_due=days(-1))
    return alex, sam, pages


def test_one_email_per_owner_listing_exactly_their_due_pages(smtp, owners):
    alex, sam, pages = owners
    assert send_review_reminders() == {"sent": 2, "already_reminded": 0, "failed": 0}
    smtp.wait_for(2)
    assert len(smtp.messages) == 2
    [to_alex], [to_sam] = smtp.to(alex.email), smtp.to(sam.email)

    assert to_alex["Subject"] == "2 pages due for review"
    body = to_alex.get_content()
    assert "Crying: overdue since" in body and "Sleep: due" in body
    assert body.index("Crying") < body.index("Sleep")  # most overdue first
    assert "Play" not in body and "Feeding" not in body and "Bonding" not in body
    assert edit_links(to_alex) == {
        f"http://127.0.0.1:8000{edit_url(pages['alex overdue'])}",
        f"http://127.0.0.1:8000{edit_url(pages['alex due'])}",
    }
    assert to_sam["Subject"] == "1 page due for review"
    assert edit_links(to_sam) == {f"http://127.0.0.1:8000{edit_url(pages['sam due'])}"}


def test_not_twice_in_the_same_week(smtp, owners):
    send_review_reminders()
    smtp.wait_for(2)
    assert send_review_reminders() == {"sent": 0, "already_reminded": 2, "failed": 0}
    six_days_on = timezone.now() + datetime.timedelta(days=6)
    assert send_review_reminders(now=six_days_on)["sent"] == 0
    a_week_on = timezone.now() + datetime.timedelta(days=7)
    assert send_review_reminders(now=a_week_on)["sent"] == 2
    smtp.wait_for(4)
    assert len(smtp.messages) == 4


def test_nothing_is_sent_when_nothing_is_due(smtp, make_user, home):
    owner = make_user("editor")
    make_page(home, owner=owner, next_review_due=days(31))
    make_page(home, owner=owner, next_review_due=None)
    assert send_review_reminders() == {"sent": 0, "already_reminded": 0, "failed": 0}
    assert not ReviewReminder.objects.exists()
    assert smtp.messages == []


def test_a_failed_send_is_not_recorded_so_the_next_run_retries(smtp, owners):
    smtp.refuse()
    assert send_review_reminders() == {"sent": 0, "already_reminded": 0, "failed": 2}
    assert not ReviewReminder.objects.exists()
    smtp.accept()
    assert send_review_reminders()["sent"] == 2


def test_the_worker_sends_them_and_schedules_the_next_run(smtp, settings, owners):
    rows = DBTaskResult.objects.filter(task_path=review_reminders.module_path)
    rows.delete()
    REVIEW_REMINDERS.ensure_scheduled()
    run_worker("maintenance")
    assert len(smtp.wait_for(2)) == 2
    waiting = rows.get(status="READY")
    expected = timezone.now() + datetime.timedelta(
        seconds=settings.REVIEW_REMINDER_INTERVAL_SECONDS
    )
    assert abs(waiting.run_after - expected) < datetime.timedelta(minutes=1)
    assert rows.filter(status="SUCCESSFUL").get().return_value == {
        "sent": 2,
        "already_reminded": 0,
        "failed": 0,
        "pruned": 0,
    }


def test_dashboard_panel_lists_the_users_own_due_pages(client, owners):
    alex, _, pages = owners
    client.force_login(alex)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index("Your pages due for review") :]
    assert edit_url(pages["alex overdue"]) in panel and edit_url(pages["alex due"]) in panel
    assert "(overdue)" in panel
    assert "Feeding" not in panel and "Play" not in panel
    assert "All pages due for review (6)" in panel  # alex 2, sam, nobody's, no email, gone


def test_the_page_owner_is_set_in_the_page_editor(client, make_user, home):
    moderator, colleague = make_user("moderator"), make_user("editor")
    page = make_page(home, owner=moderator)
    client.force_login(moderator)
    assert 'name="owner"' in client.get(edit_url(page)).content.decode()
    client.post(edit_url(page), edit_page_form(page, owner=colleague.pk, **{"action-publish": "1"}))
    page.refresh_from_db()
    assert page.owner == colleague
