"""Roles for the search: Editors and Moderators keep promoted results and synonyms; crisis terms
(which decide who sees urgent help first) are for Moderators only.

Safe on a fresh database (creates the permissions first, as Django would only after migrate)
and on a live one; nothing is taken away from a group. Imports no app code.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ["add", "change", "delete"]
EDITORS = [
    *(("wagtailsearchpromotions", "searchpromotion", f"{a}_searchpromotion") for a in CRUD),
    *(("pages", "searchsynonym", f"{a}_searchsynonym") for a in CRUD),
]
MODERATORS = [
    *EDITORS,
    *(("pages", "crisissearchterm", f"{a}_crisissearchterm") for a in CRUD),
]


def grant(apps, schema_editor):
    for label in ("pages", "wagtailsearchpromotions"):
        app_config = apps.get_app_config(label)
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, keys in (("Editors", EDITORS), ("Moderators", MODERATORS)):
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
                for app_label, model, codename in keys
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0010_search_synonyms_crisis_terms_suggested_pages"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("editorial", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Reversing leaves the grants: they may have been edited since.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
