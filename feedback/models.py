"""One answer to "Is this page useful?": the page, yes or no, and what a "no" was looking for.

No IP address is kept. `client_hash` (a keyed hash of the address) exists only to rate-limit, and
is blanked once FEEDBACK_RATE_LIMIT_WINDOW_SECONDS has passed.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

COMMENT_MAX = 1000


class PageFeedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="feedback_responses"
    )
    useful = models.BooleanField()
    comment = models.TextField(blank=True, help_text="What a visitor who said no was looking for.")
    created_on = models.DateField(default=timezone.localdate, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    client_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = "page feedback response"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{'Yes' if self.useful else 'No'} on page {self.page_id} ({self.created_on})"
