from django.core.management.base import BaseCommand

from enquiries.maintenance import MAINTENANCE, sweep_stuck_enquiries


class Command(BaseCommand):
    help = (
        "Re-queue enquiries left 'sending' by a stopped worker (or whose queue row is gone), "
        "and make sure the periodic maintenance task is scheduled."
    )

    def handle(self, *args, **options):
        requeued = sweep_stuck_enquiries()
        scheduled = MAINTENANCE.ensure_scheduled()
        self.stdout.write(f"Re-queued {requeued} enquiries.")
        if scheduled:
            self.stdout.write("Scheduled the periodic maintenance task.")
