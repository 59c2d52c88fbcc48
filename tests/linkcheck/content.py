"""Content for the link checker's tests: useful links, a page body and a footer link, every
address on the loopback web server (or a refused loopback port)."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Site

from pages.models import ContentPage, HomePage, ResourceIndexPage
from pages.models.service_settings import ServiceSettings
from resources.models import ResourceLink
from tests.factories import (
    ContentPageFactory,
    ResourceIndexPageFactory,
    ResourceLinkFactory,
    ServiceSettingsFactory,
)
from tests.linkcheck.web_server import WebServer


@dataclass
class Content:
    working: ResourceLink
    moved: ResourceLink
    missing: ResourceLink
    refused: ResourceLink
    page: ContentPage
    useful_links_page: ResourceIndexPage
    service_settings: ServiceSettings


def build_content(web: WebServer, refused_url: str) -> Content:
    Site.objects.filter(root_page=HomePage.objects.get()).update(
        hostname="testserver", is_default_site=True
    )
    working = ResourceLinkFactory(title="Working link", url=web.url("/ok"))
    moved = ResourceLinkFactory(title="Moved link", url=web.url("/moved"))
    missing = ResourceLinkFactory(title="Missing link", url=web.url("/missing"))
    refused = ResourceLinkFactory(title="Refused link", url=refused_url)
    ResourceLinkFactory(title="Draft link", url=web.url("/error"), live=False)  # not public
    page = ContentPageFactory(
        title="Crying",
        slug="crying",
        body=[
            {
                "type": "rich_text",
                "value": f'<p>See <a href="{web.url("/missing")}">this</a> and '
                '<a linktype="page" id="2">home</a>.</p>',
            },
            {
                "type": "tips",
                "value": {
                    "heading": "Tips",
                    "intro": "",
                    "items": [f'<p>Read <a href="{web.url("/no-head")}">this</a>.</p>'],
                },
            },
            {
                "type": "video",
                "value": {
                    "title": "A video",
                    "url": web.url("/error"),
                    "transcript": "<p>Words.</p>",
                },
            },
            {"type": "resource_list", "value": {"heading": "More", "resources": [missing.pk]}},
        ],
    )
    settings = ServiceSettingsFactory(
        footer_links=[{"type": "link", "value": {"label": "Partner", "url": web.url("/moved")}}]
    )
    return Content(
        working=working,
        moved=moved,
        missing=missing,
        refused=refused,
        page=page,
        useful_links_page=ResourceIndexPageFactory(),
        service_settings=settings,
    )
