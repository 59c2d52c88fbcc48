"""Scheduled publishing and expiry in a real deployment: gunicorn with its task worker beside it
(RUN_TASK_WORKER) and nothing else. A page scheduled a few seconds ahead becomes public, and a
page set to expire stops being public, without anyone running `publish_scheduled`: the chain
that `migrate` queued (pages/scheduled_publishing.py) does it, here every second."""

from __future__ import annotations

import http.client
import json
import time

from tests.live_site import LiveSite, running_site

# The go-live and expiry time is set this far ahead once both pages exist (creating them takes a
# few seconds on a loaded machine, so they are first scheduled an hour ahead): room to check
# that neither has changed yet.
AHEAD_SECONDS = 4
# The interval (1 s) plus the worker's poll (0.2 s) and a run, with room for a slow machine.
ALLOWED_LAG_SECONDS = 10

_SCHEDULE = """
import json
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Page
from tests.factories import ContentPageFactory

later = timezone.now() + timedelta(hours=1)
coming = ContentPageFactory(slug="coming-soon", title="Coming soon")
coming.unpublish()
coming.go_live_at = later
coming.save_revision().publish()  # in the future: scheduled, not published
coming.refresh_from_db()
assert not coming.live
going = ContentPageFactory(slug="going-away", title="Going away")
going.expire_at = later
going.save_revision().publish()
going.refresh_from_db()
assert going.live

# Now both exist, bring their time forward to a few seconds from now.
at = timezone.now() + timedelta(seconds={ahead})
scheduled = coming.revisions.get(approved_go_live_at=later)
scheduled.content["go_live_at"] = at.isoformat()
scheduled.approved_go_live_at = at
scheduled.save(update_fields=["content", "approved_go_live_at"])
Page.objects.filter(pk=coming.pk).update(go_live_at=at)
Page.objects.filter(pk=going.pk).update(expire_at=at)
print(json.dumps({{"at": at.timestamp(), "coming": coming.url, "going": going.url}}))
"""


def status(site: LiveSite, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def seconds_until(site: LiveSite, path: str, expected: int, deadline: float) -> float:
    """Poll `path` until it answers `expected`; the time.time() it first did."""
    while time.time() < deadline:
        if status(site, path) == expected:
            return time.time()
        time.sleep(0.1)
    raise AssertionError(f"{path} did not answer {expected} in time")


def test_scheduled_page_goes_live_and_expiring_page_goes_away_on_their_own(tmp_path):
    extra_env = {
        "RUN_TASK_WORKER": "true",
        "TASK_WORKER_INTERVAL": "0.2",
        "SCHEDULED_PUBLISHING_INTERVAL_SECONDS": "1",
    }
    with running_site(tmp_path, extra_env=extra_env) as site:
        created = site.manage("shell", "-c", _SCHEDULE.format(ahead=AHEAD_SECONDS))
        scheduled = json.loads(created.stdout.strip().splitlines()[-1])
        at = scheduled["at"]
        assert time.time() < at, "the pages' time came before they could be checked"
        assert status(site, scheduled["coming"]) == 404
        assert status(site, scheduled["going"]) == 200

        deadline = at + ALLOWED_LAG_SECONDS
        public_at = seconds_until(site, scheduled["coming"], 200, deadline)
        gone_at = seconds_until(site, scheduled["going"], 404, deadline)

        assert public_at >= at and gone_at >= at  # not before their time
        print(
            f"scheduled page public {public_at - at:.2f} s after its go-live time; "
            f"expiring page gone {gone_at - at:.2f} s after its expiry time"
        )
