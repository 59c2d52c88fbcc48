"""External resources (websites, leaflets, reports) the service points people to."""

from __future__ import annotations

import datetime
from typing import ClassVar, Self

from django import forms
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from caching.invalidation import content_changed_on_commit
from resources.choices import Audience, LinkStatus
from resources.forms import ResourceLinkForm

from .publishable import PublishableQuerySet, PublishableSnippet

# A link the automatic checker finds failing this many times in a row is marked Broken, which
# takes it off the public site until an editor corrects its address or confirms it works.
FAILED_CHECKS_TO_HIDE = 2


def public_q(prefix: str = "") -> Q:
    """What the public may see: published, with a web address, not marked Broken. `prefix`
    reaches links through a relation, e.g. `public_q("resources__")` from a topic."""
    return (
        Q(**{f"{prefix}live": True})
        & ~Q(**{f"{prefix}url": ""})
        & ~Q(**{f"{prefix}status": LinkStatus.BROKEN})
    )


class ResourceLinkQuerySet(PublishableQuerySet):
    def live(self) -> Self:
        """Published links with a web address, not marked Broken: the only ones the public
        ever sees."""
        return super().live().filter(public_q())


class ResourceLink(PublishableSnippet, ClusterableModel):
    title = models.CharField(
        max_length=200,
        help_text="The name of the website, leaflet or report, as a visitor would recognise it.",
    )
    organisation = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who publishes it, for example 'UNICEF UK' or 'NHS'. Shown under the title.",
    )
    url = models.URLField(
        "web address",
        max_length=500,
        blank=True,
        help_text="The full address, starting https://. You can save a draft without one, but "
        "you cannot publish until it is filled in.",
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.BOTH,
        help_text="Who it is for. Resources for both appear under each audience's filter.",
    )
    topics = ParentalManyToManyField(
        "resources.Topic",
        blank=True,
        related_name="resources",
        help_text="Tick every topic it covers. Visitors filter the useful links page by topic.",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two plain-English sentences saying what the visitor will find there.",
    )
    last_checked = models.DateField(
        null=True,
        blank=True,
        help_text="When the link was last checked: by an editor who opened it and confirmed it "
        "still says what we describe, or by the weekly link checker.",
    )
    status = models.CharField(
        max_length=10,
        choices=LinkStatus.choices,
        default=LinkStatus.OK,
        help_text="Set 'Needs checking' when the address or content may have changed, and "
        "'Broken' when it no longer works: broken links are not shown on the site. The weekly "
        "link checker sets 'Broken' when the address fails twice in a row; correct the address, "
        "or set 'Working' if it does work, to show it again.",
    )
    failed_checks = models.PositiveSmallIntegerField(
        default=0,
        editable=False,
        help_text="How many automatic checks in a row found this web address not working.",
    )
    confirmed_working = models.BooleanField(
        default=False,
        editable=False,
        help_text="An editor confirmed this web address works although the automatic checker "
        "could not open it, so the checker no longer hides it. Cleared when the address changes.",
    )
    editor_notes = models.TextField(
        blank=True,
        help_text="Notes for other editors, for example what still needs confirming. Never shown "
        "to the public.",
    )
    objects: ClassVar[models.Manager] = ResourceLinkQuerySet.as_manager()
    base_form_class = ResourceLinkForm

    panels = [
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldPanel("url"),
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("last_checked"), FieldPanel("editor_notes")],
            heading="Link checking",
        ),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("organisation", boost=2),
        index.AutocompleteField("organisation"),
        index.SearchField("summary"),
        index.FilterField("live"),
        index.FilterField("audience"),
        index.FilterField("status"),
        index.FilterField("url"),  # site search leaves out links without one
    ]

    class Meta(PublishableSnippet.Meta):
        ordering = ["title"]
        verbose_name = "useful link"
        verbose_name_plural = "useful links"

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """The in-memory twin of `public_q()`, for links already loaded."""
        return bool(self.live and self.url and self.status != LinkStatus.BROKEN)

    @property
    def hidden_by_checker(self) -> bool:
        return self.status == LinkStatus.BROKEN and self.failed_checks >= FAILED_CHECKS_TO_HIDE

    def record_check(self, *, failed: bool, today: datetime.date) -> bool:
        """Apply one automatic check of the current address (the caller saves). True when this
        check takes the link off the public site."""
        self.last_checked = today
        self.failed_checks = self.failed_checks + 1 if failed else 0
        if (
            self.failed_checks >= FAILED_CHECKS_TO_HIDE
            and not self.confirmed_working
            and self.status != LinkStatus.BROKEN
        ):
            self.status = LinkStatus.BROKEN
            return True
        return False

    def confirm_working(self) -> None:
        """An editor says the address works: show the link again and stop the checker hiding
        it while the address stays the same."""
        self.status = LinkStatus.OK
        self.failed_checks = 0
        self.confirmed_working = True
        type(self).objects.filter(pk=self.pk).update(
            status=self.status, failed_checks=0, confirmed_working=True
        )
        content_changed_on_commit()  # update() sends no signal: the link is listed again

    def save(self, *args, **kwargs) -> None:
        if self.pk and kwargs.get("update_fields") is None:
            self._keep_check_state()
        super().save(*args, **kwargs)

    def _keep_check_state(self) -> None:
        """On a full save (an editor's publish, or a revision published later): a new address
        starts afresh, and "Working" after the checker marked it Broken confirms it; otherwise
        the checker's counts are kept (a revision's copy of them may be out of date)."""
        previous = (
            type(self)
            .objects.filter(pk=self.pk)
            .values("url", "status", "failed_checks", "confirmed_working")
            .first()
        )
        if previous is None:
            return
        hidden_by_checker = (
            previous["status"] == LinkStatus.BROKEN
            and previous["failed_checks"] >= FAILED_CHECKS_TO_HIDE
        )
        if self.url != previous["url"]:
            self.failed_checks = 0
            self.confirmed_working = False
            if hidden_by_checker and self.status == LinkStatus.BROKEN:
                self.status = LinkStatus.OK
        elif previous["status"] == LinkStatus.BROKEN and self.status != LinkStatus.BROKEN:
            self.failed_checks = 0
            self.confirmed_working = hidden_by_checker or previous["confirmed_working"]
        else:
            self.failed_checks = previous["failed_checks"]
            self.confirmed_working = previous["confirmed_working"]

    def get_preview_template(self, request, mode_name):
        return "resources/resource_link_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "resources": [self]}
