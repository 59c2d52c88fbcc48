"""What the link checker found: one row per external web address, and where each is used."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from linkcheck.outcomes import FAILED, Outcome


class CheckedAddress(models.Model):
    url = models.URLField("web address", max_length=2000, unique=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The HTTP status of the last answer, if any."
    )
    final_url = models.URLField(
        "final address", max_length=2000, blank=True, help_text="Where redirects ended."
    )
    redirects = models.JSONField(
        default=list, blank=True, help_text='Each hop: {"status": 301, "url": "…"}.'
    )
    error = models.CharField(max_length=300, blank=True)
    checked_at = models.DateTimeField()
    consecutive_failures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["outcome", "url"]
        verbose_name = "checked web address"
        verbose_name_plural = "checked web addresses"

    def __str__(self) -> str:
        return self.url

    @property
    def failed(self) -> bool:
        return self.outcome in FAILED

    @property
    def result_text(self) -> str:
        """For example "404", "301 → 200" or "Connection refused"."""
        codes = [str(hop["status"]) for hop in self.redirects]
        if self.status_code:
            codes.append(str(self.status_code))
        text = " → ".join(codes)
        if self.error:
            text = f"{text}: {self.error}" if text else self.error
        return text

    @property
    def used_in(self) -> str:
        """Every use on one line (for the spreadsheet export)."""
        return "; ".join(str(use) for use in self.uses.all())


class AddressUse(models.Model):
    """One place an address appears: a page's or snippet's field (rebuilt by every run)."""

    address = models.ForeignKey(CheckedAddress, on_delete=models.CASCADE, related_name="uses")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=255)
    kind = models.CharField(max_length=100, help_text='For example "Page" or "Useful link".')
    field_label = models.CharField(max_length=255)

    class Meta:
        ordering = ["kind", "object_label", "field_label"]

    def __str__(self) -> str:
        return f"{self.kind} “{self.object_label}” ({self.field_label})"
