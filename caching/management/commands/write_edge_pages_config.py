"""Write the headers nginx sends with page files (caching/page_files.py): run after `migrate`
and `seed_content` on every deployment (compose's `migrate` service does), so nginx and the
site agree on them. It renders the home page as the edge asks for it and copies its headers."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import Client

from caching.page_files import page_file_headers, page_files
from caching.stored_page import stored_headers


def default_host() -> str:
    """The first host name ALLOWED_HOSTS names exactly (a pattern like ".example.org" or "*"
    names none)."""
    for host in settings.ALLOWED_HOSTS:
        if host and not host.startswith(".") and "*" not in host:
            return host
    return "localhost"


class Command(BaseCommand):
    help = "Write EDGE_PAGES_DIR/nginx/page-headers.conf from the headers of a rendered page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=None, help="Host to render for (ALLOWED_HOSTS')")
        parser.add_argument(
            "--scheme",
            choices=("http", "https"),
            default=None,
            help="https when the site redirects to HTTPS, else http",
        )
        parser.add_argument("--path", default="/", help="The page to copy headers from")

    def handle(self, *args: object, **options: str | None) -> None:
        files = page_files()
        if files is None:
            raise CommandError(
                "Page files are off: set EDGE_PAGES_DIR (and keep the page cache on)."
            )
        host = options["host"] or default_host()
        scheme = options["scheme"] or ("https" if settings.SECURE_SSL_REDIRECT else "http")
        path = options["path"] or "/"
        headers = {"host": host}
        if scheme == "https":
            headers["x-forwarded-proto"] = "https"
        response = Client().get(path, headers=headers, secure=scheme == "https")
        cache_control = response.get("Cache-Control", "")
        if response.status_code != 200 or not cache_control.startswith("public"):
            raise CommandError(
                f"{scheme}://{host}{path} is not a public page "
                f"({response.status_code}, Cache-Control: {cache_control or 'none'})."
            )
        file_headers = page_file_headers(stored_headers(response.headers))
        identifier = files.write_config(file_headers, f"{scheme}://{host}{path}")
        self.stdout.write(f"Wrote {files.config} (headers {identifier}).")
