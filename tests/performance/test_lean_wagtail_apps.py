"""Wagtail's images, documents, snippets, redirects and embeds apps run as this project's configs
(infant_mh/apps.py), which leave out only the API v3 registration (and the embeds app's start-up
check of its finders): every other line of Wagtail's own `ready()` must be theirs too, so a
Wagtail upgrade that changes one fails here."""

from __future__ import annotations

import hashlib
import inspect
import weakref

import pytest
from django.apps import apps
from django.core.signals import setting_changed
from django.db.models.signals import post_migrate
from django.dispatch import Signal
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_page_move
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.embeds.apps import WagtailEmbedsAppConfig
from wagtail.embeds.signal_handlers import clear_embed_caches
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.images.models import Image
from wagtail.models.reference_index import ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.signals import post_page_move
from wagtail.snippets.apps import WagtailSnippetsAppConfig
from wagtail.snippets.models import create_extra_permissions

from infant_mh import apps as lean

# SHA-256 (first 16 hex digits) of Wagtail 8.0's `ready()` sources that infant_mh/apps.py
# repeats without their API lines. A new value: compare the two and carry the change across.
WAGTAIL_READY_SOURCES = {
    WagtailImagesAppConfig: "52e409385bb1ad62",
    WagtailDocsAppConfig: "4cdf87a46dbf81ef",
    WagtailSnippetsAppConfig: "1ac35b5ed4034956",
    WagtailRedirectsAppConfig: "19d1a78049d84e47",
    WagtailEmbedsAppConfig: "5f7f4ae836b12790",
}


@pytest.mark.parametrize("config", WAGTAIL_READY_SOURCES, ids=lambda config: config.__name__)
def test_wagtails_ready_is_the_one_infant_mh_apps_repeats(config):
    digest = hashlib.sha256(inspect.getsource(config.ready).encode()).hexdigest()[:16]
    assert digest == WAGTAIL_READY_SOURCES[config], (
        f"Wagtail's {config.__name__}.ready() changed: bring the change into infant_mh/apps.py"
    )


def test_the_lean_configs_are_the_ones_installed():
    assert isinstance(apps.get_app_config("wagtailimages"), lean.ImagesConfig)
    assert isinstance(apps.get_app_config("wagtaildocs"), lean.DocumentsConfig)
    assert isinstance(apps.get_app_config("wagtailsnippets"), lean.SnippetsConfig)
    assert isinstance(apps.get_app_config("wagtailredirects"), lean.RedirectsConfig)
    assert isinstance(apps.get_app_config("wagtailembeds"), lean.EmbedsConfig)


def test_they_register_what_wagtails_own_configs_do():
    assert policy_registry.get_by_type(Image) is not None
    assert ReferenceIndex.is_indexed(Image)
    assert autocreate_redirects_on_page_move in _receivers(post_page_move)
    assert create_extra_permissions in _receivers(post_migrate)
    assert clear_embed_caches in _receivers(setting_changed)


def _receivers(signal: Signal) -> list[object]:
    """The functions connected to `signal` (weakly or not)."""
    functions = [entry[1] for entry in signal.receivers]
    return [f() if isinstance(f, weakref.ReferenceType) else f for f in functions]
