# ContactPage only (the contact form issue). Other page models have their own migrations.

import django.db.models.deletion
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0002_create_homepage'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ContactPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('summary', models.CharField(blank=True, help_text='One plain-English sentence saying what this page is for. Shown in listings, search results and as the description search engines show.', max_length=300)),
                ('last_reviewed', models.DateField(blank=True, help_text='When the content was last checked as correct. Shown at the foot of the page.', null=True)),
                ('next_review_due', models.DateField(blank=True, help_text="When the content should next be checked. Shown at the foot of the page, and listed in the 'Pages due for review' report from 30 days before.", null=True)),
                ('intro', wagtail.fields.RichTextField(blank=True, default='<p>Use this form to ask the infant mental health team a question, book or ask about Solihull Approach training or “Understanding your baby” groups, order Babies First posters, or tell us what you think of this website.</p>', help_text='Shown above the form: who can write to us and what about.')),
                ('privacy_summary', wagtail.fields.RichTextField(default='<p>We only use what you send us to answer your message. It goes to the infant mental health team at North Lincolnshire Council and nobody else.</p>', help_text='Shown beside the form: what we do with the message. How long we keep it is added automatically from the retention setting, with a link to the privacy notice.')),
                ('what_happens_next', wagtail.fields.RichTextField(default='<p>Your message has gone to the infant mental health team. We will also send you an email to confirm it arrived.</p><p>Someone from the team will reply by email, or by phone if you asked us to call you. We read messages during office hours only, not in the evening, at weekends or on bank holidays.</p>', help_text='Shown on the confirmation page after someone sends a message, under their reference number.')),
                ('privacy_notice_page', models.ForeignKey(blank=True, help_text='The full privacy notice the summary links to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
            ],
            options={
                'verbose_name': 'contact page',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
    ]
