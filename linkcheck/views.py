"""Admin actions beside the report: check links now, and confirm a hidden useful link works."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from linkcheck.permissions import can_confirm_useful_links, can_use_link_report
from linkcheck.tasks import queue_check_now
from resources.models import ResourceLink


@require_POST
def check_links_now(request: HttpRequest) -> HttpResponse:
    if not can_use_link_report(request.user):
        raise PermissionDenied
    if queue_check_now():
        messages.success(
            request,
            "Link check queued. It runs in the background and usually takes a few minutes; "
            "reload this report to see the results.",
        )
    else:
        messages.info(request, "A link check is already queued or running.")
    return redirect("linkcheck_report")


@require_POST
def mark_useful_link_working(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_confirm_useful_links(request.user):
        raise PermissionDenied
    link = get_object_or_404(ResourceLink, pk=pk)
    link.confirm_working()
    messages.success(
        request,
        f"“{link.title}” is marked as working and shown on the site again. The link checker "
        "will not hide it again unless its web address changes.",
    )
    return redirect("linkcheck_report")
