"""The site chrome's content: names, main menu, search address, footer, urgent help, notices and
breadcrumbs, worked out once per site and content generation (``pages.content_memo``).

Every public page shows all of it, so fetching it afresh cost five or six queries a page. What
depends on the request is applied at render: which menu item is the current section, and which
notices are inside their window now (the kept list holds every notice that has not ended, so one
that starts later appears on time without any change to the content).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from django.http import HttpRequest
from wagtail.models import Page, Site

from pages.content_memo import content_memo
from pages.models.search import FALLBACK_SEARCH_URL, SearchPage
from pages.models.service_settings import ServiceSettings
from pages.models.site_notice import SiteNotice, notices_not_ended
from pages.service_names import ORGANISATION_NAME, SERVICE_NAME
from pages.urgent_help import UrgentHelpEntry

# The urgent-help levels the bar at the top of every page offers a tap-to-call link for.
URGENT_BAR_LEVELS = ("emergency", "urgent")


class Link(TypedDict):
    title: str
    url: str


class UrgentCall(TypedDict):
    level: str
    label: str
    href: str
    link_label: str


@dataclass(frozen=True)
class MenuItem:
    pk: int
    path: str
    title: str
    url: str

    def is_active(self, current: Page | None) -> bool:
        """Whether `current` is this section's page or inside it."""
        return current is not None and (
            current.pk == self.pk or (bool(current.path) and current.path.startswith(self.path))
        )


@dataclass(frozen=True)
class SiteChrome:
    service_name: str = SERVICE_NAME
    organisation_name: str = ORGANISATION_NAME
    home_url: str = "/"
    menu: tuple[MenuItem, ...] = ()
    search_url: str = FALLBACK_SEARCH_URL
    footer_links: tuple[Link, ...] = ()
    inbox_email: str = ""
    urgent_help: tuple[UrgentHelpEntry, ...] = ()
    urgent_calls: tuple[UrgentCall, ...] = ()
    notices: tuple[SiteNotice, ...] = ()


# What pages rendered without a request (the 400, 403 and 500 pages) show: no database needed.
NO_REQUEST_CHROME = SiteChrome()


def first_call(entries: list[UrgentHelpEntry], level: str) -> UrgentCall | None:
    """The first entry at `level` with a phone number: {level, label, href, link_label}, or
    None."""
    for entry in entries:
        if entry["level"] != level:
            continue
        for link in entry["links"]:
            if link["href"].startswith("tel:"):
                return {
                    "level": level,
                    "label": entry["label"],
                    "href": link["href"],
                    "link_label": link["label"],
                }
    return None


def _menu(site: Site, request: HttpRequest) -> tuple[MenuItem, ...]:
    children = site.root_page.get_children().live().in_menu()
    return tuple(
        MenuItem(child.pk, child.path, child.title, child.get_url(request) or "")
        for child in children.only("id", "title", "url_path", "path")
    )


def _build(request: HttpRequest, site: Site | None) -> SiteChrome:
    notices = tuple(notices_not_ended())
    if site is None:
        return SiteChrome(notices=notices)
    settings = ServiceSettings.for_request(request)
    entries = settings.urgent_help_entries()
    calls = tuple(call for level in URGENT_BAR_LEVELS if (call := first_call(entries, level)))
    return SiteChrome(
        service_name=settings.service_name,
        organisation_name=settings.organisation_name,
        home_url=site.root_page.get_url(request) or "/",
        menu=_menu(site, request),
        search_url=SearchPage.url_for_site(site),
        footer_links=tuple(
            {"title": item["title"], "url": item["url"]} for item in settings.footer_link_items()
        ),
        inbox_email=settings.inbox_email,
        urgent_help=tuple(entries),
        urgent_calls=calls,
        notices=notices,
    )


def site_chrome(request: HttpRequest | None) -> SiteChrome:
    """The chrome of the request's site (the code defaults when there is no request)."""
    if request is None:
        return NO_REQUEST_CHROME
    site = Site.find_for_request(request)
    return content_memo.get(
        request, ("site-chrome", site.pk if site else None), lambda: _build(request, site)
    )


def breadcrumbs_for(request: HttpRequest | None, page: Page | None) -> list[Link]:
    """The ancestors of `page` below the tree's root, home first; none for top-level pages."""
    if page is None or not page.depth or page.depth <= 2:
        return []

    def crumbs() -> list[Link]:
        ancestors = page.get_ancestors().filter(depth__gte=2)
        return [
            {"title": ancestor.title, "url": ancestor.get_url(request)}
            for ancestor in ancestors.only("id", "title", "url_path", "path")
        ]

    if request is None or getattr(request, "is_preview", False):
        return crumbs()
    site = Site.find_for_request(request)
    return content_memo.get(request, ("breadcrumbs", site.pk if site else None, page.path), crumbs)
