"""Applied history, kept as a no-op: it once created the default contact topics.

Topics are seed content now (loaded by the seed command), so migrations import no app code.
Existing deployments keep the topics this migration created.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("enquiries", "0001_initial")]

    operations = []
