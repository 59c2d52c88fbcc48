"""Fields and panels every content page shares."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from pages.content_memo import content_memo
from pages.table_of_contents import body_with_anchors


class BasePage(Page):
    """Abstract base: a one-sentence summary and NHS-style review dates."""

    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "One plain-English sentence saying what this page is for. Shown in listings, "
            "search results and as the description search engines show."
        ),
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When the content was last checked as correct. Shown at the foot of the page.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the content should next be checked. Shown at the foot of the page, and "
        "listed in the 'Pages due for review' report from 30 days before.",
    )

    # Set True on a page type the home page should list under "More from the team".
    signposted_from_home = False

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("last_reviewed"),
                FieldPanel("next_review_due"),
                FieldPanel(
                    "owner",
                    heading="Page owner",
                    help_text="Gets a weekly email while this page is due for review.",
                ),
            ],
            heading="Content review",
        )
    ]
    promote_panels = [*Page.promote_panels, *review_panels]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary

    def shows_urgent_help_strip(self) -> bool:
        """Whether the compact urgent-help strip goes near the top of this page."""
        return False

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page and its ancestors (aliases standing for their
        originals). Whether there are any is kept until the content changes (`pages.content_memo`;
        restrictions are content), so serving a public page asks the database nothing."""
        if not self.pk:
            return super().get_view_restrictions()
        page_ids, restricted = content_memo.get(
            None, ("view-restrictions", self.pk, self.path), self._view_restriction_pages
        )
        if not restricted:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=page_ids)

    def _view_restriction_pages(self) -> tuple[frozenset[int], bool]:
        """The pages whose restrictions apply to this one (as Wagtail's `get_view_restrictions`
        finds them), and whether any of them has one."""
        ids: set[int] = set()
        for page in [self, *self.get_ancestors().only("alias_of")]:
            while page.alias_of_id is not None:
                page = page.alias_of
            ids.add(page.pk)
        return frozenset(ids), PageViewRestriction.objects.filter(page_id__in=ids).exists()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show_urgent_help_strip"] = self.shows_urgent_help_strip()
        body = getattr(self, "body", None)
        if body is not None:
            if getattr(request, "is_preview", False) or not self.pk:
                body_items = body_with_anchors(body)
            else:
                body_items = content_memo.get(
                    request, ("body-items", self.pk), lambda: body_with_anchors(body)
                )
            context["body_items"], context["contents_items"] = body_items
        return context
