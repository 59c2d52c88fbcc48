"""Retention and rights: delete old enquiries, and export or erase one person's enquiries."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .delivery import send_enquiry_email
from .models.enquiry import Enquiry
from .spreadsheet import defuse_formula

EXPORT_FIELDS = [
    "reference",
    "created_at",
    "name",
    "email",
    "phone",
    "role",
    "topic_name",
    "message",
    "status",
    "sent_at",
    "recipient",
]


def erase_enquiries(enquiries: QuerySet[Enquiry]) -> int:
    """Delete the enquiries and every queue row that refers to them. Returns how many."""
    with transaction.atomic():
        ids = list(enquiries.values_list("pk", flat=True))
        if not ids:
            return 0
        DBTaskResult.objects.filter(
            task_path=send_enquiry_email.module_path, args_kwargs__args__0__in=ids
        ).delete()
        deleted, _ = Enquiry.objects.filter(pk__in=ids).delete()
    return deleted


def purge_expired_enquiries() -> int:
    cutoff = timezone.now() - timedelta(days=settings.ENQUIRY_RETENTION_DAYS)
    return erase_enquiries(Enquiry.objects.filter(created_at__lt=cutoff))


def enquiries_for_email(email: str) -> QuerySet[Enquiry]:
    return Enquiry.objects.filter(email__iexact=email.strip()).order_by("created_at")


def export_csv(enquiries: QuerySet[Enquiry]) -> str:
    """Everything stored about these enquiries, for a subject access request."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_FIELDS)
    for enquiry in enquiries:
        row = []
        for field in EXPORT_FIELDS:
            value = getattr(enquiry, field)
            row.append(value.isoformat() if hasattr(value, "isoformat") else value)
        writer.writerow(defuse_formula(str(v or "")) for v in row)
    return buffer.getvalue()


def retention_period_text(days: int) -> str:
    """'1 year', '2 years', '90 days': how long enquiries are kept, for the privacy texts."""
    if days >= 365 and days % 365 == 0:
        years = days // 365
        return f"{years} year" + ("s" if years > 1 else "")
    return f"{days} day" + ("s" if days != 1 else "")
