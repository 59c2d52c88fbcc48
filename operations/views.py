"""/healthz, /readyz and /.well-known/security.txt: plain text, no cookies."""

from __future__ import annotations

from datetime import UTC

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from wagtail.models import Site

from . import health
from .models import SecurityTxtSettings

PLAIN_TEXT = "text/plain; charset=utf-8"


def _uncached(body: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(body, content_type=PLAIN_TEXT, status=status)
    add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store, ...
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers. Touches nothing else, the database included."""
    return _uncached("ok\n")


def readyz(request: HttpRequest) -> HttpResponse:
    """200 when this deployment can do its work, 503 with the reasons when it cannot."""
    checks = health.readiness()
    failing = [c for c in checks if c.problem]
    lines = [c.line for c in checks]
    head = "not ready" if failing else "ready"
    response = _uncached("\n".join([head, *lines]) + "\n", status=503 if failing else 200)
    response._has_been_logged = True  # type: ignore[attr-defined]  # probes repeat: no log line each
    return response


def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: who to tell about a vulnerability, until when this holds, in which languages."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise Http404("No site is set up yet.")
    values = SecurityTxtSettings.for_site(site)
    lines = [f"Contact: mailto:{values.contact_email}"]
    if values.contact_url:
        lines.append(f"Contact: {values.contact_url}")
    lines += [
        f"Expires: {_rfc3339_utc(values)}",
        f"Preferred-Languages: {values.preferred_languages}",
        f"Canonical: {site.root_url}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type=PLAIN_TEXT)


def _rfc3339_utc(values: SecurityTxtSettings) -> str:
    return values.expires.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
