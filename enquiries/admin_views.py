"""Admin actions on enquiries beyond list and inspect: resend, release, export and erase by email."""

from __future__ import annotations

import logging

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from .models.enquiry import Enquiry, Status
from .retention import enquiries_for_email, erase_enquiries, export_csv
from .submission import requeue

logger = logging.getLogger("enquiries")


def _inspect_url(pk: int) -> str:
    return reverse("enquiries_enquiry:inspect", args=[pk])


# Enquiries hold enquirers' personal data: every enquiry view needs this permission (only the
# Enquiry officers group and superusers have it), and each action its own permission as well.
PERSONAL_DATA_PERMISSION = "enquiries.view_enquiry"


def _require(request: HttpRequest, action: str) -> None:
    user = request.user
    if not (
        user.has_perm(PERSONAL_DATA_PERMISSION) and user.has_perm(f"enquiries.{action}_enquiry")
    ):
        raise PermissionDenied


def inspect_redirect_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Editing an enquiry means looking at it: the admin's "edit" links lead to inspect."""
    _require(request, "view")
    return redirect(_inspect_url(pk))


# What an editor is told after asking to queue an enquiry again: (done, not done), by the status
# the enquiry must be in.
REQUEUE_MESSAGES = {
    Status.FAILED: ("is queued to be sent again.", "has not failed, so it was not resent."),
    Status.SPAM: ("is released and queued to be sent.", "is not held as spam."),
}


@require_POST
def requeue_view(request: HttpRequest, pk: int, from_status: Status) -> HttpResponse:
    """Resend a failed enquiry, or release one held as spam (`from_status` says which)."""
    _require(request, "change")
    enquiry = get_object_or_404(Enquiry, pk=pk)
    done, not_done = REQUEUE_MESSAGES[from_status]
    if requeue(enquiry.pk, from_status):
        messages.success(request, f"Enquiry {enquiry.reference} {done}")
    else:
        messages.error(request, f"Enquiry {enquiry.reference} {not_done}")
    return redirect(_inspect_url(pk))


class EmailLookupForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="Finds every enquiry sent from this address, whatever the capitals.",
    )


@permission_required(PERSONAL_DATA_PERMISSION, raise_exception=True)
def by_email_view(request: HttpRequest) -> HttpResponse:
    """Subject access (download everything) and erasure (delete everything) for one address."""
    form = EmailLookupForm(request.POST or request.GET or None)
    enquiries = None
    if form.is_valid():
        email = form.cleaned_data["email"]
        enquiries = enquiries_for_email(email)
        action = request.POST.get("action") if request.method == "POST" else None
        if action == "export":
            response = HttpResponse(export_csv(enquiries), content_type="text/csv; charset=utf-8")
            stamp = timezone.now().strftime("%Y%m%d-%H%M")
            response["Content-Disposition"] = f'attachment; filename="enquiries-{stamp}.csv"'
            logger.info("%s exported %d enquiries for one address", request.user.pk, len(enquiries))
            return response
        if action == "erase":
            _require(request, "delete")
            if request.POST.get("confirm") != "yes":
                messages.error(request, "Tick the box to confirm you want to erase them.")
            else:
                count = erase_enquiries(enquiries)
                logger.info("%s erased %d enquiries for one address", request.user.pk, count)
                messages.success(request, f"Erased {count} enquiries sent from that address.")
                return redirect(reverse("enquiries_enquiry:by_email"))
    return TemplateResponse(
        request,
        "enquiries/admin/by_email.html",
        {
            "form": form,
            "enquiries": enquiries,
            "can_erase": request.user.has_perm("enquiries.delete_enquiry"),
            "index_url": reverse("enquiries_enquiry:index"),
        },
    )
