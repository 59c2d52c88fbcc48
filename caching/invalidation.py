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
from functools import cache as memoize

from django.apps import apps
from django.conf import settings
from django.core.signals import setting_changed
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


@memoize
def _watched_models() -> frozenset[type[models.Model]]:
    watched: set[type[models.Model]] = set()
    for name in settings.CONTENT_CHANGE_MODELS:
        if "." in name:
            watched.add(apps.get_model(name))
        else:
            watched.update(apps.get_app_config(name).get_models())
    ignored = {apps.get_model(name) for name in settings.CONTENT_CHANGE_IGNORED_MODELS}
    return frozenset(model for model in watched - ignored if not issubclass(model, Page))


def _forget_watched_models(*, setting: str, **_kwargs: object) -> None:
    if setting in {"CONTENT_CHANGE_MODELS", "CONTENT_CHANGE_IGNORED_MODELS"}:
        _watched_models.cache_clear()


def is_watched(model: type[models.Model]) -> bool:
    """True for a model whose saves and deletes change what visitors see (pages aside)."""
    return model in _watched_models()


def _on_save(
    sender: type[models.Model],
    update_fields: frozenset[str] | None = None,
    raw: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    **_kwargs: object,
) -> None:
    if raw or not is_watched(sender):
        return
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    content_changed_on_commit(using)


def _on_delete(
    sender: type[models.Model], using: str = DEFAULT_DB_ALIAS, **_kwargs: object
) -> None:
    if issubclass(sender, Page) or is_watched(sender):
        content_changed_on_commit(using)


def _on_page_signal(**_kwargs: object) -> None:
    content_changed_on_commit()


def connect_receivers() -> None:
    """Called once from ``CachingConfig.ready()``."""
    post_save.connect(_on_save, dispatch_uid="caching.invalidation.save")
    post_delete.connect(_on_delete, dispatch_uid="caching.invalidation.delete")
    page_signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
    }
    for name, signal in page_signals.items():
        signal.connect(_on_page_signal, dispatch_uid=f"caching.invalidation.page_{name}")
    setting_changed.connect(_forget_watched_models, dispatch_uid="caching.invalidation.settings")
