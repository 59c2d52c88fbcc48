"""Service settings: the service's and the organisation's names become editable (today's names
as defaults); the inbox address and out-of-hours notice lose their defaults (the seed content
sets them). Existing rows keep their values."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_contactpage_moves_to_enquiries"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicesettings",
            name="organisation_name",
            field=models.CharField(
                default="North Lincolnshire Council",
                help_text="Who runs the service, shown in the header, the footer and every page's title.",
                max_length=80,
            ),
        ),
        migrations.AddField(
            model_name="servicesettings",
            name="service_name",
            field=models.CharField(
                default="Infant mental health",
                help_text="The service's name, shown in the header and in every page's title.",
                max_length=80,
            ),
        ),
        migrations.AlterField(
            model_name="servicesettings",
            name="inbox_email",
            field=models.EmailField(
                help_text="The infant mental health team's inbox. Shown on the site and used as the default destination for contact form enquiries.",
                max_length=254,
            ),
        ),
        migrations.AlterField(
            model_name="servicesettings",
            name="out_of_hours_notice",
            field=models.CharField(
                help_text="Shown beside the contact form and in the acknowledgement email.",
                max_length=300,
            ),
        ),
    ]
