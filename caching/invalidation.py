"""Send ``content_changed`` once per transaction, after it commits, whenever public content changed.

What counts as public content is configured, not imported (this app sits below every project
app): ``CONTENT_CHANGE_MODELS`` names apps (``"resources"``) or models (``"wagtaildocs.Document"``)
whose saves and deletes change what visitors see, and ``CONTENT_CHANGE_IGNORED_MODELS`` the
bookkeeping models among them (download counts...). Pages are different: saving a draft saves the
page row too, so a page's own saves are ignored and Wagtail's page signals (published,
unpublished, moved) and its deletion count instead. A snippet's draft save, which only records
its latest revision, is ignored for the same reason.

Code that changes public content without model signals (``QuerySet.update``, ``bulk_update``)
calls ``content_changed_on_commit()`` itself.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .signals import content_changed

logger = logging.getLogger(__name__)

# A save that changes only these fields records a draft (a new latest revision, a lock): what
# visitors see is unchanged.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _send_content_changed() -> None:
    for receiver, error in content_changed.send_robust(sender=Page):
        if error is not None:
            logger.error(
                "A content_changed receiver (%r) failed: cached pages may be stale",
                receiver,
                exc_info=error,
            )


class _SendOnCommit:
    """The callback queued for one transaction; ``done`` once it ran."""

    def __init__(self) -> None:
        self.done = False

    def __call__(self) -> None:
        self.done = True
        _send_content_changed()


def content_changed_on_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    """Send ``content_changed`` when the current transaction commits (at once outside one),
    once however many changes the transaction makes; nothing if it rolls back (Django drops the
    callbacks of a rolled-back transaction or savepoint)."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        isinstance(callback, _SendOnCommit) and not callback.done
        for _savepoints, callback, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_SendOnCommit(), using=using)


def watched_models() -> list[type[models.Model]]:
    """The models whose saves and deletes change what visitors see (pages aside)."""
    watched: set[type[models.Model]] = set()
    for name in settings.CONTENT_CHANGE_MODELS:
        if "." in name:
            watched.add(apps.get_model(name))
        else:
            watched.update(apps.get_app_config(name).get_models())
    ignored = {apps.get_model(name) for name in settings.CONTENT_CHANGE_IGNORED_MODELS}
    return sorted(
        (model for model in watched - ignored if not issubclass(model, Page)),
        key=lambda model: model._meta.label,
    )


def _on_save(
    update_fields: frozenset[str] | None = None,
    raw: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    **_kwargs: object,
) -> None:
    if raw:  # loading fixtures
        return
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    content_changed_on_commit(using)


def _on_delete(using: str = DEFAULT_DB_ALIAS, **_kwargs: object) -> None:
    content_changed_on_commit(using)


def _on_page_signal(**_kwargs: object) -> None:
    content_changed_on_commit()


def connect_receivers() -> None:
    """Called once from ``CachingConfig.ready()``. Receivers are connected per model: a
    ``post_delete`` receiver for every model would cost Django its fast bulk deletes."""
    for model in watched_models():
        uid = f"caching.invalidation.{model._meta.label_lower}"
        post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}.delete")
    # Deleting a page of any type deletes its row in Wagtail's Page table too.
    post_delete.connect(_on_delete, sender=Page, dispatch_uid="caching.invalidation.page_delete")
    page_signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
    }
    for name, signal in page_signals.items():
        signal.connect(_on_page_signal, dispatch_uid=f"caching.invalidation.page_{name}")
