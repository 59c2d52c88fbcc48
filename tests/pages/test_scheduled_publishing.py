"""Scheduled publishing and expiry run by the task worker (pages/scheduled_publishing.py), with
the real db_worker loop in this process. The live deployment, worker process and all, is in
test_live_scheduled_publishing.py."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.db.models.signals import post_migrate
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from pages import scheduled_publishing
from pages.scheduled_publishing import SCHEDULED_PUBLISHING, publish_scheduled_content
from resources.models import ResourceLink
from tests.factories import ContentPageFactory, ResourceLinkFactory
from tests.task_worker import run_worker

pytestmark = pytest.mark.django_db


def chain_rows():
    return DBTaskResult.objects.filter(task_path=publish_scheduled_content.module_path)


@pytest.fixture(autouse=True)
def no_chain_yet():
    """`migrate` (the test database's included) queued the chain's first run: start without."""
    chain_rows().delete()


def schedule(obj, go_live_at):
    """What an editor's "Publish" does with a future go-live time, then that time moved into the
    past (Wagtail publishes at once when it is already past), in the revision too."""
    obj.go_live_at = timezone.now() + timedelta(hours=1)
    revision = obj.save_revision()
    revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None  # scheduled, not published
    revision.approved_go_live_at = go_live_at
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    type(obj).objects.filter(pk=obj.pk).update(go_live_at=go_live_at)


def test_a_page_due_to_go_live_is_published_and_one_expired_is_unpublished():
    past = timezone.now() - timedelta(minutes=1)
    scheduled = ContentPageFactory(slug="scheduled")
    scheduled.unpublish()
    schedule(scheduled, past)
    assert not Page.objects.get(pk=scheduled.pk).live
    expiring = ContentPageFactory(slug="expiring", expire_at=past)
    assert expiring.live

    SCHEDULED_PUBLISHING.ensure_scheduled()
    run_worker("maintenance")

    assert Page.objects.get(pk=scheduled.pk).live
    expired = Page.objects.get(pk=expiring.pk)
    assert not expired.live and expired.expired


def test_snippets_with_drafts_are_published_and_expired_too():
    past = timezone.now() - timedelta(minutes=1)
    scheduled = ResourceLinkFactory(live=False)
    schedule(scheduled, past)
    expiring = ResourceLinkFactory(expire_at=past)

    SCHEDULED_PUBLISHING.ensure_scheduled()
    run_worker("maintenance")

    assert ResourceLink.objects.get(pk=scheduled.pk).live
    assert not ResourceLink.objects.get(pk=expiring.pk).live


def test_the_chain_re_queues_itself_once_and_is_never_doubled(settings):
    settings.SCHEDULED_PUBLISHING_INTERVAL_SECONDS = 60
    assert SCHEDULED_PUBLISHING.ensure_scheduled() is True
    assert SCHEDULED_PUBLISHING.ensure_scheduled() is False  # starting it twice queues one
    assert chain_rows().count() == 1

    run_worker("maintenance")

    assert chain_rows().filter(status="SUCCESSFUL").count() == 1
    upcoming = chain_rows().get(status="READY")  # exactly one next run
    assert (
        timezone.now() + timedelta(seconds=50)
        < upcoming.run_after
        < timezone.now() + timedelta(seconds=61)
    )
    assert SCHEDULED_PUBLISHING.ensure_scheduled() is False
    assert chain_rows().count() == 2


def test_a_failed_run_still_queues_the_next(settings):
    SCHEDULED_PUBLISHING.ensure_scheduled()
    with mock.patch.object(scheduled_publishing, "call_command", side_effect=RuntimeError):
        run_worker("maintenance")
    assert chain_rows().filter(status="FAILED").count() == 1
    assert chain_rows().filter(status="READY").count() == 1


def test_old_finished_runs_are_pruned():
    SCHEDULED_PUBLISHING.ensure_scheduled()
    run_worker("maintenance")
    finished = chain_rows().get(status="SUCCESSFUL")
    chain_rows().filter(pk=finished.pk).update(finished_at=timezone.now() - timedelta(days=2))
    chain_rows().filter(status="READY").update(run_after=timezone.now())  # due now

    run_worker("maintenance")

    assert not chain_rows().filter(pk=finished.pk).exists()
    assert chain_rows().filter(status="SUCCESSFUL").count() == 1  # the run that pruned it


def test_migrate_starts_the_chain():
    pages = apps.get_app_config("pages")
    post_migrate.send(
        sender=pages,
        app_config=pages,
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    assert chain_rows().get().status == "READY"
