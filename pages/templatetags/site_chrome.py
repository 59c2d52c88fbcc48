"""The site's header, breadcrumbs, footer and urgent help, fed from the page tree and settings.

Each tag renders a component template from `templates/components/` with only the context it
needs, so the components stay plain and testable.
"""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from wagtail.models import Page, Site

from pages.models.service_settings import ServiceSettings

register = template.Library()

SERVICE_NAME = "Infant mental health"
COUNCIL_NAME = "North Lincolnshire Council"


def _site(request: HttpRequest | None) -> Site | None:
    if request is None:
        return None
    if not hasattr(request, "_chrome_site"):
        request._chrome_site = Site.find_for_request(request)
    return request._chrome_site


def service_settings(request: HttpRequest | None) -> ServiceSettings | None:
    site = _site(request)
    return ServiceSettings.for_site(site) if site else None


def _search_url(site: Site | None) -> str:
    from pages.search_location import search_page_url

    return search_page_url(site)


@register.inclusion_tag("components/header.html", takes_context=True)
def site_header(context: template.Context) -> dict:
    request = context.get("request")
    site = _site(request)
    current: Page | None = context.get("page")
    nav_items = []
    home_url = "/"
    if site is not None:
        home = site.root_page
        home_url = home.url or "/"
        for child in home.get_children().live().in_menu().only("id", "title", "url_path", "path"):
            active = current is not None and (
                current.pk == child.pk or current.path.startswith(child.path)
            )
            nav_items.append(
                {"title": child.title, "url": child.get_url(request), "active": active}
            )
    return {
        "service_name": SERVICE_NAME,
        "council_name": COUNCIL_NAME,
        "home_url": home_url,
        "nav_items": nav_items,
        "search_url": _search_url(site),
        "search_query": context.get("search_query", ""),
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context) -> dict:
    page: Page | None = context.get("page")
    request = context.get("request")
    crumbs = []
    if page is not None and page.depth > 2:
        for ancestor in (
            page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "path")
        ):
            crumbs.append({"title": ancestor.title, "url": ancestor.get_url(request)})
    return {"crumbs": crumbs}


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context: template.Context) -> dict:
    settings = service_settings(context.get("request"))
    return {
        "footer_links": settings.footer_link_items() if settings else [],
        "council_name": COUNCIL_NAME,
        "inbox_email": settings.inbox_email if settings else "",
    }


@register.inclusion_tag("components/urgent_help.html", takes_context=True)
def urgent_help(
    context: template.Context, compact: bool = False, heading: str = "Get help now"
) -> dict:
    settings = service_settings(context.get("request"))
    return {
        "entries": settings.urgent_help_entries() if settings else [],
        "compact": compact,
        "heading": heading,
    }
