"""The publishable snippet base that useful links and posters share."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from wagtail.models import Revision

from resources.models import Poster, PublishableSnippet, ResourceLink
from tests.factories import PosterFactory, ResourceLinkFactory

pytestmark = pytest.mark.django_db

MODELS_AND_FACTORIES = [(ResourceLink, ResourceLinkFactory), (Poster, PosterFactory)]


@pytest.mark.parametrize("model", [ResourceLink, Poster])
def test_seed_key_constraint_keeps_its_database_name(model):
    assert issubclass(model, PublishableSnippet)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        names = connection.introspection.get_constraints(cursor, table)
    assert f"{table}_unique_seed_key" in names


@pytest.mark.parametrize(("model", "factory"), MODELS_AND_FACTORIES)
def test_seed_keys_are_unique_but_may_be_blank(model, factory):
    factory(seed_key="")
    factory(seed_key="")
    factory(seed_key="unicef")
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(seed_key="unicef")
    assert model.objects.filter(seed_key="").count() == 2


@pytest.mark.parametrize(("model", "factory"), MODELS_AND_FACTORIES)
def test_revisions_belong_to_their_snippet(model, factory):
    item = factory()
    revision = item.save_revision()
    assert list(item.revisions.all()) == [revision]
    query_name = model._meta.model_name
    assert list(Revision.objects.filter(**{query_name: item})) == [revision]


def test_live_is_what_the_public_sees():
    shown = ResourceLinkFactory(title="Shown")
    ResourceLinkFactory(title="Draft", live=False)
    ResourceLinkFactory(title="No address", url="")
    poster = PosterFactory(title="Shown poster")
    PosterFactory(title="Draft poster", live=False)
    PosterFactory(title="No PDF", document=None)
    assert list(ResourceLink.objects.live()) == [shown]
    assert list(Poster.objects.live()) == [poster]
