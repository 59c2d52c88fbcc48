"""Moderators add, change and delete the site notice (Snippets > Site notices); Editors get
nothing on it. Safe on a fresh database (the permissions are created here first) and on a live
one; running it again changes nothing. Imports no app code.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"
ACTIONS = ["add", "change", "delete"]


def grant_site_notice(apps, schema_editor):
    # create_permissions skips an app without a models module, as historical apps are.
    pages = apps.get_app_config("pages")
    models_module = getattr(pages, "models_module", None)
    pages.models_module = models_module or True
    try:
        create_permissions(pages, apps=apps, verbosity=0)
    finally:
        pages.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="pages",
            content_type__model="sitenotice",
            codename__in=[f"{action}_sitenotice" for action in ACTIONS],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_moderation_workflow"),
        ("pages", "0012_site_notice"),
    ]

    # Reversing leaves the grant: it may have been edited since.
    operations = [migrations.RunPython(grant_site_notice, migrations.RunPython.noop)]
