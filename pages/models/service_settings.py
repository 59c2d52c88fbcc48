"""Site furniture editors change without a developer: names, inbox, phone, footer links, urgent
help."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

from pages.content_memo import content_memo
from pages.service_names import ORGANISATION_NAME, SERVICE_NAME
from pages.urgent_help import UrgentHelpEntry, UrgentHelpEntryBlock, entry_context


class FooterLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60, help_text="Link text, for example 'Privacy notice'.")
    page = blocks.PageChooserBlock(required=False, help_text="A page on this site…")
    url = blocks.URLBlock(required=False, help_text="…or a full web address elsewhere.")

    class Meta:
        icon = "link"
        label = "Footer link"


@register_setting(icon="cog")
class ServiceSettings(BaseSiteSetting):
    """One per site: what the service is called, who to contact and where to get urgent help."""

    service_name = models.CharField(
        max_length=80,
        default=SERVICE_NAME,
        help_text="The service's name, shown in the header and in every page's title.",
    )
    organisation_name = models.CharField(
        max_length=80,
        default=ORGANISATION_NAME,
        help_text="Who runs the service, shown in the header, the footer and every page's title.",
    )
    inbox_email = models.EmailField(
        help_text="The infant mental health team's inbox. Shown on the site and used as the "
        "default destination for contact form enquiries.",
    )
    service_phone = models.CharField(
        max_length=30,
        blank=True,
        help_text="The team's phone number, if there is one to publish. Leave empty to show none.",
    )
    out_of_hours_notice = models.CharField(
        max_length=300,
        help_text="Shown beside the contact form and in the acknowledgement email.",
    )
    urgent_help = StreamField(
        [("entry", UrgentHelpEntryBlock())],
        blank=True,
        help_text="Urgent-help lines, most urgent first. Shown in full on the home page, parent "
        "pages and the contact page; the first emergency line and the first urgent line with a "
        "phone number also appear as tap-to-call links at the top of every page.",
    )
    footer_links = StreamField(
        [("link", FooterLinkBlock())],
        blank=True,
        help_text="Links at the foot of every page: accessibility statement, privacy, cookies, "
        "contact.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("service_name"), FieldPanel("organisation_name")], heading="Names"
        ),
        MultiFieldPanel(
            [
                FieldPanel("inbox_email"),
                FieldPanel("service_phone"),
                FieldPanel("out_of_hours_notice"),
            ],
            heading="Contact details",
        ),
        FieldPanel("urgent_help"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = "Service settings"

    @classmethod
    def for_request(cls, request: HttpRequest) -> ServiceSettings:
        """The settings of the request's site, kept on the request and, until the content
        changes, in this process (`pages.content_memo`): shared, so never to be changed."""
        attribute = cls.get_cache_attr_name()
        settings: ServiceSettings | None = getattr(request, attribute, None)
        if settings is None:
            site = Site.find_for_request(request)
            settings = content_memo.get(
                request, ("service-settings", site.pk if site else None), lambda: cls.for_site(site)
            )
            setattr(request, attribute, settings)
        return settings

    @classmethod
    def for_default_site(cls) -> ServiceSettings | None:
        """The settings of the default site, for code that has no request (email, tasks)."""
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        return cls.for_site(site) if site else None

    @classmethod
    def for_rendering_without_request(cls) -> ServiceSettings | None:
        """The default site's settings for what pages render without the request (contact
        details in rich text), kept until the content changes (`pages.content_memo`). Email and
        tasks read them fresh with `for_default_site()`."""
        return content_memo.get(None, "service-settings-default-site", cls.for_default_site)

    def urgent_help_entries(self) -> list[UrgentHelpEntry]:
        return [entry_context(child.value) for child in self.urgent_help]

    def footer_link_items(self) -> list[dict[str, str]]:
        items = []
        for child in self.footer_links:
            page = child.value.get("page")
            url = page.url if page else child.value.get("url")
            if url:
                items.append({"title": child.value["label"], "url": url})
        return items
