"""Stateless app servers: two gunicorn deployments (production settings) share one PostgreSQL
database, one Redis and one S3-compatible bucket, and nothing on their own disks.

An editor signs in through instance A and uploads and publishes a poster there; instance B lists
it within a second of the publish (it had the posters page warm: with a page cache in the shared
Redis this is the cache being purged, without one it is the shared database), serves its PDF
byte for byte and renders its preview renditions, all from the bucket. An image uploaded through
A gets its admin thumbnail made by B. Neither instance's MEDIA_ROOT receives any of it.

Runs on PostgreSQL only (CI's PostgreSQL run): two servers sharing SQLite would be one machine.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import ON_POSTGRESQL
from tests.factories import sample_poster_pdf
from tests.foundation.test_live_server import fetch
from tests.live_site import LiveSite, running_site
from tests.stateless.editor_browser import EditorBrowser, Upload
from tests.stateless.redis_db import empty_test_db, redis_answers, redis_url
from tests.stateless.s3_server import S3Server
from tests.stateless.test_media_storage import png_bytes

pytestmark = ON_POSTGRESQL

EDITOR = "stateless-editor"
POSTERS = "/posters/"
POSTER_ADD = "/admin/snippets/resources/poster/add/"
POSTER_EDIT = "/admin/snippets/resources/poster/edit/{}/"
IMAGE_ADD = "/admin/images/add/"
POSTER_TITLE = "A calm voice helps your baby settle"
POSTER_FILE = "calm-voice.pdf"
PREVIEW_SRC = "/media/images/poster-preview-a-calm-voice"
CHANGED_SUMMARY = "Speak softly and slowly: your baby follows your voice."
PUBLISH_VISIBLE_WITHIN_SECONDS = 1.0
ADMIN_THUMBNAIL = "max-165x165"

_CREATE_EDITOR = """
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser({username!r}, "stateless@example.org", {password!r})
"""

_POSTER_IDS = f"""
import json
from resources.models import Poster
poster = Poster.objects.get(title={POSTER_TITLE!r})
print(json.dumps({{"id": poster.pk, "document": poster.document_id,
                  "preview_image": poster.preview_image_id}}))
"""


@pytest.fixture
def shared_env(s3: S3Server, bucket: str) -> Iterator[dict[str, str]]:
    """What every instance is given alike: the bucket, Redis, and one secret key."""
    if not redis_answers():
        message = "Redis does not answer on 127.0.0.1:6379"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    empty_test_db()
    yield {
        **s3.media_env(bucket),
        "REDIS_URL": redis_url(),
        # Signed values (sessions, CSRF, form tokens) made by one instance hold on the other.
        "SECRET_KEY": secrets.token_urlsafe(60),
        # Production settings, over plain HTTP on loopback: this account signs in with a password.
        "ADMIN_2FA_EXEMPT_USERNAMES": EDITOR,
        # A task worker beside each instance (two workers share the queue safely): it makes the
        # public renditions of saved images, in the bucket.
        "RUN_TASK_WORKER": "true",
        "TASK_WORKER_INTERVAL": "0.2",
    }
    empty_test_db()


@pytest.fixture
def two_instances(
    tmp_path: Path, s3: S3Server, bucket: str, shared_env: dict[str, str]
) -> Iterator[tuple[LiveSite, LiveSite]]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "media").mkdir(parents=True)
    with running_site(tmp_path / "a", extra_env=shared_env) as site_a:
        # The seeded posters' files, moved into the bucket as `aws s3 sync media/ s3://…` would.
        assert s3.upload_folder(bucket, site_a.media_root) > 0
        with running_site(
            tmp_path / "b", extra_env=shared_env, database_url=site_a.database_url
        ) as site_b:
            yield site_a, site_b


def files_under(folder: Path) -> set[str]:
    return {path.name for path in folder.rglob("*") if path.is_file()}


def wait_until_shown(site: LiveSite, path: str, text: str, since: float) -> tuple[str, float]:
    """Poll `path` until it shows `text`; the page and the seconds since `since`."""
    while True:
        page = fetch(site, path)
        elapsed = time.monotonic() - since
        if page.status == 200 and text in page.body.decode():
            return page.body.decode(), elapsed
        assert elapsed < 30, f"{text!r} not shown on {path} after {elapsed:.1f} s"
        time.sleep(0.05)


def test_two_app_servers_share_media_sessions_and_published_content(
    two_instances: tuple[LiveSite, LiveSite], s3: S3Server, bucket: str, tmp_path: Path
) -> None:
    site_a, site_b = two_instances
    local_before_a = files_under(site_a.media_root)
    password = secrets.token_urlsafe(16)
    site_a.manage("shell", "-c", _CREATE_EDITOR.format(username=EDITOR, password=password))
    browser = EditorBrowser()
    browser.sign_in(site_a, EDITOR, password)

    pdf = sample_poster_pdf(POSTER_TITLE)
    fields = {
        "title": POSTER_TITLE,
        "summary": "Talk to your baby in a calm, gentle voice.",
        "audience": "parents",
        "document": "",
        "preview_image": "",
        "plain_text": "A calm voice helps your baby settle.",
        "action-publish": "action-publish",
    }
    created = browser.post_form(
        site_a,
        POSTER_ADD,
        fields,
        files={"pdf_upload": Upload(POSTER_FILE, pdf, "application/pdf")},
    )
    created_at = time.monotonic()
    assert created.status == 302, created.text[:3000]
    posters, elapsed = wait_until_shown(site_b, POSTERS, POSTER_TITLE, since=created_at)
    print(f"\nnew poster listed by B {elapsed * 1000:.0f} ms after the upload")
    # Its preview appears once its renditions exist (made by a worker, or by B's request).
    posters, elapsed = wait_until_shown(site_b, POSTERS, f'src="{PREVIEW_SRC}', since=created_at)
    print(f"its preview shown by B {elapsed * 1000:.0f} ms after the upload")

    # A published change: B had the page warm; it shows the change within the second.
    poster = json.loads(site_a.manage("shell", "-c", _POSTER_IDS).stdout.strip().splitlines()[-1])
    for _warm in range(2):
        assert fetch(site_b, POSTERS).status == 200
    edited = browser.post_form(
        site_a,
        POSTER_EDIT.format(poster["id"]),
        {
            **fields,
            "summary": CHANGED_SUMMARY,
            "document": str(poster["document"]),
            "preview_image": str(poster["preview_image"]),
        },
    )
    published_at = time.monotonic()
    assert edited.status == 302, edited.text[:3000]
    _page, elapsed = wait_until_shown(site_b, POSTERS, CHANGED_SUMMARY, since=published_at)
    print(f"change published through A, shown by B {elapsed * 1000:.0f} ms later")
    assert elapsed < PUBLISH_VISIBLE_WITHIN_SECONDS

    # The PDF, downloaded through B, is the uploaded file, and lives in the bucket only.
    download_path = re.search(r'href="(/documents/\d+/(calm-voice[^"/]*\.pdf))"', posters)
    assert download_path, "B's posters page has no download link for the new poster"
    download = fetch(site_b, download_path.group(1))
    assert download.status == 200 and download.body == pdf
    document_key = f"documents/{download_path.group(2)}"
    assert s3.read(bucket, document_key) == pdf

    # Its preview: renditions in the bucket, served by B from /media/.
    previews = re.findall(rf'src="({re.escape(PREVIEW_SRC)}[^"]+)"', posters)
    assert previews, "B's posters page shows no preview for the new poster"
    for url in previews:
        image = fetch(site_b, url)
        assert image.status == 200 and image.getheader("Content-Type", "").startswith("image/")
        assert "immutable" in image.getheader("Cache-Control", "")
        assert s3.read(bucket, url.removeprefix("/media/")) == image.body

    # An image uploaded through A; B makes its admin thumbnail (signed in by A's session).
    uploaded = browser.post_form(
        site_a,
        IMAGE_ADD,
        {"title": "Bath time", "collection": root_collection(browser, site_a), "tags": ""},
        files={"file": Upload("bath-time.png", png_bytes(640, 480), "image/png")},
    )
    assert uploaded.status == 302, uploaded.text[:3000]
    original_key = next(key for key in s3.keys(bucket) if "original_images/bath-time" in key)
    assert not any(ADMIN_THUMBNAIL in key and "bath-time" in key for key in s3.keys(bucket))
    listing = browser.get(site_b, "/admin/images/")
    assert listing.status == 200
    thumbnail = re.search(
        rf'src="(/media/(images/bath-time[^"]*{ADMIN_THUMBNAIL}[^"]*))"', listing.text
    )
    assert thumbnail, "B's image listing has no thumbnail of the new image"
    assert thumbnail.group(2) in s3.keys(bucket)
    served = fetch(site_b, thumbnail.group(1))
    assert served.status == 200 and served.body == s3.read(bucket, thumbnail.group(2))
    assert original_key.startswith("original_images/")

    # Nothing of it on either instance's own disk.
    assert files_under(site_a.media_root) == local_before_a
    assert files_under(site_b.media_root) == set()


def root_collection(browser: EditorBrowser, site: LiveSite) -> str:
    """The first collection the image form offers (the root, "Root")."""
    form = browser.get(site, IMAGE_ADD)
    assert form.status == 200
    match = re.search(r'<select name="collection"[^>]*>\s*<option value="(\d+)"', form.text)
    assert match, "the image form offers no collection"
    return match.group(1)
