"""ContactPage now belongs to the enquiries app (its migration 0004 took over the model's state).

This drops the model from the pages app's state only (the table stays; enquiries 0005 renames it)
and moves its content type to the enquiries app, so live contact pages and their revisions, log
entries and permissions keep pointing at it. If an `enquiries | contactpage` content type already
exists, everything that refers to the old one is pointed at it and the old one is deleted.
"""

from django.db import migrations
from django.db.models import UniqueConstraint

MODEL = "contactpage"


def _unique_field_sets(model, field):
    """The sets of field names, each including `field`, that no two rows of `model` may share."""
    sets = [[field.name]] if field.unique else []
    sets += [list(names) for names in model._meta.unique_together if field.name in names]
    sets += [
        list(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, UniqueConstraint)
        and constraint.condition is None
        and field.name in constraint.fields
    ]
    return sets


def _twin(model, row, field, unique_sets, new_pk):
    """The row that `row` would duplicate once it points at `new_pk`, if there is one."""
    for names in unique_sets:
        lookup = {
            model._meta.get_field(name).attname: getattr(row, model._meta.get_field(name).attname)
            for name in names
        }
        lookup[field.attname] = new_pk
        twin = model._base_manager.filter(**lookup).exclude(pk=row.pk).first()
        if twin is not None:
            return twin
    return None


def _merge(apps, target, old_pk, new_pk):
    """Point every row referring to `target` row `old_pk` at `new_pk`, then delete `old_pk`.

    A referring row that would then duplicate another (a permission with the same codename, a
    group's copy of that permission) is merged into that row the same way, so nothing is lost.
    """
    label = target._meta.label_lower
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model._meta.label_lower != label:
                continue
            referring = model._base_manager.filter(**{field.attname: old_pk})
            unique_sets = _unique_field_sets(model, field)
            if not unique_sets:
                referring.update(**{field.attname: new_pk})
                continue
            for row in list(referring):
                twin = _twin(model, row, field, unique_sets, new_pk)
                if twin is None:
                    model._base_manager.filter(pk=row.pk).update(**{field.attname: new_pk})
                else:
                    _merge(apps, model, row.pk, twin.pk)
    target._base_manager.filter(pk=old_pk).delete()


def _move_content_type(apps, from_app, to_app):
    content_types = apps.get_model("contenttypes", "ContentType")
    old = content_types.objects.filter(app_label=from_app, model=MODEL).first()
    if old is None:
        return  # a new database: content types are created after migrating
    existing = content_types.objects.filter(app_label=to_app, model=MODEL).first()
    if existing is None:
        old.app_label = to_app
        old.save(update_fields=["app_label"])
    else:
        _merge(apps, content_types, old.pk, existing.pk)


def forwards(apps, schema_editor):
    _move_content_type(apps, "pages", "enquiries")


def backwards(apps, schema_editor):
    _move_content_type(apps, "enquiries", "pages")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_content_pages"),
        ("enquiries", "0004_contactpage_from_pages"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContactPage")],
        ),
        migrations.RunPython(forwards, backwards),
    ]
