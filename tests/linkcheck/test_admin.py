"""The admin report (Reports, then Broken links): what it lists and links to, its filter and export,
who may see it, "Check links now" and "Mark as working"; and the weekly task on the queue."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from linkcheck.extract import find_external_urls
from linkcheck.models import CheckedAddress
from linkcheck.outcomes import Outcome
from linkcheck.run import run_link_check
from linkcheck.tasks import LINK_CHECK, check_links
from resources.choices import LinkStatus
from resources.models import ResourceLink
from tests.linkcheck.content import build_content
from tests.task_worker import run_worker

pytestmark = pytest.mark.django_db

REPORT = "linkcheck_report"


@pytest.fixture
def content(web, refused_url):
    return build_content(web, refused_url)


@pytest.fixture
def checked(content, checker):
    run_link_check(checker)
    run_link_check(checker)
    return content


@pytest.fixture
def staff(django_user_model):
    """A superuser with a CSRF-checking client, as a browser would post."""
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-123456!")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf_token(client: Client) -> str:
    response = client.get(reverse(REPORT))
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("input[name=csrfmiddlewaretoken]")["value"]


def rows(response) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {row.select_one("td a").get_text(): row for row in soup.select("table.listing tbody tr")}


def test_the_report_lists_broken_and_redirected_links_with_their_uses(checked, staff, web):
    response = staff.get(reverse(REPORT))
    assert response.status_code == 200
    listed = rows(response)
    assert set(listed) == {
        web.url("/missing"),
        web.url("/error"),
        web.url("/moved"),
        *(url for url in listed if url.endswith("/anything")),  # the refused port
    }
    assert len(listed) == 4
    missing = listed[web.url("/missing")]
    assert "Broken" in missing.get_text() and "404" in missing.get_text()
    edit_links = {a.get_text(): a["href"] for a in missing.select("li a")}
    assert edit_links == {
        "Crying": reverse("wagtailadmin_pages:edit", args=[checked.page.pk]),
        "Missing link": reverse(
            "wagtailsnippets_resources_resourcelink:edit", args=[checked.missing.pk]
        ),
    }
    assert "Body › Text" in missing.get_text()
    assert "not shown on the site" in missing.get_text()
    moved = listed[web.url("/moved")]
    assert "Redirected" in moved.get_text() and "301 → 200" in moved.get_text()
    assert web.url("/ok") in moved.get_text()  # the final address
    assert "Service settings" in moved.get_text()


def test_the_report_filters_by_outcome_and_exports_csv(checked, staff, web):
    redirected = rows(staff.get(reverse(REPORT), {"outcome": Outcome.REDIRECTED}))
    assert list(redirected) == [web.url("/moved")]

    response = staff.get(reverse(REPORT), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    table = list(csv.DictReader(io.StringIO(text)))
    by_url = {row["Web address"]: row for row in table}
    assert by_url[web.url("/missing")]["Status"] == "404"
    assert "Useful link “Missing link” (Web address)" in by_url[web.url("/missing")]["Used in"]


def test_the_report_is_for_editors_only(checked, client, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", "n@example.org", "pw-123456!")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    LINK_CHECK.rows().delete()
    # Wagtail answers a refused admin view by sending the user to the dashboard with a message.
    for response in (client.get(reverse(REPORT)), client.post(reverse("linkcheck_check_now"))):
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert not LINK_CHECK.rows().exists()
    menu = client.get(reverse("wagtailadmin_home"))
    assert reverse(REPORT).encode() not in menu.content

    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw-123456!")
    editor.groups.add(Group.objects.get(name="Editors"))  # edits pages
    client.force_login(editor)
    assert client.get(reverse(REPORT)).status_code == 200
    assert reverse(REPORT).encode() in client.get(reverse("wagtailadmin_home")).content


def test_check_links_now_queues_one_check_and_says_so(content, staff):
    LINK_CHECK.rows().delete()
    assert staff.get(reverse("linkcheck_check_now")).status_code == 405  # POST only
    forged = Client(enforce_csrf_checks=True).post(reverse("linkcheck_check_now"))
    assert forged.status_code == 403  # no CSRF token
    assert not LINK_CHECK.rows().exists()
    token = csrf_token(staff)
    response = staff.post(
        reverse("linkcheck_check_now"), {"csrfmiddlewaretoken": token}, follow=True
    )
    assert "Link check queued" in response.content.decode()
    assert list(LINK_CHECK.rows().values_list("status", flat=True)) == ["READY"]
    assert "Check queued" in response.content.decode()  # the button says so

    again = staff.post(reverse("linkcheck_check_now"), {"csrfmiddlewaretoken": token}, follow=True)
    assert "already queued" in again.content.decode()
    assert LINK_CHECK.rows().count() == 1


def test_the_queued_check_runs_on_the_worker_and_schedules_the_next_week(content, staff, web):
    # Everything the worker will open is on this machine.
    assert all(use.url.startswith("http://127.0.0.1:") for use in find_external_urls())
    LINK_CHECK.rows().delete()
    check_links.enqueue()
    run_worker("maintenance")

    assert CheckedAddress.objects.get(url=web.url("/missing")).outcome == Outcome.BROKEN
    waiting = LINK_CHECK.rows().get(status="READY")
    week = timedelta(seconds=7 * 24 * 60 * 60)
    assert abs(waiting.run_after - (timezone.now() + week)) < timedelta(minutes=1)


def test_the_check_links_command_checks_now_and_keeps_the_weekly_check_scheduled(content, web):
    assert all(use.url.startswith("http://127.0.0.1:") for use in find_external_urls())
    LINK_CHECK.rows().delete()
    out = io.StringIO()
    call_command("check_links", stdout=out)
    assert out.getvalue() == (
        "Checked 6 addresses: 2 working, 1 redirected, 3 not working (2 broken, 1 could not "
        "connect); 0 useful links taken off the site.\n"
    )
    assert CheckedAddress.objects.get(url=web.url("/moved")).outcome == Outcome.REDIRECTED
    assert LINK_CHECK.rows().get().status == "READY"


def test_migrate_schedules_the_first_check_a_week_ahead(db):
    """No check runs by itself right after migrate (a new deployment, a test database)."""
    LINK_CHECK.rows().delete()
    LINK_CHECK.after_migrate()
    waiting = LINK_CHECK.rows().get()
    assert waiting.status == "READY"
    assert waiting.run_after > timezone.now() + timedelta(days=6)


def test_mark_as_working_brings_a_hidden_link_back(checked, staff, client):
    link = ResourceLink.objects.get(pk=checked.refused.pk)
    assert link.hidden_by_checker
    report = staff.get(reverse(REPORT))
    soup = BeautifulSoup(report.content, "html.parser")
    action = reverse("linkcheck_mark_working", args=[link.pk])
    assert soup.select_one(f'form[action="{action}"]') is not None
    # Only hidden useful links get the button (not the page that uses a broken address).
    assert len(soup.select('form[action*="/working/"]')) == 2

    response = staff.post(action, {"csrfmiddlewaretoken": csrf_token(staff)}, follow=True)
    assert "is marked as working" in response.content.decode()
    link.refresh_from_db()
    assert (link.status, link.failed_checks, link.confirmed_working) == (LinkStatus.OK, 0, True)
    assert link.is_public
