"""Bad input gets a short plain-text 4xx, never a 500, and no ERROR or traceback in the log
(in process; tests/hardening/test_fuzz.py sends thousands of such requests to gunicorn)."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpResponse
from django.test import Client, RequestFactory

from infant_mh.request_validation import RequestValidationMiddleware, refuse_unusable_charsets
from tests.factories import PosterDocumentFactory

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def csrf_client() -> Client:
    """Checks CSRF tokens like production; carries a csrftoken cookie like a real visitor."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    return client


@pytest.fixture(autouse=True)
def no_errors_logged(caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.INFO)
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not errors, [r.getMessage() for r in errors]


def assert_refused(response, status: int, words: str) -> None:
    """A 400 is the site's small 400 page with the reason; a 405 is plain text."""
    assert response.status_code == status
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    text = response.content.decode()
    assert words in text
    assert "Traceback" not in text
    if status == 400:
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert "Sorry, we could not handle that request" in text
        assert len(text) < 4000
    else:
        assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("charset", ["latin-1", "iso-8859-1", "utf-16", "utf8", "windows-1252"])
def test_a_form_not_in_utf8_is_refused_with_400(csrf_client: Client, charset: str) -> None:
    response = csrf_client.post(
        "/contact/", "name=Ren%E9e", content_type=f"{FORM}; charset={charset}"
    )
    assert_refused(response, 400, "forms must be sent as UTF-8")


def test_a_utf8_form_still_reaches_the_csrf_check(csrf_client: Client) -> None:
    response = csrf_client.post(
        "/contact/", "name=Ren%C3%A9e", content_type=f"{FORM}; charset=utf-8"
    )
    assert response.status_code == 403  # no CSRF token in the form: refused by Django, not us


@pytest.mark.parametrize("path", ["/parents/%00/", "/media/images/a%00.png", "/%00"])
def test_a_nul_character_in_the_path_is_refused_with_400(client: Client, path: str) -> None:
    assert_refused(client.get(path), 400, "NUL character")


def test_nul_characters_in_forms_are_left_to_the_form(csrf_client: Client) -> None:
    """The contact form says which field has a character it cannot accept (tests/enquiries)."""
    response = csrf_client.post("/contact/", "message=a%00b", content_type=FORM)
    assert response.status_code == 403  # reached Django's CSRF check, not refused here


def test_a_broken_multipart_form_is_refused_with_400(csrf_client: Client) -> None:
    response = csrf_client.post(
        "/contact/", b"--x\r\nnot a part", content_type="multipart/form-data; boundary="
    )
    assert_refused(response, 400, "could not be read")


def test_too_many_fields_are_refused_with_400(csrf_client: Client) -> None:
    body = "&".join(f"f{i}=1" for i in range(1500))
    assert_refused(csrf_client.post("/contact/", body, content_type=FORM), 400, "could not be read")
    assert_refused(csrf_client.get(f"/search/?{body}"), 400, "could not be read")


def test_a_form_over_the_size_limit_is_refused_with_400(csrf_client: Client, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = csrf_client.post("/contact/", "message=" + "z" * 2000, content_type=FORM)
    assert_refused(response, 400, "too large")


@pytest.mark.parametrize("method", ["PROPFIND", "BREW", "TRACE", "CONNECT"])
def test_unknown_methods_get_405_with_allow(client: Client, method: str) -> None:
    response = client.generic(method, "/")
    assert_refused(response, 405, "Method not allowed")
    assert "GET" in response["Allow"] and "POST" in response["Allow"]


@pytest.mark.parametrize("host", ["evil.example", "a" * 300, "127.0.0.1:xx"])
def test_an_unknown_host_gets_400_without_a_logged_traceback(client: Client, host: str) -> None:
    assert_refused(client.get("/", HTTP_HOST=host), 400, "unknown host name")


@pytest.mark.parametrize("length", [256, 300, 5000])
def test_overlong_media_names_are_not_found(client: Client, length: int) -> None:
    response = client.get(f"/media/images/{'a' * length}.png")
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/media/images/../../secret", "/media/images/..%2f..%2fsecret"])
def test_media_paths_outside_the_media_folder_are_not_found(client: Client, path) -> None:
    assert client.get(path).status_code == 404


def test_a_view_finding_the_input_suspicious_gets_a_plain_400() -> None:
    """Without the middleware Django would log the exception at ERROR with its traceback."""
    middleware = RequestValidationMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/")
    for exception in (SuspiciousOperation("odd"), BadRequest("odd")):
        assert_refused(middleware.process_exception(request, exception), 400, "Bad request.")
    assert middleware.process_exception(request, KeyError("a bug")) is None


def test_document_downloads_have_no_content_encoding(client: Client) -> None:
    document = PosterDocumentFactory()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def call_wsgi(content_type: str) -> tuple[str, bytes, bool]:
    reached = []

    def app(environ, start_response):
        reached.append(True)
        start_response("200 OK", [])
        return [b"page"]

    started = []
    body = b"".join(
        refuse_unusable_charsets(app)(
            {"REQUEST_METHOD": "GET", "CONTENT_TYPE": content_type},
            lambda status, headers: started.append(status),
        )
    )
    return started[0], body, bool(reached)


@pytest.mark.parametrize("charset", ["hex", "base64", "rot13", "zlib"])
def test_a_charset_that_is_not_a_text_encoding_is_refused_before_django(charset: str) -> None:
    status, body, reached = call_wsgi(f"text/plain; charset={charset}")
    assert (status, body, reached) == ("400 Bad Request", b"Bad request: unknown charset.\n", False)


@pytest.mark.parametrize(
    "content_type", ["", "text/html", f"{FORM}; charset=utf-8", "x; charset=nope"]
)
def test_other_requests_reach_django(content_type: str) -> None:
    assert call_wsgi(content_type) == ("200 OK", b"page", True)
