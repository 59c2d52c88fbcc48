"""The WSGI fast path (infant_mh/wsgi.py): a hit is answered before Django sees the request;
everything else goes on to Django, with the generation read before rendering."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from caching.middleware import GENERATION_ENVIRON_KEY
from caching.wsgi import serve_cached_pages
from pages.models import HomePage
from tests.pages.conftest import make_content

pytestmark = pytest.mark.django_db


class Django:
    """Stands in for Django's WSGI handler: records what reached it."""

    def __init__(self) -> None:
        self.environs: list[dict] = []

    def __call__(self, environ, start_response):
        self.environs.append(environ)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"rendered by Django"]


def call(app, environ: dict) -> tuple[str, dict[str, str], bytes]:
    answer: dict = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture
def cached_url(client) -> str:
    url = make_content(HomePage.objects.get(), "sleep", title="Sleep").url
    client.get(url)  # rendered and stored by the middleware, as the test client's environ names it
    return url


def environ(url: str, **extra) -> dict:
    return RequestFactory().get(url, **extra).META


def test_a_hit_never_reaches_django(client, cached_url):
    django = Django()
    status, headers, body = call(serve_cached_pages(django), environ(cached_url))
    assert status == "200 OK" and django.environs == []
    assert body == client.get(cached_url).content
    assert headers["Content-Security-Policy"] and headers["ETag"]


def test_head_and_conditional_requests_are_answered_too(cached_url):
    django = Django()
    app = serve_cached_pages(django)
    status, headers, body = call(app, environ(cached_url, REQUEST_METHOD="HEAD"))
    assert status == "200 OK" and body == b"" and int(headers["Content-Length"]) > 0
    etag = headers["ETag"]
    status, _headers, body = call(app, environ(cached_url, HTTP_IF_NONE_MATCH=etag))
    assert status == "304 Not Modified" and body == b""
    assert django.environs == []


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "messages=abc"},
        {"HTTP_HOST": "evil.example"},
        {"QUERY_STRING": "q=crying"},
        {"QUERY_STRING": "page=2"},
        {"REQUEST_METHOD": "POST"},
        {"HTTP_X_FORWARDED_PROTO": "https"},
    ],
)
def test_everything_else_goes_on_to_django(cached_url, settings, extra):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    django = Django()
    _status, _headers, body = call(serve_cached_pages(django), {**environ(cached_url), **extra})
    assert body == b"rendered by Django" and len(django.environs) == 1


def test_a_miss_hands_django_the_generation_read_before_rendering(cached_url):
    django = Django()
    call(serve_cached_pages(django), environ(cached_url + "?page=2"))
    assert isinstance(django.environs[0][GENERATION_ENVIRON_KEY], int)
    call(serve_cached_pages(django), environ(cached_url, HTTP_COOKIE="sessionid=abc"))
    assert GENERATION_ENVIRON_KEY not in django.environs[1]  # never stored: no need


def test_switched_off_everything_goes_to_django(cached_url, settings):
    settings.PAGE_CACHE_ENABLED = False
    django = Django()
    call(serve_cached_pages(django), environ(cached_url))
    assert len(django.environs) == 1
