"""Put an enquiry on the send queue. Call inside the transaction that stores or changes it."""

from __future__ import annotations

from datetime import datetime

from .models import Enquiry


def enqueue_send(enquiry: Enquiry, run_after: datetime | None = None) -> str:
    """Queue the send task (its only argument is the id) and remember the task row's id.

    The database backend writes the task row on the current connection, inside the caller's
    transaction: the enquiry and its task are committed together or not at all. (No
    `transaction.on_commit`: deferring the enqueue would open a window where a committed
    enquiry has no task, which is exactly the loss this design rules out.)
    """
    from .tasks import send_enquiry_email

    task = send_enquiry_email.using(run_after=run_after) if run_after else send_enquiry_email
    result = task.enqueue(enquiry.pk)
    enquiry.task_id = str(result.id)
    enquiry.next_attempt_at = run_after
    Enquiry.objects.filter(pk=enquiry.pk).update(task_id=enquiry.task_id, next_attempt_at=run_after)
    return enquiry.task_id
