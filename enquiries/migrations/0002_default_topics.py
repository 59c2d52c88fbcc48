"""The default contact topics, so the form works after `migrate` alone."""

from django.db import migrations


def add_default_topics(apps, schema_editor):
    from enquiries.seed import seed_contact_topics

    seed_contact_topics(apps.get_model("enquiries", "ContactTopic"))


class Migration(migrations.Migration):
    dependencies = [("enquiries", "0001_initial")]

    operations = [migrations.RunPython(add_default_topics, migrations.RunPython.noop)]
