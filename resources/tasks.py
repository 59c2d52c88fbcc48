"""Renditions made by the task worker when an image or a poster is saved, never in a reader's
request (see `resources.renditions`).

Saving an image (an upload, a new file, a new focal point) or a poster (whose save may make a
new preview from its PDF) queues `make_public_renditions` for the image on the database queue,
in the same transaction as the save. The worker makes whatever sizes are missing, then tells the
page cache that public content changed, so cached pages pick the images up.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from caching.signals import content_changed
from resources.renditions import public_filter_specs

logger = logging.getLogger(__name__)

# Below fresh email and enquiries (0), above their retries (-10): a batch of uploads never holds
# up a message, and a failing relay never holds up the images.
RENDITION_PRIORITY = -5


@task(backend="database", queue_name="default", priority=RENDITION_PRIORITY)
def make_public_renditions(image_id: int) -> int:
    """Make every public rendition of the image that does not exist yet; how many were made."""
    DBTaskResult.objects.filter(
        task_path=make_public_renditions.module_path, status=TaskResultStatus.SUCCESSFUL
    ).delete()  # earlier runs' rows: nothing needs them
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted since
        return 0
    filters = [Filter(spec=spec) for spec in public_filter_specs()]
    existing = image.find_existing_renditions(*filters)
    missing = [image_filter for image_filter in filters if image_filter not in existing]
    if not missing:
        return 0
    try:
        image.create_renditions(*missing)
    except (OSError, ValueError) as error:  # the file is missing or not an image Pillow reads
        logger.warning(
            "Image %s: renditions could not be made (%s)", image_id, type(error).__name__
        )
        return 0
    transaction.on_commit(lambda: content_changed.send(sender=type(image)))
    return len(missing)


def queue_public_renditions(image_id: int | None) -> None:
    """Queue `make_public_renditions` for the image, unless a run for it is already waiting."""
    if image_id is None:
        return
    waiting = DBTaskResult.objects.filter(
        task_path=make_public_renditions.module_path,
        status=TaskResultStatus.READY,
        args_kwargs={"args": [image_id], "kwargs": {}},
    )
    if not waiting.exists():
        make_public_renditions.enqueue(image_id)


def image_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_save of the image model."""
    queue_public_renditions(instance.pk)


def rendition_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_delete of a rendition: the admin deletes them all when an image's file is replaced,
    after saving the image, so the run queued by that save may have found the old ones."""
    queue_public_renditions(instance.image_id)


def poster_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_save of a poster: its preview (new, or chosen from the library) gets its sizes."""
    queue_public_renditions(instance.preview_image_id)
