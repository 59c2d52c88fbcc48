"""The send and maintenance tasks moved from `enquiries.tasks` to the modules that do the work.

Task rows queued before a deploy name the old paths; rewrite them so the worker still runs them.
"""

from django.db import migrations

MOVED = {
    "enquiries.tasks.send_enquiry_email": "enquiries.delivery.send_enquiry_email",
    "enquiries.tasks.enquiry_maintenance": "enquiries.maintenance.enquiry_maintenance",
}


def _rewrite(apps, moves):
    task_results = apps.get_model("django_tasks_database", "DBTaskResult").objects
    for old, new in moves.items():
        task_results.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    _rewrite(apps, MOVED)


def backwards(apps, schema_editor):
    _rewrite(apps, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0002_default_topics"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
