"""The site's names, header, breadcrumbs, footer, urgent help and site notice, fed from the page
tree, the service settings and the site notices.

Each inclusion tag renders a component template from `templates/components/` with only the
context it needs, so the components stay plain and testable. Templates rendered without a
request (the 400, 403 and 500 pages) get the names from code and never touch the database.
"""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from wagtail.models import Page, Site

from caching.lifetime import cache_until
from pages.models.search import SearchPage
from pages.models.service_settings import ServiceSettings
from pages.models.site_notice import next_notice_change, notices_showing
from pages.service_names import ORGANISATION_NAME, SERVICE_NAME
from pages.urgent_help import SERVICE_PROBLEM_CARE_CARD, CareCard, UrgentHelpEntry

register = template.Library()


def _service_settings(context: template.Context) -> ServiceSettings | None:
    request: HttpRequest | None = context.get("request")
    return ServiceSettings.for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def service_name(context: template.Context) -> str:
    settings = _service_settings(context)
    return settings.service_name if settings else SERVICE_NAME


@register.simple_tag(takes_context=True)
def organisation_name(context: template.Context) -> str:
    settings = _service_settings(context)
    return settings.organisation_name if settings else ORGANISATION_NAME


@register.inclusion_tag("components/header.html", takes_context=True)
def site_header(context: template.Context) -> dict:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
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
        "service_name": service_name(context),
        "organisation_name": organisation_name(context),
        "home_url": home_url,
        "nav_items": nav_items,
        "search_url": SearchPage.url_for_site(site),
        "search_query": context.get("search_query", ""),
    }


@register.simple_tag(takes_context=True)
def canonical_url(context: template.Context) -> str:
    """The page's full address on the Wagtail Site (scheme, host and port from the deployment's
    public address, `pages/site_address.py`), without any query string: filtered and searched
    views of a listing or search page name the page itself. Empty for previews and non-pages."""
    page: Page | None = context.get("page")
    request: HttpRequest | None = context.get("request")
    if page is None or getattr(request, "is_preview", False) or not page.pk:
        return ""
    return page.get_full_url(request) or ""


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
    settings = _service_settings(context)
    return {
        "footer_links": settings.footer_link_items() if settings else [],
        "organisation_name": organisation_name(context),
        "inbox_email": settings.inbox_email if settings else "",
    }


@register.inclusion_tag("components/urgent_help.html", takes_context=True)
def urgent_help(
    context: template.Context, compact: bool = False, heading: str = "Get help now"
) -> dict:
    settings = _service_settings(context)
    return {
        "entries": settings.urgent_help_entries() if settings else [],
        "compact": compact,
        "heading": heading,
    }


@register.inclusion_tag("components/care_card.html")
def service_problem_care_card() -> CareCard:
    """Where to get help when the site itself has a problem (no database needed)."""
    return SERVICE_PROBLEM_CARE_CARD


def first_call(entries: list[UrgentHelpEntry], level: str) -> dict | None:
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


@register.inclusion_tag("components/urgent_help_bar.html", takes_context=True)
def urgent_help_bar(context: template.Context) -> dict:
    """The emergency line and the urgent line, as tap-to-call links, at the top of every page."""
    settings = _service_settings(context)
    entries = settings.urgent_help_entries() if settings else []
    calls = [call for level in ("emergency", "urgent") if (call := first_call(entries, level))]
    return {"calls": calls}


@register.inclusion_tag("components/site_notice.html", takes_context=True)
def site_notices(context: template.Context) -> dict:
    """The notices inside their window now (none on pages rendered without a request)."""
    if context.get("request") is None:
        return {"notices": []}
    cache_until(context["request"], next_notice_change())  # cached pages change with the notices
    return {"notices": notices_showing()}
