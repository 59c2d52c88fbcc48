"""A live deployment's data survives the move of ContactPage (and of the task paths) to enquiries.

The test migrates the test database back to before the move, creates what an existing
deployment has with the historical models, migrates forward and checks the result through the
current models. Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.apps.registry import Apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Revision

from enquiries.delivery import send_enquiry_email
from enquiries.maintenance import enquiry_maintenance
from enquiries.models import ContactPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [("pages", "0004_content_pages"), ("enquiries", "0002_default_topics")]


def migrate(targets: list[tuple[str, str]]) -> Apps:
    """Migrate the test database to `targets` (one per app); returns the models there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(targets).apps


def create_old_contact_page(apps: Apps) -> tuple[int, int]:
    """A published contact page and its revision, as the pages app stored them. Returns the
    page's id and its content type's id."""
    home = apps.get_model("pages", "HomePage").objects.get()
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="pages", model="contactpage"
    )
    page = apps.get_model("pages", "ContactPage").objects.create(
        title="Contact us",
        draft_title="Contact us",
        slug="contact",
        path=home.path + "0001",
        depth=home.depth + 1,
        url_path=home.url_path + "contact/",
        live=True,
        locale_id=home.locale_id,
        content_type=content_type,
        intro="<p>Ask us anything.</p>",
        privacy_summary="<p>We only use it to answer you.</p>",
        what_happens_next="<p>We will reply soon.</p>",
    )
    apps.get_model("wagtailcore", "Page").objects.filter(pk=home.pk).update(numchild=1)
    base_content_type = apps.get_model("contenttypes", "ContentType").objects.get(
        app_label="wagtailcore", model="page"
    )
    apps.get_model("wagtailcore", "Revision").objects.create(
        content_type=content_type,
        base_content_type=base_content_type,
        object_id=str(page.pk),
        object_str="Contact us",
        created_at=timezone.now(),
        content={"pk": page.pk, "title": "Contact us", "slug": "contact"},
    )
    return page.pk, content_type.pk


def assert_contact_page_moved(client, page_id: int) -> None:
    page = Page.objects.get(pk=page_id).specific
    assert type(page) is ContactPage
    assert page.what_happens_next == "<p>We will reply soon.</p>"
    assert page.content_type == ContentType.objects.get_for_model(ContactPage)
    assert Revision.objects.get(object_id=str(page_id)).content_type == page.content_type
    tables = connection.introspection.table_names()
    assert "enquiries_contactpage" in tables and "pages_contactpage" not in tables
    response = client.get(page.url)
    assert response.status_code == 200
    assert "We only use it to answer you." in response.content.decode()


def queue_tasks_the_old_way(apps: Apps) -> None:
    rows = apps.get_model("django_tasks_database", "DBTaskResult").objects
    for path in ("enquiries.tasks.send_enquiry_email", "enquiries.tasks.enquiry_maintenance"):
        rows.create(
            task_path=path,
            args_kwargs={"args": [], "kwargs": {}},
            queue_name="enquiries",
            backend_name="database",
            run_after=timezone.now(),
            exception_class_path="",
            traceback="",
        )


def test_a_deployments_contact_page_and_queued_tasks_survive_the_move(client):
    """One test, as each trip back and forth takes seconds: first a deployment that simply
    migrates, then one where new code already created the `enquiries | contactpage` content type
    before `migrate` ran (rows pointing at the old one, groups' grants included, move to it)."""
    graph = MigrationExecutor(connection).loader.graph
    latest = graph.leaf_nodes()
    # Apps whose migrations need pages or enquiries as they are now go back with them.
    before_the_move = [
        node
        for node in latest
        if not any(app in {"pages", "enquiries"} for app, _ in graph.forwards_plan(node))
    ]
    before_the_move += BEFORE_THE_MOVE
    try:
        old_apps = migrate(before_the_move)
        page_id, content_type_id = create_old_contact_page(old_apps)
        queue_tasks_the_old_way(old_apps)

        migrate(latest)

        assert_contact_page_moved(client, page_id)
        assert ContentType.objects.get_for_model(ContactPage).pk == content_type_id  # re-labelled
        queued = {row.task_path: row.task for row in DBTaskResult.objects.all()}
        assert queued.keys() >= {send_enquiry_email.module_path, enquiry_maintenance.module_path}
        assert not any(path.startswith("enquiries.tasks.") for path in queued)

        old_apps = migrate(before_the_move)  # and back: the page is the pages app's again
        assert old_apps.get_model("pages", "ContactPage").objects.filter(pk=page_id).exists()
        content_types = old_apps.get_model("contenttypes", "ContentType").objects
        permissions = old_apps.get_model("auth", "Permission").objects
        new_content_type = content_types.create(app_label="enquiries", model="contactpage")
        old_permission = permissions.get(
            content_type_id=content_type_id, codename="change_contactpage"
        )
        new_permission = permissions.create(
            content_type=new_content_type, codename="change_contactpage", name="Can change"
        )
        group = old_apps.get_model("auth", "Group").objects.create(name="Contact editors")
        group.permissions.add(old_permission)

        migrate(latest)

        assert_contact_page_moved(client, page_id)
        assert ContentType.objects.get_for_model(ContactPage).pk == new_content_type.pk
        assert not ContentType.objects.filter(pk=content_type_id).exists()
        granted = Group.objects.get(name="Contact editors").permissions.get()
        assert granted.pk == new_permission.pk
    finally:
        migrate(latest)
