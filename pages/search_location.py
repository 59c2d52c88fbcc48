"""Where the site's search page lives, for the header's search box."""

from __future__ import annotations

from wagtail.models import Site

FALLBACK_SEARCH_URL = "/search/"


def search_page_url(site: Site | None) -> str:
    """The URL of the live search page under this site's home, or the conventional path."""
    if site is None:
        return FALLBACK_SEARCH_URL
    from django.apps import apps

    try:
        search_model = apps.get_model("pages", "SearchPage")
    except LookupError:
        return FALLBACK_SEARCH_URL
    page = search_model.objects.live().descendant_of(site.root_page).first()
    return page.url if page else FALLBACK_SEARCH_URL
