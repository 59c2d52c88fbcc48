"""The base for snippets editors draft, publish, lock and preview, such as links and posters.

Any app can build a publishable snippet on it (for example group sessions or a site notice):
it brings Wagtail's workflow, draft, lock, revision, preview and search mixins, the generic
relations they need, a `live()` queryset, and the `seed_key` that lets the seed command find
what it created earlier.
"""

from __future__ import annotations

from typing import ClassVar, Self

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index


class PublishableQuerySet(models.QuerySet):
    def live(self) -> Self:
        """Published items: the only ones the public ever sees. Subclasses add their own
        conditions (a poster needs its PDF, a link its web address)."""
        return self.filter(live=True)


class PublishableSnippet(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """Abstract base: a snippet with drafts, moderation workflows, locking, revisions and
    previews. A subclass's `Meta` must extend `PublishableSnippet.Meta` to keep the
    `seed_key` constraint."""

    seed_key = models.CharField(
        max_length=60,
        blank=True,
        editable=False,
        help_text="Set by the seed command so that running it again finds this item.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    objects: ClassVar[models.Manager] = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["seed_key"],
                condition=~Q(seed_key=""),
                name="%(app_label)s_%(class)s_unique_seed_key",
            )
        ]

    @property
    def revisions(self):
        return self._revisions
