"""The site's names, header, breadcrumbs, footer, urgent help and site notice, fed from the page
tree, the service settings and the site notices (through `pages.chrome`, which works them out once
per content generation).

Each inclusion tag renders a component template from `templates/components/` with only the
context it needs, so the components stay plain and testable. Templates rendered without a
request (the 400, 403 and 500 pages) get the names from code and never touch the database.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from django import template
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils import timezone
from wagtail.models import Page

from caching.lifetime import cache_until
from pages.chrome import SiteChrome, breadcrumbs_for, site_chrome
from pages.models.site_notice import next_change_among, showing_among
from pages.templatetags.content_fragments import is_preview, kept_html
from pages.urgent_help import SERVICE_PROBLEM_CARE_CARD, CareCard

register = template.Library()


def _chrome(context: template.Context) -> SiteChrome:
    return site_chrome(context.get("request"))


def _component(
    context: template.Context,
    key: Hashable,
    template_name: str,
    component_context: Callable[[], dict],
) -> str:
    """A component rendered with only its own context, as an inclusion tag renders it, and kept
    until the content changes (`kept_html`): `key` must name everything else the HTML depends
    on."""

    def render() -> str:
        return get_template(template_name).render(component_context())

    return kept_html(context.get("request"), (template_name, key), render)


@register.simple_tag(takes_context=True)
def service_name(context: template.Context) -> str:
    return _chrome(context).service_name


@register.simple_tag(takes_context=True)
def organisation_name(context: template.Context) -> str:
    return _chrome(context).organisation_name


def header_context(chrome: SiteChrome, current: Page | None, search_query: str) -> dict:
    """The context of `components/header.html`."""
    return {
        "service_name": chrome.service_name,
        "organisation_name": chrome.organisation_name,
        "home_url": chrome.home_url,
        "nav_items": [
            {"title": item.title, "url": item.url, "active": item.is_active(current)}
            for item in chrome.menu
        ],
        "search_url": chrome.search_url,
        "search_query": search_query,
    }


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> str:
    """The header, with the current section marked in the menu (and a search in its box: that
    header is never kept, what visitors type is theirs)."""
    chrome = _chrome(context)
    current: Page | None = context.get("page")
    search_query = context.get("search_query", "") or ""
    if search_query:
        return get_template("components/header.html").render(
            header_context(chrome, current, search_query)
        )
    active = next((item.pk for item in chrome.menu if item.is_active(current)), None)
    return _component(
        context,
        ("active", active),
        "components/header.html",
        lambda: header_context(chrome, current, ""),
    )


@register.simple_tag(takes_context=True)
def canonical_url(context: template.Context) -> str:
    """The page's full address on the Wagtail Site (scheme, host and port from the deployment's
    public address, `pages/site_address.py`), without any query string: filtered and searched
    views of a listing or search page name the page itself. Empty for previews and non-pages."""
    page: Page | None = context.get("page")
    request: HttpRequest | None = context.get("request")
    if page is None or is_preview(request) or not page.pk:
        return ""
    return page.get_full_url(request) or ""


@register.simple_tag(takes_context=True)
def breadcrumbs(context: template.Context) -> str:
    request: HttpRequest | None = context.get("request")
    page: Page | None = context.get("page")
    return _component(
        context,
        page.path if page is not None else None,
        "components/breadcrumbs.html",
        lambda: {"crumbs": breadcrumbs_for(request, page)},
    )


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context) -> str:
    chrome = _chrome(context)
    return _component(
        context,
        None,
        "components/footer.html",
        lambda: {
            "footer_links": chrome.footer_links,
            "organisation_name": chrome.organisation_name,
            "inbox_email": chrome.inbox_email,
        },
    )


@register.simple_tag(takes_context=True)
def urgent_help(
    context: template.Context, compact: bool = False, heading: str = "Get help now"
) -> str:
    entries = _chrome(context).urgent_help
    return _component(
        context,
        (bool(compact), heading),
        "components/urgent_help.html",
        lambda: {"entries": entries, "compact": compact, "heading": heading},
    )


@register.inclusion_tag("components/care_card.html")
def service_problem_care_card() -> CareCard:
    """Where to get help when the site itself has a problem (no database needed)."""
    return SERVICE_PROBLEM_CARE_CARD


@register.simple_tag(takes_context=True)
def urgent_help_bar(context: template.Context) -> str:
    """The emergency line and the urgent line, as tap-to-call links, at the top of every page."""
    calls = _chrome(context).urgent_calls
    return _component(context, None, "components/urgent_help_bar.html", lambda: {"calls": calls})


@register.inclusion_tag("components/site_notice.html", takes_context=True)
def site_notices(context: template.Context) -> dict:
    """The notices inside their window now (none on pages rendered without a request). A cached
    copy of the page lasts no longer than the next start or end of a notice."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return {"notices": []}
    notices = _chrome(context).notices
    now = timezone.now()
    next_change = next_change_among(notices, now)
    if next_change is not None:
        cache_until(request, next_change)
    return {"notices": showing_among(notices, now)}
