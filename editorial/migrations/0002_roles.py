"""Roles: extend Wagtail's Editors and Moderators groups, add Enquiry officers.

Safe on a fresh database (permissions are normally created after `migrate`, so they are created
here first) and on a live one; running it again changes nothing. Nothing is taken away from a
group, so grants an administrator added in Settings › Groups stay. Imports no app code.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
ENQUIRY_OFFICERS = "Enquiry officers"

# Snippets with drafts and locking get these extra permissions from Wagtail after migrate.
PUBLISHABLE_SNIPPETS = [("resources", "poster"), ("resources", "resourcelink")]
SNIPPET_EXTRA_ACTIONS = ["publish", "lock", "unlock"]

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")


def _model_perms(app_label, model, actions):
    return [(app_label, model, f"{action}_{model}") for action in actions]


EDITOR_PERMISSIONS = [
    ACCESS_ADMIN,
    *_model_perms("resources", "poster", ["add", "change", "delete", "lock"]),
    *_model_perms("resources", "resourcelink", ["add", "change", "delete", "lock"]),
    *_model_perms("resources", "topic", ["add", "change", "delete"]),
]
MODERATOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    *_model_perms("resources", "poster", ["publish", "unlock"]),
    *_model_perms("resources", "resourcelink", ["publish", "unlock"]),
    ("pages", "servicesettings", "change_servicesettings"),
    # Which inbox each contact-form topic goes to, beside the service inbox in Service settings.
    *_model_perms("enquiries", "contacttopic", ["add", "change"]),
]
ENQUIRY_OFFICER_PERMISSIONS = [
    ACCESS_ADMIN,
    # view: the list, details and both exports; change: resend or release; delete: erase.
    *_model_perms("enquiries", "enquiry", ["view", "change", "delete"]),
]

# Permissions on the whole page tree (the root page) and on every image and document (root
# collection).
EDITOR_PAGE_ACTIONS = ["add", "change"]
MODERATOR_PAGE_ACTIONS = ["add", "change", "publish", "lock", "unlock"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
]


def ensure_permissions(apps):
    """Create every model's permissions now (Django would only do so after migrate), and the
    publish/lock/unlock ones Wagtail adds for publishable snippets."""
    for app_config in apps.get_app_configs():
        # create_permissions skips an app without a models module, as historical apps are.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for app_label, model in PUBLISHABLE_SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        verbose_name = apps.get_model(app_label, model)._meta.verbose_name_raw
        for action in SNIPPET_EXTRA_ACTIONS:
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(
        content_type__app_label=app_label, content_type__model=model, codename=codename
    )


def _grant(apps, group, permissions, page_actions):
    group.permissions.add(*(_permission(apps, *key) for key in permissions))
    if page_actions:
        Page = apps.get_model("wagtailcore", "Page")
        GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
        root = Page.objects.filter(depth=1).order_by("path").first()
        for action in page_actions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=_permission(apps, "wagtailcore", "page", f"{action}_page"),
            )
        Collection = apps.get_model("wagtailcore", "Collection")
        GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
        root_collection = Collection.objects.filter(depth=1).order_by("path").first()
        for key in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(apps, *key)
            )


def set_up_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    roles = [
        (EDITORS, EDITOR_PERMISSIONS, EDITOR_PAGE_ACTIONS),
        (MODERATORS, MODERATOR_PERMISSIONS, MODERATOR_PAGE_ACTIONS),
        (ENQUIRY_OFFICERS, ENQUIRY_OFFICER_PERMISSIONS, []),
    ]
    for name, permissions, page_actions in roles:
        group, _ = Group.objects.get_or_create(name=name)
        _grant(apps, group, permissions, page_actions)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_review_reminder"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("pages", "0007_wagtail_image_block"),
        ("resources", "0002_publishable_snippet_seed_key"),
        ("enquiries", "0005_contactpage_own_table"),
    ]

    # Reversing leaves the groups and grants: they may have been edited since.
    operations = [migrations.RunPython(set_up_roles, migrations.RunPython.noop)]
