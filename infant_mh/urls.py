from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import QueuedPasswordResetView
from infant_mh.media import favicon_redirect, serve_document, serve_public_media
from operations.views import security_txt

# A database that is down or frozen gets the 503 page (with urgent help), not the 500 page.
handler500 = "infant_mh.database_unavailable.server_error"

urlpatterns = [
    # Sign-in security (accounts app): the second-factor pages, and Wagtail's password reset
    # form replaced by one that queues the lookup and the email (same URL and name, so it wins).
    path("admin/two-factor/", include("accounts.urls")),
    path(
        "admin/password_reset/",
        QueuedPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("favicon.ico", favicon_redirect),
    # RFC 9116; /healthz and /readyz are answered by operations.middleware, before any route.
    path(".well-known/security.txt", security_txt, name="security-txt"),
    # Ahead of Wagtail's own pattern (same URLs): serve_document fixes a header of the download.
    re_path(r"^documents/(\d+)/(.*)$", serve_document),
    path("documents/", include(wagtaildocs_urls)),
    re_path(
        rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$",
        serve_public_media,
        name="public-media",
    ),
    path("", include("groups.urls")),
    path("", include("feedback.urls")),
    path("", include("pages.urls")),
    path("", include(wagtail_urls)),
]
