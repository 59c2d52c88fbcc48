"""Create the site's content. Idempotent: safe to run again, and never overwrites editors' work.

Every page, resource and poster is found by its slug or seed key; only missing ones are created,
each published with a revision. The text lives in `pages/seed/` data modules.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from pages.models import HomePage, ServiceSettings
from pages.seed import home as home_text
from pages.seed.parents import PARENTS
from pages.seed.professionals import PROFESSIONALS
from pages.seed.site_pages import (
    CONTACT,
    COOKIES,
    POSTERS,
    PRIVACY,
    SEARCH,
    USEFUL_LINKS,
    accessibility_spec,
)
from pages.seed.urgent_help import URGENT_HELP_ENTRIES, VERIFIED_ON
from pages.seed.writer import PageTreeWriter, one_year_after
from resources.seed import seed_posters, seed_resources, seed_topics

# The contact form's default topics, routed to the service inbox. Looked up by app label, not
# imported: pages does not depend on enquiries. (Until the content loader takes them over.)
CONTACT_TOPICS = [
    "A general question",
    "Solihull Approach training courses",
    "\u201cUnderstanding your baby\u201d groups",
    "Babies First posters",
    "Feedback about this website",
]

FOOTER_LINKS = [
    ("Accessibility statement", "accessibility"),
    ("Privacy notice", "privacy"),
    ("Cookies", "cookies"),
    ("Contact us", "contact"),
]


def page_specs():
    """The site's pages under the home page, in menu order."""
    return [
        PARENTS,
        PROFESSIONALS,
        POSTERS,
        USEFUL_LINKS,
        CONTACT,
        SEARCH,
        accessibility_spec(),
        PRIVACY,
        COOKIES,
    ]


class Command(BaseCommand):
    help = "Load the council's infant mental health content into the site (only what is missing)."

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
        site = Site.objects.filter(root_page=home).first() or Site.objects.first()
        with transaction.atomic():
            seed_contact_topics()
            seed_topics()
            seed_resources()
            seed_posters(site)
            writer = PageTreeWriter(home, timezone.localdate())
            created = writer.write(page_specs())
            self._fill_home(home, writer)
            self._link_contact_to_privacy(writer)
            if site is not None:
                self._seed_settings(site, writer)
        self.stdout.write(
            self.style.SUCCESS(f"Seed content is in place ({len(created)} pages created).")
        )

    def _fill_home(self, home: HomePage, writer: PageTreeWriter) -> None:
        """Fill only the home page fields that are still empty; leave editors' drafts alone."""
        home = HomePage.objects.get(pk=home.pk)
        if home.has_unpublished_changes:
            return
        today = writer.today
        changed = False
        for field, value in (
            ("summary", home_text.HOME_SUMMARY),
            ("intro", home_text.INTRO),
            ("parents_route_text", home_text.PARENTS_ROUTE_TEXT),
            ("professionals_route_text", home_text.PROFESSIONALS_ROUTE_TEXT),
            ("last_reviewed", today),
            ("next_review_due", one_year_after(today)),
        ):
            if not getattr(home, field):
                setattr(home, field, value)
                changed = True
        for field, path in (
            ("parents_route_page", "parents"),
            ("professionals_route_page", "professionals"),
        ):
            if getattr(home, f"{field}_id") is None and writer.find(path) is not None:
                setattr(home, field, writer.find(path))
                changed = True
        if changed:
            home.save_revision().publish()

    def _link_contact_to_privacy(self, writer: PageTreeWriter) -> None:
        contact, privacy = writer.find("contact"), writer.find("privacy")
        if contact is None or privacy is None:
            return
        contact = contact.specific
        if hasattr(contact, "privacy_notice_page_id") and contact.privacy_notice_page_id is None:
            if contact.has_unpublished_changes:
                return
            contact.privacy_notice_page = privacy
            contact.save_revision().publish()

    def _seed_settings(self, site: Site, writer: PageTreeWriter) -> None:
        settings = ServiceSettings.for_site(site)
        changed = False
        if not settings.urgent_help:
            settings.urgent_help = [
                ("entry", {**entry, "verified_on": VERIFIED_ON}) for entry in URGENT_HELP_ENTRIES
            ]
            changed = True
        if not settings.footer_links:
            links = []
            for label, path in FOOTER_LINKS:
                page: Page | None = writer.find(path)
                if page is not None:
                    links.append(("link", {"label": label, "page": page, "url": ""}))
            settings.footer_links = links
            changed = bool(links) or changed
        if changed:
            settings.save()


def seed_contact_topics() -> int:
    """Create the default contact topics that are missing, by name. Returns how many."""
    topic_model = apps.get_model("enquiries", "ContactTopic")
    created = 0
    for order, name in enumerate(CONTACT_TOPICS, start=1):
        _, was_created = topic_model.objects.get_or_create(
            name=name, defaults={"sort_order": order * 10, "inbox": ""}
        )
        created += was_created
    return created
