"""The default Site answers at the public address: its host name and port come from
WAGTAILADMIN_BASE_URL, so sitemap.xml and every full page URL name the real site.

Applied by `migrate` (a post_migrate handler connected in `PagesConfig.ready()`), which every
deployment runs: `make run`, compose's `migrate` service, the README's deploy steps. Wagtail
builds a Site's root URL from its port (443 means https, 80 http, anything else
http://host:port), so an https address must use the standard port. Requests under any other
allowed host name still reach the site: Wagtail falls back to the default Site.
"""

from __future__ import annotations

import logging
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from wagtail.models import Site

logger = logging.getLogger("pages")

DEFAULT_PORTS = {"https": 443, "http": 80}


class SiteAddress(NamedTuple):
    hostname: str
    port: int


def site_address(base_url: str) -> SiteAddress | None:
    """The host name and port of an http(s) base URL; None if it is empty or not one."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:  # a port out of range or not a number
        return None
    return SiteAddress(parts.hostname, port or DEFAULT_PORTS[parts.scheme])


def apply_site_address(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Give the default Site the public address's host name and port. True if it changed."""
    base_url = settings.WAGTAILADMIN_BASE_URL
    address = site_address(base_url)
    if address is None:
        if base_url.strip():
            logger.warning("WAGTAILADMIN_BASE_URL %r is not an http(s) address", base_url)
        return False
    if Site._meta.db_table not in connections[using].introspection.table_names():
        return False
    sites = Site.objects.using(using)
    site = sites.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == address:
        return False
    if sites.filter(hostname=address.hostname, port=address.port).exists():
        logger.warning("Another Site already answers at %s:%s", *address)
        return False
    if urlsplit(base_url.strip()).scheme == "https" and address.port != 443:
        logger.warning("Wagtail writes port %s as http://: full URLs will say http", address.port)
    site.hostname, site.port = address
    site.save(update_fields=["hostname", "port"])  # Wagtail's post_save clears its URL cache
    logger.info("Default Site now answers at %s:%s", *address)
    return True


def apply_site_address_after_migrate(using: str = DEFAULT_DB_ALIAS, **kwargs: object) -> None:
    """post_migrate handler."""
    apply_site_address(using)
