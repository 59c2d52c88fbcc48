"""The contact page: the enquiry form, the privacy summary and urgent help beside it.

The page routes and renders; storing and sending belong to the rest of the enquiries app.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from enquiries.abuse import client_hash
from enquiries.confirmation import confirmation_path_args, verified_reference
from enquiries.forms import EnquiryForm
from enquiries.not_sent import message_not_sent_response
from enquiries.retention import retention_period_text
from enquiries.submission import store_enquiry
from pages.models import BasePage
from pages.rich_text import RICH_TEXT_FEATURES

logger = logging.getLogger("enquiries")


class ContactPage(RoutablePageMixin, BasePage):
    """'Contact us': a form whose enquiries are stored, then emailed to the routed inbox."""

    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown above the form: who can write to us and what about.",
    )
    privacy_summary = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="Shown beside the form: what we do with the message. How long we keep it is "
        "added automatically from the retention setting, with a link to the privacy notice.",
    )
    privacy_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The full privacy notice the summary links to.",
    )
    what_happens_next = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="Shown on the confirmation page after someone sends a message, under their "
        "reference number.",
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    signposted_from_home = True
    template = "enquiries/contact_page.html"
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("privacy_summary"), FieldPanel("privacy_notice_page")],
            heading="Privacy",
        ),
        FieldPanel("what_happens_next"),
    ]

    class Meta:
        verbose_name = "contact page"

    @property
    def retention_period(self) -> str:
        return retention_period_text(settings.ENQUIRY_RETENTION_DAYS)

    def _render_form(self, request: HttpRequest, form, status: int = 200, **extra) -> HttpResponse:
        context = self.get_context(request)
        context.update({"form": form, **extra})
        response = TemplateResponse(request, self.template, context, status=status)
        add_never_cache_headers(response)
        patch_vary_headers(response, ["Cookie"])
        return response

    @path("", name="form")
    def form_view(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        if request.method != "POST" or getattr(request, "is_preview", False):
            return self._render_form(request, EnquiryForm())  # {% csrf_token %} sets the cookie
        form = EnquiryForm(request.POST)
        if not form.is_valid():
            return self._render_form(request, form, status=400)
        try:
            enquiry = store_enquiry(form, client_hash(request))
        except (OperationalError, InterfaceError) as error:  # database down, frozen or locked
            logger.warning("Enquiry not stored, the sender was told it was not sent: %s", error)
            return message_not_sent_response()
        if enquiry is None:  # rate limited: nothing stored
            form.add_error(
                None,
                "You have sent several messages in the last few minutes. Wait 10 minutes and "
                "try again. Your message has not been sent, so copy it somewhere safe first.",
            )
            response = self._render_form(request, form, status=429)
            response["Retry-After"] = str(settings.ENQUIRY_RATE_LIMIT_WINDOW_SECONDS)
            return response
        url = self.get_url(request) + self.reverse_subpage(
            "sent", args=confirmation_path_args(enquiry.reference)
        ).lstrip("/")
        return _see_other(url)

    @path("sent/<str:reference>/<str:signature>/", name="sent")
    def confirmation_view(
        self, request: HttpRequest, reference: str, signature: str
    ) -> HttpResponse:
        verified = verified_reference(reference, signature)
        if verified is None:
            raise Http404("Unknown confirmation link")
        context = self.get_context(request)
        context.update({"reference": verified})
        response = TemplateResponse(request, "enquiries/confirmation.html", context)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response


def _see_other(url: str) -> HttpResponse:
    """303: after a POST, the browser fetches the confirmation with GET (Post/Redirect/Get)."""
    response = HttpResponse(status=303)
    response["Location"] = url
    return response
