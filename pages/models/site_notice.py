"""A notice Moderators show on every page for a while, for example "Groups are paused over
Christmas": short text with an optional link, a start and an end, a plain or an important style.

Whether a notice shows is worked out when a page is rendered, so it appears and disappears on
time by itself. `next_notice_change()` says when that next happens, for a page cache to expire
its entries then. The site chrome keeps `notices_not_ended()` for a content generation and picks
the ones showing at each render (`showing_among`, `next_change_among`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import RevisionMixin

# Bold and links only: a notice is a sentence or two, not a page.
NOTICE_FEATURES = ["bold", "link"]


class SiteNoticeQuerySet(QuerySet["SiteNotice"]):
    def showing_at(self, moment: datetime) -> SiteNoticeQuerySet:
        """Notices inside their window at `moment` (start included, end excluded)."""
        return self.filter(starts_at__lte=moment, ends_at__gt=moment)


class SiteNotice(RevisionMixin, models.Model):
    PLAIN = "plain"
    IMPORTANT = "important"
    STYLE_CHOICES = [
        (PLAIN, "Plain: a quiet line of information"),
        (IMPORTANT, "Important: a banner headed 'Important'"),
    ]

    text = RichTextField(
        features=NOTICE_FEATURES,
        help_text="One or two short sentences, for example 'Groups are paused over Christmas. "
        "They start again on 6 January.' You can add a link.",
    )
    style = models.CharField(max_length=10, choices=STYLE_CHOICES, default=PLAIN)
    starts_at = models.DateTimeField(help_text="When the notice starts to show (UK time).")
    ends_at = models.DateTimeField(help_text="When it stops showing (UK time).")

    objects = SiteNoticeQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldPanel("style"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="Show it"),
    ]

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "site notice"

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at).strftime("%-d %b %Y %H:%M")
        end = timezone.localtime(self.ends_at).strftime("%-d %b %Y %H:%M")
        return f"{start} to {end}"

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})

    @property
    def is_important(self) -> bool:
        return self.style == self.IMPORTANT


def notices_not_ended(moment: datetime | None = None) -> list[SiteNotice]:
    """Every notice still showing or still to come at `moment` (default now), soonest-started
    first: what a render later than `moment` may show, until the notices change."""
    return list(SiteNotice.objects.filter(ends_at__gt=moment or timezone.now()))


def showing_among(notices: Iterable[SiteNotice], moment: datetime) -> list[SiteNotice]:
    """Those of `notices` inside their window at `moment` (start included, end excluded)."""
    return [notice for notice in notices if notice.starts_at <= moment < notice.ends_at]


def next_change_among(notices: Iterable[SiteNotice], moment: datetime) -> datetime | None:
    """The next start or end of any of `notices` after `moment`, or None."""
    later = [
        boundary
        for notice in notices
        for boundary in (notice.starts_at, notice.ends_at)
        if boundary > moment
    ]
    return min(later, default=None)


def notices_showing(moment: datetime | None = None) -> list[SiteNotice]:
    """The notices to show now (or at `moment`), soonest-started first."""
    return list(SiteNotice.objects.showing_at(moment or timezone.now()))


def next_notice_change(moment: datetime | None = None) -> datetime | None:
    """The next start or end of any notice after now (or `moment`): when what pages show next
    changes. None if no notice starts or ends later."""
    moment = moment or timezone.now()
    return next_change_among(notices_not_ended(moment), moment)
