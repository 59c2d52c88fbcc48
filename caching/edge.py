"""Purging the edge cache or CDN when public content changes (see README: Edge cache and CDN).

``purge_edge_cache`` receives ``signals.content_changed`` (sent once, after the change is
committed, in the process that made it: a web request or the task worker) and sends every public
URL of every site through Wagtail's frontend cache (``wagtail.contrib.frontend_cache``) in one
batch: the whole site, as the origin page cache does. Wagtail's own purge of a page's URLs when it
is published or unpublished stays on too; it can run before the change is committed, which this
purge after the commit makes good.

``VarnishBackend`` is Wagtail's HTTP ``PURGE`` backend sending a batch over one keep-alive
connection with a timeout, so a slow or stopped cache never holds up a publish for long.
"""

from __future__ import annotations

import http.client
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.urls import reverse
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 5.0


def route_paths() -> list[str]:
    """Paths of the public routes that show content but are not pages, on every site.

    ``FRONTEND_CACHE_SITE_ROUTES`` names routes without arguments (the sitemap);
    ``FRONTEND_CACHE_OBJECT_ROUTES`` maps a route taking ``pk`` to the model whose rows it shows
    (a group session's calendar file). Both are settings, so this bottom layer imports no app.
    """
    paths = [reverse(name) for name in getattr(settings, "FRONTEND_CACHE_SITE_ROUTES", ())]
    object_routes: dict[str, str] = getattr(settings, "FRONTEND_CACHE_OBJECT_ROUTES", {})
    for name, model_label in object_routes.items():
        keys = apps.get_model(model_label)._default_manager.values_list("pk", flat=True)
        paths.extend(reverse(name, kwargs={"pk": pk}) for pk in keys)
    return paths


def public_urls() -> list[str]:
    """Every live, public page's URLs (as Wagtail purges them) and the other routes, per site."""
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().filter(depth__gt=1))
    paths = route_paths()
    for site in Site.objects.all():
        batch.add_urls(site.root_url + path for path in paths)
    return sorted(batch.urls)


def purge_edge_cache(**_kwargs: object) -> None:
    """Purge every public URL from the configured edge caches and CDNs (a signal receiver).

    Does nothing unless a backend is configured (``FRONTEND_CACHE_BACKEND``). A failure is
    logged and never reaches the change that caused it.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        purge_urls_from_cache(public_urls())
    except Exception:
        logger.exception("The edge cache was not purged after a content change")


class VarnishBackend(HTTPBackend):
    """``PURGE`` each URL at ``LOCATION`` (with its host as ``Host``), a batch per connection.

    Options: ``LOCATION`` (``http://cache:6081``), ``TIMEOUT`` (seconds per connection attempt
    and per answer, default 5) and Wagtail's ``HOSTNAMES``. After a connection failure the rest of
    the batch is given up (one log line), rather than waiting out the timeout for every URL.
    """

    def __init__(self, params: dict[str, object]) -> None:
        params = dict(params)
        self.timeout = float(str(params.pop("TIMEOUT", DEFAULT_TIMEOUT_SECONDS)))
        super().__init__(params)

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls: Iterable[str]) -> None:
        urls = list(urls)
        connection_class = (
            http.client.HTTPSConnection
            if self.cache_scheme == "https"
            else http.client.HTTPConnection
        )
        connection = connection_class(self.cache_netloc, timeout=self.timeout)
        try:
            for done, url in enumerate(urls):
                try:
                    status = self._purge_over(connection, url)
                except (OSError, http.client.HTTPException) as error:
                    logger.error(
                        "Could not purge %d URLs from %s://%s: %s",
                        len(urls) - done,
                        self.cache_scheme,
                        self.cache_netloc,
                        error,
                    )
                    return
                if status != 200:
                    logger.error("Could not purge %s: the cache answered %d", url, status)
        finally:
            connection.close()

    @staticmethod
    def _purge_over(connection: http.client.HTTPConnection, url: str) -> int:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection.request(
            "PURGE",
            path,
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        response = connection.getresponse()
        response.read()
        return response.status
