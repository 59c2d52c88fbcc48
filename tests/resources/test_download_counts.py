"""Poster downloads are counted per month in the document serve view: people only, never at the
cost of the download."""

from __future__ import annotations

import logging
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from resources.models import PosterDownloadMonth
from tests.databases import ON_POSTGRESQL
from tests.factories import PosterFactory

pytestmark = pytest.mark.django_db
# Concurrent writers need PostgreSQL (SQLite serialises them): CI's PostgreSQL run has it.
BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126 Mobile Safari"


def downloads(poster) -> int:
    row = PosterDownloadMonth.objects.filter(poster=poster).first()
    return row.count if row else 0


def download(client: Client, poster, agent: str = BROWSER, method: str = "get"):
    response = getattr(client, method)(poster.document.url, HTTP_USER_AGENT=agent)
    if method == "get":
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF")
    return response


def test_each_download_is_counted_this_month(client):
    poster = PosterFactory()
    for _ in range(3):
        download(client, poster)
    row = PosterDownloadMonth.objects.get(poster=poster)
    assert row.count == 3 and row.month == timezone.localdate().replace(day=1)


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0",
    ],
)
def test_crawlers_and_tools_are_not_counted(client, agent):
    poster = PosterFactory()
    download(client, poster, agent=agent)
    assert downloads(poster) == 0


def test_head_and_missing_files_are_not_counted(client):
    poster = PosterFactory()
    assert client.head(poster.document.url, HTTP_USER_AGENT=BROWSER).status_code == 200
    wrong_name = f"/documents/{poster.document.pk}/not-the-name.pdf"
    assert client.get(wrong_name, HTTP_USER_AGENT=BROWSER).status_code == 404
    assert downloads(poster) == 0


def test_a_counting_failure_does_not_break_the_download(client, caplog):
    poster = PosterFactory()
    table = PosterDownloadMonth._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO gone_for_the_test")
    try:
        with caplog.at_level(logging.ERROR, logger="resources.downloads"):
            download(client, poster)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE gone_for_the_test RENAME TO {table}")
    assert "Could not count a download" in caplog.text
    download(client, poster)
    assert downloads(poster) == 1


def test_the_poster_list_and_the_report_show_the_counts(admin_client, client):
    counted, other = PosterFactory(title="Cuddles"), PosterFactory(title="Talking")
    for _ in range(2):
        download(client, counted)
    listing = admin_client.get(reverse("wagtailsnippets_resources_poster:list"))
    html = listing.content.decode()
    assert "Downloads this month" in html and "Downloads in all" in html
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Cuddles(?:(?!</tr>).)*</tr>", html, re.S).group(0)
    cells = [
        re.sub(r"<[^>]+>|\s", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]
    assert cells.count("2") == 2, cells  # this month and in all
    report = admin_client.get(reverse("poster_downloads_report") + "?export=csv")
    lines = b"".join(report.streaming_content).decode().splitlines()
    assert lines[0] == "Month,Poster,Downloads"
    assert lines[1].endswith(",Cuddles,2") and len(lines) == 2  # Talking: never downloaded
    assert other.title in html


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_downloads_are_all_counted():
    poster = PosterFactory()
    threads_count, each = 8, 4
    barrier = threading.Barrier(threads_count)
    failures: list[str] = []

    def fetch() -> None:
        client = Client()
        barrier.wait()
        try:
            for _ in range(each):
                response = client.get(poster.document.url, HTTP_USER_AGENT=BROWSER)
                b"".join(response.streaming_content)
                if response.status_code != 200:
                    failures.append(str(response.status_code))
        finally:
            connection.close()

    threads = [threading.Thread(target=fetch) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert downloads(poster) == threads_count * each
