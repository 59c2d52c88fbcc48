"""Response headers beyond Django's SecurityMiddleware: CSP per area, the framing of Wagtail's
previews, and Permissions-Policy."""

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# The only responses anything may frame: what Wagtail's admin shows in its own frames, i.e. the
# editor's preview panel (pages, snippets and any other previewable model all name these views
# so) and StreamField block previews.
PREVIEW_URL_NAMES = frozenset({"preview_on_edit", "preview_on_add"})
PREVIEW_VIEW_NAMES = frozenset({"wagtailadmin_block_preview"})


def is_admin_preview(request: HttpRequest) -> bool:
    """True for a GET that Django resolved to one of Wagtail's framed preview views."""
    match = request.resolver_match
    return (
        match is not None
        and request.method == "GET"
        and request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
        and (match.url_name in PREVIEW_URL_NAMES or match.view_name in PREVIEW_VIEW_NAMES)
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict public policy everywhere, except the Wagtail admin's looser one; nothing may be
    framed, except preview responses by the site itself (`PREVIEW_FRAME_ANCESTORS`)."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not is_admin_preview(request):
            return super().process_response(request, response)
        # Wagtail renders a preview through a simulated request to the public URL, which has
        # already been given the public policy; its framing is decided here, by the admin view.
        response._csp_public_page = response.headers.pop(HEADER, None) is not None  # type: ignore[attr-defined]
        response._csp_replace = {  # type: ignore[attr-defined]
            **(getattr(response, "_csp_replace", None) or {}),
            "frame-ancestors": list(settings.PREVIEW_FRAME_ANCESTORS),
        }
        response = super().process_response(request, response)
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
            and not getattr(response, "_csp_public_page", False)
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
