"""caching/edge.py in-process: which URLs a content change purges, sent as PURGE requests to a
loopback HTTP server standing where Varnish would be; failures logged, never raised."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import date, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import PageViewRestriction, Site

from caching.edge import public_urls
from caching.signals import content_changed
from groups.models import FamilyHub, GroupSession
from pages.models import HomePage
from tests.factories import ContentPageFactory, ServiceSettingsFactory
from tests.live_site import free_port

ORIGIN = "http://edge.example.org"


class PurgeRecorder(ThreadingHTTPServer):
    """Answers PURGE with 200 and records (connection, Host, path) for each."""

    def __init__(self, port: int):
        self.purges: list[tuple[int, str, str]] = []
        super().__init__(("127.0.0.1", port), _PurgeHandler)


class _PurgeHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    server: PurgeRecorder

    def do_PURGE(self) -> None:
        self.server.purges.append((id(self), self.headers["Host"], self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site_pages(db) -> dict[str, object]:
    Site.objects.filter(is_default_site=True).update(hostname="edge.example.org", port=80)
    ServiceSettingsFactory()
    home = HomePage.objects.get()
    public = ContentPageFactory(parent=home, title="Public", slug="public")
    child = ContentPageFactory(parent=public, title="Child", slug="child")
    draft = ContentPageFactory(parent=home, title="Draft", slug="draft")
    draft.unpublish()
    private = ContentPageFactory(parent=home, title="Private", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    hub = FamilyHub.objects.create(name="Hub", address="1 Street", phone="01724 000000")
    session = GroupSession.objects.create(
        hub=hub,
        title="Understanding your baby",
        date=date(2027, 1, 5),
        start_time=time(10),
        end_time=time(11),
        how_to_book="<p>Call the hub.</p>",
    )
    return {"public": public, "child": child, "session": session}


@pytest.fixture
def recorder(settings) -> Iterator[PurgeRecorder]:
    server = PurgeRecorder(free_port())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "caching.edge.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_every_live_public_page_and_content_route_of_the_site(site_pages):
    urls = public_urls()
    session = site_pages["session"]
    for path in [
        "/",
        "/public/",
        "/public/child/",
        "/sitemap.xml",
        f"/groups/sessions/{session.pk}.ics",
    ]:
        assert f"{ORIGIN}{path}" in urls
    assert not [url for url in urls if "/draft/" in url or "/private/" in url]
    assert len(urls) == len(set(urls))


def test_a_content_change_purges_every_url_over_one_connection(site_pages, recorder):
    content_changed.send(sender=None)
    paths = [path for _connection, _host, path in recorder.purges]
    assert sorted(paths) == sorted(url.removeprefix(ORIGIN) for url in public_urls())
    assert {host for _connection, host, _path in recorder.purges} == {"edge.example.org"}
    assert len({connection for connection, _host, _path in recorder.purges}) == 1


def test_nothing_is_sent_without_a_backend(site_pages, recorder, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    content_changed.send(sender=None)
    assert recorder.purges == []


def test_a_cache_that_is_down_is_logged_and_the_change_goes_on(site_pages, settings, caplog):
    closed_port = free_port()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "caching.edge.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{closed_port}",
        }
    }
    with caplog.at_level(logging.ERROR, logger="caching.edge"):
        content_changed.send(sender=None)
    [record] = [r for r in caplog.records if r.name == "caching.edge"]
    assert f"Could not purge {len(public_urls())} URLs" in record.getMessage()


def test_a_url_list_that_fails_is_logged_and_the_change_goes_on(
    site_pages, recorder, settings, caplog
):
    settings.FRONTEND_CACHE_SITE_ROUTES = ["no-such-route"]
    with caplog.at_level(logging.ERROR, logger="caching.edge"):
        content_changed.send(sender=None)
    assert "The edge cache was not purged" in caplog.text
    assert recorder.purges == []
