"""The site-wide moderation workflow "Moderators approve": one approval task for the Moderators
group, on the root page (so every page) and on posters and useful links (the snippets with
workflows). Wagtail's own default workflow ("Moderators approval", on the root page) is replaced
and switched off (with its task) unless something is still in moderation with it. Running it again changes
nothing. Imports no app code.
"""

from django.db import migrations

NAME = "Moderators approve"
MODERATORS = "Moderators"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
SNIPPETS_WITH_WORKFLOWS = [("resources", "poster"), ("resources", "resourcelink")]


def set_up_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    approval, _ = GroupApprovalTask.objects.get_or_create(
        name=NAME, defaults={"content_type": task_type, "active": True}
    )
    approval.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=Task.objects.get(pk=approval.pk), defaults={"sort_order": 0}
    )

    root = Page.objects.filter(depth=1).order_by("path").first()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for app_label, model in SNIPPETS_WITH_WORKFLOWS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )

    # Wagtail's default workflow, now assigned nowhere: switch it off so editors see one.
    for old in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        in_use = (
            WorkflowPage.objects.filter(workflow=old).exists()
            or WorkflowContentType.objects.filter(workflow=old).exists()
            or WorkflowState.objects.filter(workflow=old, status="in_progress").exists()
        )
        if not in_use:
            old.active = False
            old.save(update_fields=["active"])
            # Its task too, unless another active workflow uses it.
            for link in WorkflowTask.objects.filter(workflow=old):
                if not WorkflowTask.objects.filter(
                    task_id=link.task_id, workflow__active=True
                ).exists():
                    Task.objects.filter(pk=link.task_id).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("resources", "0002_publishable_snippet_seed_key"),
    ]

    operations = [migrations.RunPython(set_up_workflow, migrations.RunPython.noop)]
