"""What a check of one web address found."""

from django.db import models


class Outcome(models.TextChoices):
    OK = "ok", "Working"
    REDIRECTED = "redirected", "Redirected"
    BROKEN = "broken", "Broken"
    ERROR = "error", "Could not connect"


# Outcomes that count as a failed check (shown and counted together as "broken").
FAILED = frozenset({Outcome.BROKEN, Outcome.ERROR})
