"""ContactPage's table takes this app's name: `pages_contactpage` becomes `enquiries_contactpage`."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0004_contactpage_from_pages"),
        ("pages", "0005_contactpage_moves_to_enquiries"),
    ]

    operations = [migrations.AlterModelTable(name="contactpage", table=None)]
