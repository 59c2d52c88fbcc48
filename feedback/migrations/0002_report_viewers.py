"""Editors and Moderators may view the page feedback report (Reports > Page feedback), which
needs `feedback.view_pagefeedback`. Safe on a fresh database (the permission is created here
first) and on a live one; running it again changes nothing. Imports no app code.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Moderators"]


def grant_report(apps, schema_editor):
    # create_permissions skips an app without a models module, as historical apps are.
    feedback = apps.get_app_config("feedback")
    models_module = getattr(feedback, "models_module", None)
    feedback.models_module = models_module or True
    try:
        create_permissions(feedback, apps=apps, verbosity=0)
    finally:
        feedback.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="feedback", codename="view_pagefeedback"
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_page_feedback"),
        ("editorial", "0002_roles"),
    ]

    # Reversing leaves the grant: it may have been edited since.
    operations = [migrations.RunPython(grant_report, migrations.RunPython.noop)]
