"""Count poster downloads per month, in the document serve view.

Only a GET answered with the file (200) by something that is not an obvious crawler counts. The
count is one INSERT ... ON CONFLICT DO UPDATE (count + 1) per poster, so concurrent downloads lose
nothing; any failure is logged and swallowed, so counting never breaks or delays a download.
"""

from __future__ import annotations

import logging
import re

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import Poster, PosterDownloadMonth

logger = logging.getLogger(__name__)

# Self-declared robots, link checkers and command-line tools; no User-Agent at all counts too.
CRAWLER_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|checker|scan|curl|wget|python-|"
    r"httpclient|okhttp|go-http|java/|libwww|headless|lighthouse|pingdom|facebookexternalhit",
    re.IGNORECASE,
)


def is_counted_download(request: HttpRequest, status_code: int) -> bool:
    if request.method != "GET" or status_code != 200:
        return False
    agent = request.META.get("HTTP_USER_AGENT", "")
    return bool(agent) and not CRAWLER_PATTERN.search(agent)


def _increment(poster_ids: list[int]) -> None:
    table = connection.ops.quote_name(PosterDownloadMonth._meta.db_table)
    month = timezone.localdate().replace(day=1)
    sql = (
        f"INSERT INTO {table} (poster_id, month, count) VALUES (%s, %s, 1) "  # noqa: S608 (our table name)
        f"ON CONFLICT (poster_id, month) DO UPDATE SET count = {table}.count + 1"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for poster_id in poster_ids:
            cursor.execute(sql, [poster_id, month])


def count_download(request: HttpRequest, document_id: int, status_code: int) -> None:
    """Add one to this month's count of each poster whose PDF this document is."""
    if not is_counted_download(request, status_code):
        return
    try:
        poster_ids = list(
            Poster.objects.filter(document_id=document_id).values_list("pk", flat=True)
        )
        if poster_ids:
            _increment(poster_ids)
    except Exception:
        logger.exception("Could not count a download of document %s", document_id)
