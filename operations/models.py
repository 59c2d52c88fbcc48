"""The worker's heartbeat row, and the security.txt settings administrators edit."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# RFC 9116 recommends an expiry less than a year ahead, so the file is looked at regularly.
SECURITY_TXT_MAX_AHEAD = timedelta(days=365)
SECURITY_TXT_DEFAULT_AHEAD = timedelta(days=180)


class WorkerHeartbeat(models.Model):
    """One row per task worker process, updated every WORKER_HEARTBEAT_SECONDS while it runs."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} (last seen {self.beat_at:%Y-%m-%d %H:%M:%S})"


def default_security_txt_expiry() -> datetime:
    return (timezone.now() + SECURITY_TXT_DEFAULT_AHEAD).replace(microsecond=0)


@register_setting(icon="lock")
class SecurityTxtSettings(BaseSiteSetting):
    """What /.well-known/security.txt (RFC 9116) says: who to tell about a vulnerability."""

    contact_email = models.EmailField(
        default="infantmentalhealth@northlincs.gov.uk",
        help_text="Where people report a security problem with this website.",
    )
    contact_url = models.URLField(
        blank=True,
        help_text="Optional: a https:// page or form for reports, listed after the email address.",
    )
    expires = models.DateTimeField(
        default=default_security_txt_expiry,
        help_text="When this information should be checked again: at most a year ahead. After "
        "this date the file is still served, but the admin dashboard asks for a new date.",
    )
    preferred_languages = models.CharField(
        max_length=50,
        default="en",
        help_text="Languages reports may be written in, as comma-separated codes, e.g. 'en, cy'.",
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("contact_url"),
        FieldPanel("expires"),
        FieldPanel("preferred_languages"),
    ]

    class Meta:
        verbose_name = "security.txt"

    def clean(self) -> None:
        super().clean()
        if self.expires and self.expires > timezone.now() + SECURITY_TXT_MAX_AHEAD:
            raise ValidationError({"expires": "Choose a date at most one year from today."})
        if self.contact_url and not self.contact_url.startswith("https://"):
            raise ValidationError({"contact_url": "Use an https:// address."})

    @property
    def has_expired(self) -> bool:
        return self.expires <= timezone.now()
