"""Editors and Moderators add, change and delete family hubs and group sessions (Snippets >
Group sessions). Safe on a fresh database (the permissions are created here first) and on a live
one; running it again changes nothing. Imports no app code.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Editors", "Moderators"]
MODELS = ["familyhub", "groupsession"]
ACTIONS = ["add", "change", "delete"]


def grant_group_sessions(apps, schema_editor):
    # create_permissions skips an app without a models module, as historical apps are.
    groups_app = apps.get_app_config("groups")
    models_module = getattr(groups_app, "models_module", None)
    groups_app.models_module = models_module or True
    try:
        create_permissions(groups_app, apps=apps, verbosity=0)
    finally:
        groups_app.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="groups",
        content_type__model__in=MODELS,
        codename__in=[f"{action}_{model}" for action in ACTIONS for model in MODELS],
    )
    for name in ROLES:
        role, _ = Group.objects.get_or_create(name=name)
        role.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_moderators_manage_site_notice"),
        ("groups", "0001_family_hubs_and_sessions"),
    ]

    # Reversing leaves the grant: it may have been edited since.
    operations = [migrations.RunPython(grant_group_sessions, migrations.RunPython.noop)]
