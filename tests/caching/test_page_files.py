"""Page files (caching/page_files.py): which pages are written where, and how a content change or
a new release retires them. nginx itself sending them is tests/edge/test_live_page_files.py."""

from __future__ import annotations

import gzip
import re
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
import yaml
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory

from caching.generation import bump_generation, current_generation
from caching.page_files import (
    CONFIG_FILE,
    CURRENT_LINK,
    PAGES_FOLDER,
    SAFE_QUERY,
    PageFiles,
    file_name,
    follow_generation,
    generation_folder,
    headers_id,
    page_file_headers,
    page_files,
)
from caching.page_store import pages
from caching.signals import content_changed
from caching.stored_page import StoredPage, etag_for
from caching.wsgi import serve_cached_pages
from pages.models import HomePage
from tests.caching.test_wsgi_fast_path import Django, call
from tests.pages.conftest import make_content

pytestmark = pytest.mark.django_db

DEPLOYED_CONFIG = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"
HTML = (("Content-Type", "text/html; charset=utf-8"), ("X-Content-Type-Options", "nosniff"))


@pytest.fixture
def files(settings, tmp_path) -> PageFiles:
    """Page files on, nginx's header file written from the home page, the page cache empty."""
    settings.EDGE_PAGES_DIR = str(tmp_path)
    call_command("write_edge_pages_config", host="testserver", scheme="http", stdout=StringIO())
    cache.clear()
    pages.forget()
    written = page_files()
    assert written is not None
    return written


@pytest.fixture
def topic(commits) -> str:
    """A published topic page's path."""
    with commits():
        return make_content(HomePage.objects.get(), "sleep", title="Sleep").url


def written(files: PageFiles, name: str) -> Path:
    """The file nginx would send for `name` (under the configured headers)."""
    return files.pages / CURRENT_LINK / str(files.expected_headers_id()) / name


def environ(url: str, **extra: str) -> dict:
    """A GET's environ with the Host header nginx sends (no port)."""
    return RequestFactory().get(url, **{"HTTP_HOST": "testserver", **extra}).META


@pytest.fixture
def client() -> Client:
    """A visitor whose requests come through nginx: the Host header has no port."""
    return Client(HTTP_HOST="testserver")


def page(headers=HTML, body=b"<!doctype html><p>Hello</p>", **fields) -> StoredPage:
    values = {
        "generation": current_generation(),
        "expires_at": 2e9,
        "etag": etag_for(body),
        "headers": headers,
        "bodies": {"identity": body, "gzip": gzip.compress(body)},
        **fields,
    }
    return StoredPage(**values)


def test_a_public_page_is_written_with_its_gzip_beside_it(client, files, topic):
    for url, name in [
        (topic, f"http/testserver{topic}index.html"),
        ("/?audience=parents", "http/testserver/index@audience=parents.html"),
    ]:
        response = client.get(url)
        assert response["Cache-Control"].startswith("public")
        path = written(files, name)
        assert path.read_bytes() == response.content, url
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == response.content
        assert path.stat().st_mode & 0o777 == 0o644


def test_the_configured_headers_are_the_pages_own(client, files, topic):
    response = client.get(topic)
    config = files.config.read_text()
    assert f'"{response["Content-Security-Policy"]}"' in config
    assert 'default_type "text/html; charset=utf-8";' in config
    assert 'add_header Vary "Accept-Encoding";' in config
    assert f'add_header Cache-Control "{response["Cache-Control"]}";' in config


@pytest.mark.parametrize(
    ("url", "extra", "expected"),
    [
        ("/parents/", {}, "http/testserver/parents/index.html"),
        ("/", {}, "http/testserver/index.html"),
        ("/parents/", {"HTTP_HOST": "testserver:8000"}, None),  # nginx sends no port
        ("/parents/", {"HTTP_HOST": "TestServer"}, None),  # nor capitals
        ("/parents/../admin/", {}, None),
        ("/.well-known/", {}, None),
        ("/robots.txt", {}, None),  # not a page
        ("/parents/?a=b/c", {}, None),
        ("/parents/?" + "a" * 151, {}, None),
        (
            "/parents/?topic=sleep%20help&page=2",
            {},
            "http/testserver/parents/index@topic=sleep%20help&page=2.html",
        ),
    ],
)
def test_only_plain_addresses_are_written(url, extra, expected):
    assert file_name(environ(url, **extra)) == expected


def test_nothing_is_written_for_a_time_bound_page_a_head_or_other_headers(files):
    files.write_config(page_file_headers(HTML), "a test")
    files.keep(environ("/time-bound/"), page(time_bound=True), replace=True)
    files.keep(RequestFactory().head("/head/", HTTP_HOST="testserver").META, page(), replace=True)
    files.keep(environ("/other/"), page(headers=(*HTML, ("X-Other", "1"))), replace=True)
    files.keep(environ("/written/"), page(), replace=True)
    assert [path.parent.name for path in files.pages.glob("g*/*/http/testserver/*/*")] == [
        "written",
        "written",  # index.html and index.html.gz
    ]


def test_a_page_rendered_before_a_change_is_never_written(files):
    stale = page()
    bump_generation()
    files.keep(environ("/parents/"), stale, replace=True)
    assert not list(files.pages.glob("g*/**/*.html"))


def test_a_content_change_retires_every_page_file(client, files, commits, topic):
    client.get(topic)
    old = files.pages / files.current()
    assert list(old.rglob("index.html"))
    with commits():
        content_changed.send(sender=None)
    assert files.current() == generation_folder(current_generation())
    assert not old.exists()
    assert not written(files, f"http/testserver{topic}index.html").exists()


def test_the_pointer_follows_the_latest_generation(files):
    before = current_generation()
    bump_generation()
    bump_generation()
    assert files.follow_generation(rendered_under=before) is False
    assert files.follow_generation() is True
    assert files.current() == generation_folder(current_generation())


def test_a_new_release_takes_the_page_files_over(files):
    follow_generation()
    with mock.patch("caching.page_files.release_fingerprint", return_value="newrelease"):
        follow_generation()
        assert files.current() == f"g{current_generation()}-newrelease"


def test_if_the_pointer_cannot_move_it_is_removed(files, caplog):
    follow_generation()
    bump_generation()
    with mock.patch("caching.page_files.os.replace", side_effect=OSError("read-only")):
        follow_generation()
    assert files.current() is None
    assert "Could not move the page files" in caplog.text


def test_a_hit_writes_a_missing_page_file(client, files, topic):
    response = client.get(topic)
    path = written(files, f"http/testserver{topic}index.html")
    path.unlink()
    status, _headers, body = call(serve_cached_pages(Django()), environ(topic))
    assert status == "200 OK" and body == response.content
    assert path.read_bytes() == response.content


def test_the_header_file_names_its_header_set(files, tmp_path):
    headers = [*HTML, ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:")]
    identifier = files.write_config(page_file_headers(headers), "a test")
    assert files.expected_headers_id() == identifier == headers_id(page_file_headers(headers))
    reordered = [*HTML, ("Content-Security-Policy", "img-src 'self' data:; default-src 'self'")]
    assert headers_id(page_file_headers(reordered)) == identifier
    with pytest.raises(ValueError, match="literally"):
        files.write_config([("X-Bad", "$host")], "a test")


def test_the_command_refuses_without_a_folder_or_a_public_page(settings, tmp_path):
    settings.EDGE_PAGES_DIR = None
    with pytest.raises(CommandError, match="EDGE_PAGES_DIR"):
        call_command("write_edge_pages_config")
    settings.EDGE_PAGES_DIR = str(tmp_path)
    with pytest.raises(CommandError, match="not a public page"):
        call_command("write_edge_pages_config", host="testserver", path="/contact/")


def test_nginx_looks_where_the_site_writes():
    """deploy/nginx.conf and this module agree on the folders, the cookies that mean a visitor
    of their own, and the query strings that name a file."""
    config = DEPLOYED_CONFIG.read_text()
    assert f"include /srv/edge-pages/{CONFIG_FILE.parent}/*.conf;" in config
    root = (
        f"root /srv/edge-pages/{PAGES_FOLDER}/{CURRENT_LINK}$edge_pages_tick/$edge_pages_headers;"
    )
    assert root in config
    [cookies] = re.findall(r'"~\(([^)]*)\)" "-";', config)
    assert set(cookies.split("|")) == {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
    assert SAFE_QUERY.pattern.removesuffix(r"\Z") in config


def test_compose_shares_the_page_files_with_the_proxy():
    """web and worker write where the proxy reads, and every deployment rewrites nginx's
    header file after migrating and seeding."""
    compose = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())
    services = compose["services"]
    for name in ("web", "worker"):
        folder = services[name]["environment"]["EDGE_PAGES_DIR"]
        assert f"edge-pages:{folder}" in services[name]["volumes"], name
    assert "edge-pages:/srv/edge-pages:ro" in services["proxy"]["volumes"]
    assert (
        "seed_content --if-empty && (python manage.py write_edge_pages_config"
        in (services["migrate"]["command"][-1])
    )
    assert compose["volumes"]["edge-pages"]["driver_opts"]["type"] == "tmpfs"
