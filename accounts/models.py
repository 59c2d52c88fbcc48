from django.db import models
from django.utils import timezone


class PasswordResetRequest(models.Model):
    """One password reset asked for: keyed hashes only (no address, no IP), for rate limits."""

    client_hash = models.CharField(max_length=64, db_index=True)
    address_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "password reset request"

    def __str__(self) -> str:
        return f"Password reset request at {self.created_at:%Y-%m-%d %H:%M}"
