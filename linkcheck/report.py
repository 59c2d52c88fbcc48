"""Admin report: external addresses found broken or redirected, with where each is used."""

from __future__ import annotations

import datetime
from collections import defaultdict

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from linkcheck.models import AddressUse, CheckedAddress
from linkcheck.outcomes import Outcome
from linkcheck.permissions import can_confirm_useful_links, can_use_link_report
from linkcheck.tasks import check_waiting_or_running
from resources.models import ResourceLink

REPORTED = [Outcome.BROKEN, Outcome.ERROR, Outcome.REDIRECTED]


class LinkReportFilterSet(WagtailFilterSet):
    outcome = django_filters.ChoiceFilter(
        label="Result",
        choices=[(outcome.value, outcome.label) for outcome in REPORTED],
        empty_label="Broken and redirected",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = CheckedAddress
        fields = ["outcome"]


class BrokenLinksReportView(ReportView):
    page_title = "Broken and redirected links"
    header_icon = "link"
    template_name = "linkcheck/report.html"
    results_template_name = "linkcheck/report_results.html"
    index_url_name = "linkcheck_report"
    index_results_url_name = "linkcheck_report_results"
    filterset_class = LinkReportFilterSet
    model = CheckedAddress
    context_object_name = "addresses"
    list_export = [
        "url",
        "get_outcome_display",
        "result_text",
        "final_url",
        "checked_at",
        "consecutive_failures",
        "used_in",
    ]
    export_headings = {
        "url": "Web address",
        "get_outcome_display": "Result",
        "result_text": "Status",
        "final_url": "Final address",
        "checked_at": "Checked at",
        "consecutive_failures": "Failed checks in a row",
        "used_in": "Used in",
    }

    @property
    def permission_policy(self):
        return None  # checked in dispatch: page editors and useful-link editors alike

    def dispatch(self, request, *args, **kwargs):
        if not can_use_link_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return CheckedAddress.objects.filter(outcome__in=REPORTED).prefetch_related("uses")

    def get_filename(self) -> str:
        return f"broken-links-{datetime.date.today():%Y-%m-%d}"

    def decorate_paginated_queryset(self, object_list):
        addresses = list(object_list)
        uses = [use for address in addresses for use in address.uses.all()]
        objects = _objects_for(uses)
        finder = AdminURLFinder(self.request.user)
        may_confirm = can_confirm_useful_links(self.request.user)
        for use in uses:
            instance = objects.get((use.content_type_id, use.object_id))
            use.edit_url = finder.get_edit_url(instance) if instance is not None else None
            use.confirmable = (
                may_confirm
                and isinstance(instance, ResourceLink)
                and instance.hidden_by_checker
                and instance.url == use.address.url
            )
            use.hidden = isinstance(instance, ResourceLink) and not instance.is_public
        return addresses

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["last_checked_at"] = (
            CheckedAddress.objects.order_by("-checked_at")
            .values_list("checked_at", flat=True)
            .first()
        )
        context["check_queued"] = check_waiting_or_running()
        context["can_run_check"] = True
        return context


def _objects_for(uses: list[AddressUse]) -> dict[tuple[int, str], object]:
    """The pages and snippets the uses point at, loaded in one query per type."""
    ids_by_type: dict[int, set[str]] = defaultdict(set)
    for use in uses:
        ids_by_type[use.content_type_id].add(use.object_id)
    found: dict[tuple[int, str], object] = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for pk, instance in model._default_manager.in_bulk(list(ids)).items():
            found[(type_id, str(pk))] = instance
    return found
