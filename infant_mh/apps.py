"""Wagtail's images, documents, snippets and redirects apps, without the v3 API they register,
and its embeds app without loading its finders at start-up.

Wagtail 8 adds each of these to its read/write API v3 (django-ninja and pydantic) in their
`AppConfig.ready()`, and the redirects app imports its v2 API (Django REST framework) with it.
This site mounts no Wagtail API (`infant_mh/urls.py`), so that work only cost every web worker
about 11 MiB and some 400 modules (issue 12's memory budget). Each `ready()` below is Wagtail
8.0's, less its API lines; `tests/performance/test_lean_wagtail_apps.py` fails when Wagtail's
own changes, so an upgrade brings the new lines across. They replace Wagtail's entries in
INSTALLED_APPS (infant_mh/settings/base.py).
"""

from __future__ import annotations

from django.db.models import ForeignKey
from django.db.models.signals import post_migrate
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.embeds.apps import WagtailEmbedsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig


class ImagesConfig(WagtailImagesAppConfig):
    def ready(self) -> None:
        from wagtail.admin.compare import register_comparison_class
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.images import get_image_model, get_permission_policy
        from wagtail.images.components import ImageDisplay
        from wagtail.images.edit_handlers import ImageFieldComparison
        from wagtail.images.signal_handlers import register_signal_handlers
        from wagtail.images.widgets import AdminImageChooser
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        image = get_image_model()
        register_permission_policy(image, get_permission_policy())
        register_signal_handlers()
        register_form_field_override(ForeignKey, to=image, override={"widget": AdminImageChooser})
        register_comparison_class(ForeignKey, to=image, comparison_class=ImageFieldComparison)
        register_display_class(ForeignKey, to=image, display_class=ImageDisplay)
        ReferenceIndex.register_model(image)


class DocumentsConfig(WagtailDocsAppConfig):
    def ready(self) -> None:
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.documents import get_document_model, get_permission_policy
        from wagtail.documents.components import DocumentDisplay
        from wagtail.documents.signal_handlers import register_signal_handlers
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        document = get_document_model()
        register_permission_policy(document, get_permission_policy())
        register_signal_handlers()
        register_display_class(ForeignKey, to=document, display_class=DocumentDisplay)
        ReferenceIndex.register_model(document)


class SnippetsConfig(WagtailSnippetsAppConfig):
    def ready(self) -> None:
        from wagtail.snippets.models import create_extra_permissions, register_deferred_snippets

        register_deferred_snippets()
        post_migrate.connect(create_extra_permissions, sender=self)


class RedirectsConfig(WagtailRedirectsAppConfig):
    def ready(self) -> None:
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.contrib.redirects.signal_handlers import (
            autocreate_redirects_on_page_move,
            autocreate_redirects_on_slug_change,
        )
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_slug_changed, post_page_move

        register_permission_policy(Redirect)
        post_page_move.connect(autocreate_redirects_on_page_move)
        page_slug_changed.connect(autocreate_redirects_on_slug_change)


class EmbedsConfig(WagtailEmbedsAppConfig):
    """Without the start-up check of the embed finders, which imports the oEmbed finder and with
    it `requests` into every worker. The site sets no WAGTAILEMBEDS_FINDERS (Wagtail's default
    oEmbed finders); they load when an embed is first fetched."""

    def ready(self) -> None:
        from wagtail.embeds import signal_handlers  # noqa: F401
