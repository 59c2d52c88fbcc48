"""Create the site's content. Idempotent: safe to run again, and never overwrites editors' work."""

from django.core.management.base import BaseCommand
from wagtail.models import Site

from pages.models import HomePage, ServiceSettings
from pages.seed.urgent_help import URGENT_HELP_ENTRIES, VERIFIED_ON


class Command(BaseCommand):
    help = "Load the council's infant mental health content into an empty site."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the home page already has child pages.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        home = HomePage.objects.first()
        if home is None:
            self.stderr.write("No home page: run `manage.py migrate` first.")
            return
        if if_empty and home.get_children().exists():
            self.stdout.write("Site already has content; nothing seeded.")
            return
        site = Site.objects.get(root_page=home)
        settings = ServiceSettings.for_site(site)
        if not settings.urgent_help:
            settings.urgent_help = [
                ("entry", {**entry, "verified_on": VERIFIED_ON}) for entry in URGENT_HELP_ENTRIES
            ]
            settings.save()
        self.stdout.write(self.style.SUCCESS("Seed content is in place."))
