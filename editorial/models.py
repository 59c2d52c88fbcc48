"""When each page owner was last sent a review reminder (so a restarted worker never sends two)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewReminder(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="review_reminder",
    )
    last_sent_at = models.DateTimeField(help_text="When this owner was last emailed a reminder.")

    class Meta:
        verbose_name = "review reminder"

    def __str__(self) -> str:
        return f"Review reminder for user {self.owner_id}, last sent {self.last_sent_at:%Y-%m-%d}"
