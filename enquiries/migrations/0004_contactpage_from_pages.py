"""ContactPage moves from the pages app to enquiries: first in Django's state only.

The table stays `pages_contactpage` here, so live pages, their revisions and links are untouched;
pages 0005 drops the model from the pages app and re-labels its content type, and 0005 in this
app renames the table.
"""

import django.db.models.deletion
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0003_task_paths_follow_their_modules"),
        ("pages", "0003_contactpage"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContactPage",
                    fields=[
                        ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ("summary", models.CharField(blank=True, help_text="One plain-English sentence saying what this page is for. Shown in listings, search results and as the description search engines show.", max_length=300)),
                        ("last_reviewed", models.DateField(blank=True, help_text="When the content was last checked as correct. Shown at the foot of the page.", null=True)),
                        ("next_review_due", models.DateField(blank=True, help_text="When the content should next be checked. Shown at the foot of the page, and listed in the 'Pages due for review' report from 30 days before.", null=True)),
                        ("intro", wagtail.fields.RichTextField(blank=True, help_text="Shown above the form: who can write to us and what about.")),
                        ("privacy_summary", wagtail.fields.RichTextField(help_text="Shown beside the form: what we do with the message. How long we keep it is added automatically from the retention setting, with a link to the privacy notice.")),
                        ("what_happens_next", wagtail.fields.RichTextField(help_text="Shown on the confirmation page after someone sends a message, under their reference number.")),
                        ("privacy_notice_page", models.ForeignKey(blank=True, help_text="The full privacy notice the summary links to.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.WAGTAIL_PAGE_MODEL)),
                    ],
                    options={
                        "verbose_name": "contact page",
                        "db_table": "pages_contactpage",
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
                ),
            ],
        ),
    ]
