from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from infant_mh.media import favicon_redirect, serve_public_media

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("favicon.ico", favicon_redirect),
    path("documents/", include(wagtaildocs_urls)),
    re_path(
        rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$",
        serve_public_media,
        name="public-media",
    ),
    path("", include("pages.urls")),
    path("", include(wagtail_urls)),
]
