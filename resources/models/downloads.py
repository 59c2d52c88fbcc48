"""How many times each poster's PDF was downloaded, per calendar month."""

from __future__ import annotations

from django.db import models


class PosterDownloadMonth(models.Model):
    poster = models.ForeignKey(
        "resources.Poster", on_delete=models.CASCADE, related_name="downloads"
    )
    month = models.DateField(help_text="The first day of the month counted.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "poster downloads in a month"
        verbose_name_plural = "poster downloads by month"
        ordering = ["-month", "poster__title"]
        constraints = [
            models.UniqueConstraint(fields=["poster", "month"], name="one_download_count_a_month"),
        ]

    def __str__(self) -> str:
        return f"{self.poster_id} {self.month:%Y-%m}: {self.count}"
