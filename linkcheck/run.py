"""One run of the link checker: find every external address, check each once, store what was
found and where each address is used, then hide useful links that failed twice in a row and tell
the editors about them."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from caching.invalidation import content_changed_on_commit
from linkcheck.checker import Checker, CheckResult
from linkcheck.extract import FoundUrl, find_external_urls
from linkcheck.models import AddressUse, CheckedAddress
from linkcheck.notify import tell_editors_about_hidden_links
from linkcheck.outcomes import Outcome
from resources.models import ResourceLink

logger = logging.getLogger("linkcheck")


def checker_from_settings(**overrides) -> Checker:
    options = {
        "timeout": settings.LINKCHECK_TIMEOUT_SECONDS,
        "concurrency": settings.LINKCHECK_CONCURRENCY,
        "max_redirects": settings.LINKCHECK_MAX_REDIRECTS,
        "user_agent": settings.LINKCHECK_USER_AGENT,
        **overrides,
    }
    return Checker(**options)


def run_link_check(checker: Checker | None = None) -> dict[str, int]:
    """Check every external address the public site uses. Returns counts by outcome; `failed`
    counts broken addresses and those that could not be reached together."""
    found = find_external_urls()
    results = (checker or checker_from_settings()).check_many(use.url for use in found)
    with transaction.atomic():
        addresses = _store_results(results)
        _store_uses(found, addresses)
    hidden = _apply_to_useful_links(results)
    if hidden:
        tell_editors_about_hidden_links(hidden, addresses)
    counts = {outcome.value: 0 for outcome in Outcome}
    for result in results.values():
        counts[result.outcome] += 1
    failed = counts[Outcome.BROKEN] + counts[Outcome.ERROR]
    summary = {"addresses": len(results), **counts, "failed": failed, "hidden": len(hidden)}
    logger.info("Link check: %s", summary)
    return summary


def _store_results(results: dict[str, CheckResult]) -> dict[str, CheckedAddress]:
    now = timezone.now()
    existing = CheckedAddress.objects.in_bulk(list(results), field_name="url")
    new, changed = [], []
    for url, result in results.items():
        address = existing.get(url) or CheckedAddress(url=url)
        previous_failures = address.consecutive_failures if address.pk else 0
        address.outcome = result.outcome
        address.status_code = result.status_code
        address.final_url = result.final_url[:2000]
        address.redirects = result.redirects
        address.error = result.error[:300]
        address.checked_at = now
        address.consecutive_failures = previous_failures + 1 if result.failed else 0
        (changed if address.pk else new).append(address)
    CheckedAddress.objects.exclude(url__in=list(results)).delete()
    CheckedAddress.objects.bulk_create(new)
    CheckedAddress.objects.bulk_update(
        changed,
        [
            "outcome",
            "status_code",
            "final_url",
            "redirects",
            "error",
            "checked_at",
            "consecutive_failures",
        ],
    )
    return CheckedAddress.objects.in_bulk(list(results), field_name="url")


def _store_uses(found: list[FoundUrl], addresses: dict[str, CheckedAddress]) -> None:
    AddressUse.objects.all().delete()
    page_type = ContentType.objects.get_for_model(Page)
    uses = []
    for use in found:
        instance = use.instance
        content_type = (
            page_type
            if isinstance(instance, Page)
            else ContentType.objects.get_for_model(type(instance))
        )
        uses.append(
            AddressUse(
                address=addresses[use.url],
                content_type=content_type,
                object_id=str(instance.pk),
                object_label=str(instance)[:255],
                kind=use.kind[:100],
                field_label=use.field_label[:255],
            )
        )
    AddressUse.objects.bulk_create(uses)


def _apply_to_useful_links(results: dict[str, CheckResult]) -> list[ResourceLink]:
    """Count failures per useful link; the ones failing twice in a row leave the listings."""
    today = timezone.localdate()
    links = list(ResourceLink.objects.filter(live=True, url__in=list(results)))
    hidden = [
        link for link in links if link.record_check(failed=results[link.url].failed, today=today)
    ]
    ResourceLink.objects.bulk_update(links, ["last_checked", "failed_checks", "status"])
    if hidden:
        content_changed_on_commit()  # bulk_update sends no signal: purge the cached listings
    return hidden
