from django.conf import settings
from django.core.management.base import BaseCommand

from enquiries.retention import purge_expired_enquiries


class Command(BaseCommand):
    help = "Delete enquiries (and their queue rows) older than ENQUIRY_RETENTION_DAYS."

    def handle(self, *args, **options):
        deleted = purge_expired_enquiries()
        self.stdout.write(
            f"Deleted {deleted} enquiries older than {settings.ENQUIRY_RETENTION_DAYS} days."
        )
