"""Family hubs and the "Understanding your baby" group sessions held at them.

A session is listed until the end of its day (UK time) and then drops off by itself: nobody needs
to unpublish it. `upcoming_sessions(now)` takes the moment so tests can pass their own.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import RevisionMixin
from wagtail.search import index

from pages.models.base import BasePage

LONDON = ZoneInfo("Europe/London")
DEFAULT_TITLE = "Understanding your baby"
# Bold and links only: how to book is a sentence or two.
BOOKING_FEATURES = ["bold", "link"]


class FamilyHub(index.Indexed, models.Model):
    """One record per hub, chosen by any number of sessions."""

    name = models.CharField(max_length=120, unique=True)
    address = models.TextField(help_text="The full postal address, one part per line.")
    phone = models.CharField(max_length=30, blank=True, help_text="The hub's phone number.")
    opening_notes = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional, for example 'Parking at the back; step-free entrance on Church St'.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("opening_notes"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "family hub"

    def __str__(self) -> str:
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def one_line_address(self) -> str:
        """'Name, line 1, line 2': for a calendar's LOCATION."""
        return ", ".join([self.name, *self.address_lines])


class GroupSessionQuerySet(QuerySet["GroupSession"]):
    def upcoming(self, now: datetime | None = None) -> GroupSessionQuerySet:
        """Sessions on or after today (UK time), soonest first: today's stay until midnight."""
        today = timezone.localtime(now or timezone.now(), LONDON).date()
        return (
            self.filter(date__gte=today).select_related("hub").order_by("date", "start_time", "pk")
        )


class GroupSession(RevisionMixin, models.Model):
    title = models.CharField(max_length=120, default=DEFAULT_TITLE)
    date = models.DateField()
    start_time = models.TimeField(help_text="UK time, for example 10:00.")
    end_time = models.TimeField(help_text="UK time, for example 11:30.")
    hub = models.ForeignKey(
        FamilyHub,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name="family hub",
        help_text="Where it runs. Add a hub once under Snippets > Family hubs and choose it here.",
    )
    how_to_book = RichTextField(
        features=BOOKING_FEATURES,
        help_text="One or two sentences, for example 'Ask your health visitor, or call the hub.'",
    )
    booking_phone = models.CharField(
        max_length=30, blank=True, help_text="Optional: a number to call to book."
    )
    booking_url = models.URLField(blank=True, help_text="Optional: a web page to book on.")
    audience_notes = models.TextField(
        blank=True,
        help_text="Optional: who it is for, for example 'Parents of babies up to 12 months'.",
    )

    objects = GroupSessionQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel(
            [FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")],
            heading="When",
        ),
        FieldPanel("hub"),
        FieldPanel("how_to_book"),
        FieldRowPanel([FieldPanel("booking_phone"), FieldPanel("booking_url")]),
        FieldPanel("audience_notes"),
    ]

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = "group session"

    def __str__(self) -> str:
        when = self.date.strftime("%a %-d %b %Y") if self.date else "no date"
        return f"{self.title}, {when}"

    def clean(self) -> None:
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The end time must be after the start time."})

    @property
    def starts_at(self) -> datetime:
        """The start as an aware datetime in UK time (BST or GMT as that day is)."""
        return _london(self.date, self.start_time)

    @property
    def ends_at(self) -> datetime:
        return _london(self.date, self.end_time)


def _london(day: date, moment) -> datetime:
    return datetime.combine(day, moment, tzinfo=LONDON)


def upcoming_sessions(now: datetime | None = None, limit: int | None = None) -> list[GroupSession]:
    """Sessions not yet past (a session drops off at the end of its day), soonest first."""
    sessions = GroupSession.objects.upcoming(now)
    return list(sessions[:limit] if limit else sessions)


class GroupSessionsPage(BasePage):
    """'Understanding your baby' groups: an intro, then the upcoming sessions soonest first, each
    with its calendar file; with none coming up, how to ask about the next groups."""

    intro = RichTextField(
        features=["bold", "link", "ul"],
        blank=True,
        help_text="Shown above the sessions: what the groups are and who they are for.",
    )

    parent_page_types = ["pages.HomePage", "pages.SectionLandingPage"]
    subpage_types: list[str] = []
    signposted_from_home = True
    template = "groups/group_sessions_page.html"

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "group sessions page"
