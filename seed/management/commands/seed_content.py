"""`manage.py seed_content`: load `content/` into the site (only what is missing)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from seed.content_files import CONTENT_DIR, ContentFolder
from seed.errors import SeedContentError
from seed.loader import find_home, load_content


class Command(BaseCommand):
    help = "Load the council's infant mental health content into the site (only what is missing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the home page already has child pages.",
        )
        parser.add_argument(
            "--content-dir",
            type=Path,
            default=CONTENT_DIR,
            help="The content folder to load (default: the project's content/).",
        )

    def handle(self, *args, if_empty: bool = False, content_dir: Path = CONTENT_DIR, **options):
        folder = ContentFolder(content_dir)
        try:
            home = find_home(folder)
            if home is None:
                raise CommandError("No home page: run `manage.py migrate` first.")
            if if_empty and home.get_children().exists():
                self.stdout.write("Site already has content; nothing seeded.")
                return
            report = load_content(folder, home, timezone.localdate())
        except SeedContentError as error:
            raise CommandError(f"Seed content not loaded: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed content is in place ({report.pages_created} pages and "
                f"{report.items_created} items created)."
            )
        )
