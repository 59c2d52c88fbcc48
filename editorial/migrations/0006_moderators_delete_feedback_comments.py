"""Moderators may delete a feedback comment that contains personal details (Reports › Page
feedback), which needs `feedback.delete_pagefeedback`. Only adds the grant: safe on a fresh
database (the permission is created here first) and on a live one; running it again changes
nothing. Imports no app code.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Moderators"]


def grant_comment_deletion(apps, schema_editor):
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
        content_type__app_label="feedback", codename="delete_pagefeedback"
    )
    for name in ROLES:
        role, _ = Group.objects.get_or_create(name=name)
        role.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0005_group_sessions_roles"),
        ("feedback", "0002_report_viewers"),
    ]

    # Reversing leaves the grant: it may have been edited since.
    operations = [migrations.RunPython(grant_comment_deletion, migrations.RunPython.noop)]
