"""Renditions are made by the task worker when an image or a poster is saved, never while a
reader's page renders (resources.renditions, resources.tasks)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from caching.signals import content_changed
from resources.filtering import PosterFilter
from resources.renditions import BODY_IMAGE, POSTER_CARD, public_filter_specs
from resources.tasks import make_public_renditions
from tests.factories import PosterFactory
from tests.task_worker import run_worker

pytestmark = pytest.mark.django_db


def queued_for(image_id: int) -> int:
    return DBTaskResult.objects.filter(
        task_path=make_public_renditions.module_path,
        status="READY",
        args_kwargs={"args": [image_id], "kwargs": {}},
    ).count()


def specs_made(image) -> set[str]:
    return set(image.renditions.values_list("filter_spec", flat=True))


def test_every_size_the_templates_use_is_listed_once():
    assert public_filter_specs() == [*POSTER_CARD, *BODY_IMAGE]


def test_saving_an_image_queues_one_run_that_makes_every_public_size(
    django_capture_on_commit_callbacks,
):
    image = get_image_model().objects.create(title="Cuddle", file=get_test_image_file())
    image.title = "Cuddles"
    image.save()  # a second save while the first run waits queues nothing more
    assert queued_for(image.pk) == 1
    assert not image.renditions.exists()

    changes = []
    content_changed.connect(lambda **kwargs: changes.append(kwargs), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run_worker(queue="default")
    finally:
        content_changed.disconnect(dispatch_uid="t")
    assert specs_made(image) == set(public_filter_specs())
    assert changes, "cached pages must be told the images are there"
    assert make_public_renditions.call(image.pk) == 0  # nothing left to make


def test_a_new_file_queues_the_sizes_again():
    image = get_image_model().objects.create(title="Cuddle", file=get_test_image_file())
    run_worker(queue="default")
    assert queued_for(image.pk) == 0
    # What the admin's edit form does after saving a new file: delete the old renditions.
    image.renditions.all().delete()
    assert queued_for(image.pk) == 1
    run_worker(queue="default")
    assert specs_made(image) == set(public_filter_specs())


def test_a_poster_preview_gets_its_card_sizes_from_the_worker():
    poster = PosterFactory()
    assert queued_for(poster.preview_image_id) == 1
    run_worker(queue="default")
    assert set(POSTER_CARD) <= specs_made(poster.preview_image)


def test_a_missing_image_file_is_logged_not_retried_forever(caplog):
    image = get_image_model().objects.create(title="Gone", file=get_test_image_file())
    image.file.storage.delete(image.file.name)
    assert make_public_renditions.call(image.pk) == 0
    assert "renditions could not be made" in caplog.text
    assert make_public_renditions.call(image.pk + 1000) == 0  # deleted since it was queued


def test_listing_posters_never_makes_a_rendition():
    PosterFactory(title="Cuddles")
    PosterFactory(title="Rhymes")
    with CaptureQueriesContext(connection) as captured:
        cards = PosterFilter(QueryDict("")).items
    assert [card["preview_url"] for card in cards] == ["", ""]
    assert not [
        q["sql"]
        for q in captured.captured_queries
        if 'INSERT INTO "wagtailimages_rendition"' in q["sql"]
    ]
    assert not get_image_model().get_rendition_model().objects.exists()
