"""The roles and workflow migrations: in place after `migrate` on a fresh database (pytest-django
migrates the test database), and running them again (or on a live database whose groups were
edited) changes nothing that is already right and restores what is missing."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from resources.models import Poster, ResourceLink

pytestmark = pytest.mark.django_db

roles = importlib.import_module("editorial.migrations.0002_roles")
workflow = importlib.import_module("editorial.migrations.0003_moderation_workflow")


def snapshot() -> dict:
    return {
        "groups": {
            group.name: sorted(group.permissions.values_list("codename", flat=True))
            for group in Group.objects.all()
        },
        "page permissions": sorted(
            GroupPagePermission.objects.values_list("group__name", "permission__codename")
        ),
        "collection permissions": sorted(
            GroupCollectionPermission.objects.values_list("group__name", "permission__codename")
        ),
        "permissions": Permission.objects.count(),
        "workflows": sorted(Workflow.objects.values_list("name", "active")),
        "tasks": sorted(Task.objects.values_list("name", "active")),
        "workflow tasks": WorkflowTask.objects.count(),
        "workflow pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        "workflow content types": WorkflowContentType.objects.count(),
    }


def run_again() -> None:
    roles.set_up_roles(apps, None)
    workflow.set_up_workflow(apps, None)


def test_groups_and_workflow_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Editors",
        "Moderators",
        "Enquiry officers",
    }
    moderate = Workflow.objects.get(name="Moderators approve", active=True)
    [task] = [link.task.specific for link in moderate.workflow_tasks.all()]
    assert isinstance(task, GroupApprovalTask) and task.active
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    root = Page.get_first_root_node()
    assert WorkflowPage.objects.get(page=root).workflow == moderate
    for model in (Poster, ResourceLink):
        content_type = ContentType.objects.get_for_model(model)
        assert WorkflowContentType.objects.get(content_type=content_type).workflow == moderate
    # Wagtail's own default workflow is replaced, not left beside it.
    assert Workflow.objects.filter(active=True).count() == 1


def test_running_the_migrations_again_changes_nothing():
    before = snapshot()
    run_again()
    assert snapshot() == before


def test_on_a_live_database_missing_grants_come_back_and_others_stay():
    editors = Group.objects.get(name="Editors")
    added_by_an_administrator = Permission.objects.get(codename="view_enquiry")
    editors.permissions.remove(Permission.objects.get(codename="add_poster"))
    editors.permissions.add(added_by_an_administrator)
    Group.objects.filter(name="Enquiry officers").delete()
    WorkflowPage.objects.all().delete()
    run_again()
    assert editors.permissions.filter(codename="add_poster").exists()
    assert editors.permissions.filter(pk=added_by_an_administrator.pk).exists()
    officers = Group.objects.get(name="Enquiry officers")
    assert set(officers.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "view_enquiry",
        "change_enquiry",
        "delete_enquiry",
    }
    assert WorkflowPage.objects.get().workflow.name == "Moderators approve"


def test_permissions_are_created_on_a_fresh_database():
    """Django creates permissions only after migrate; the roles migration makes its own."""
    Permission.objects.filter(codename__in=["publish_poster", "lock_resourcelink"]).delete()
    roles.set_up_roles(apps, None)
    moderators = Group.objects.get(name="Moderators")
    assert moderators.permissions.filter(codename="publish_poster").exists()
    assert (
        Group.objects.get(name="Editors").permissions.filter(codename="lock_resourcelink").exists()
    )
