"""Load on a `make run`-style deployment: concurrent clients doing mixed journeys, enquiries
included, and whether every enquiry sent was stored and emailed exactly once.

Usage (from the repository root):
    .venv/bin/python bench/load.py [--clients 50] [--duration 60] [--drain 180]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/infant_mh_bench .venv/bin/python bench/load.py

The deployment is the live tests' (tests/live_site.py): gunicorn with the production settings
and its defaults (2 processes x 2 threads), the email worker beside it (RUN_TASK_WORKER, as
`make run`), a fresh migrated and seeded database (SQLite, or a new database on DATABASE_URL's
PostgreSQL server, dropped afterwards), and an aiosmtpd sink on loopback as the relay.

Each client loops until the time is up: home, parents, a topic page, posters, useful links
filtered by audience and topic, a search, and the contact form, filled like a person: it opens
the form (CSRF cookie and signed form token), browses the other pages, waits out the form's
minimum fill time (ENQUIRY_MIN_FILL_SECONDS, unchanged) if that is not over yet, posts a valid
enquiry and follows the redirect to the reference. The per-address rate limit is unchanged too:
gunicorn trusts X-Forwarded-For from 127.0.0.1 and TRUSTED_PROXY_COUNT=1, and each enquiry comes
from its own address (10.<client>.<n>.1), as from that many people behind a proxy.

It prints requests per second, p50/p95/p99 latency, errors, and enquiries posted / stored /
delivered (team emails at the sink, waiting up to --drain seconds after the load for the worker),
and exits 1 if any enquiry was lost (posted but not stored, or stored but never emailed).
A benchmark, not a test: nothing runs it in `make test` or CI.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.enquiries.smtp import SMTPEndpoint  # noqa: E402
from tests.live_site import LiveSite, running_site  # noqa: E402

INBOX = "infantmentalhealth@northlincs.gov.uk"
SEARCHES = ["crying", "sleep", "bonding", "perinatal", "health visitor", "feeding"]
LINK_FILTERS = [
    {"audience": "parents"},
    {"audience": "professionals"},
    {"audience": "parents", "topic": "crying-and-comforting"},
    {"topic": "perinatal-mental-health"},
]


class FormReader(HTMLParser):
    """The contact form's hidden fields and topic radio values; a page's same-site links."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.topics: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.hidden[a["name"]] = a.get("value", "")
        elif tag == "input" and a.get("name") == "topic":
            self.topics.append(a.get("value", ""))
        elif tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"])


def read(html: str) -> FormReader:
    reader = FormReader()
    reader.feed(html)
    return reader


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    posted: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors[error] += 1


class Client:
    """One visitor: a keep-alive connection, a cookie jar of one (csrftoken), its own address."""

    def __init__(self, number: int, port: int, stats: Stats, min_fill: float) -> None:
        self.number = number
        self.port = port
        self.stats = stats
        self.min_fill = min_fill
        self.enquiries = 0
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None
        self.random = random.Random(number)  # noqa: S311 (page choice, not secrets)

    def request(
        self, path: str, form: dict[str, str] | None = None, expect: int = 200
    ) -> tuple[int, dict[str, str], str]:
        headers = {"X-Forwarded-For": f"10.{self.number}.{self.enquiries % 250}.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.conn.request("POST" if form is not None else "GET", path, body, headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            self.stats.record(time.perf_counter() - started, f"{type(exc).__name__} {path}")
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return 0, {}, ""
        elapsed = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        status = response.status
        self.stats.record(elapsed, None if status == expect else f"HTTP {status} {path}")
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return status, dict(response.getheaders()), text

    def journey(self, topic_pages: list[str]) -> None:
        status, _, contact = self.request("/contact/")
        opened = time.monotonic()
        self.request("/")
        self.request("/parents/")
        self.request(self.random.choice(topic_pages))
        self.request("/posters/")
        self.request("/useful-links/?" + urlencode(self.random.choice(LINK_FILTERS)))
        self.request("/search/?" + urlencode({"q": self.random.choice(SEARCHES)}))
        if status != 200:
            return
        form = read(contact)
        wait = self.min_fill + 0.2 - (time.monotonic() - opened)
        if wait > 0:
            time.sleep(wait)
        data = {
            **form.hidden,
            "name": f"Load client {self.number}",
            "email": f"client{self.number}.{self.enquiries}@example.org",
            "phone": "",
            "role": "parent",
            "topic": self.random.choice(form.topics),
            "message": "My baby cries a lot in the evening. Is there a group I could go to?",
        }
        status, headers, _ = self.request("/contact/", data, expect=303)
        self.enquiries += 1
        location = headers.get("Location", "")
        if status != 303 or not location:
            return
        status, _, confirmation = self.request(
            location.replace(f"http://127.0.0.1:{self.port}", "")
        )
        match = re.search(r"data-reference>([A-Z0-9-]+)<", confirmation)
        if match:
            with self.stats.lock:
                self.stats.posted.append(match.group(1))
        else:
            self.stats.record(0.0, "no reference on the confirmation page")

    def run(self, deadline: float, topic_pages: list[str]) -> None:
        time.sleep(self.random.random())  # do not all start in the same millisecond
        while time.monotonic() < deadline:
            self.journey(topic_pages)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def stored_enquiries(site: LiveSite) -> dict[str, str]:
    code = (
        "import json; from enquiries.models import Enquiry; "
        "print(json.dumps(dict(Enquiry.objects.values_list('reference', 'status'))))"
    )
    return json.loads(site.manage("shell", "-c", code).stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--drain", type=float, default=180, help="seconds to wait for email")
    parser.add_argument(
        "--relay-down",
        action="store_true",
        help="the sink refuses connections: no email arrives (checks the loss check itself)",
    )
    args = parser.parse_args()
    database = (
        "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    )

    sink = SMTPEndpoint()
    if not args.relay_down:
        sink.accept()
    env = {
        "RUN_TASK_WORKER": "true",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "TRUSTED_PROXY_COUNT": "1",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
    }
    print(f"Starting a deployment on {database} (migrate and seed a fresh database)...", flush=True)
    with (
        tempfile.TemporaryDirectory(prefix="infant-mh-load-") as workdir,
        running_site(Path(workdir), extra_env=env) as site,
    ):
        probe = Client(-1, site.port, Stats(), 0)
        _, _, parents = probe.request("/parents/")
        topic_pages = sorted(
            {link for link in read(parents).links if re.fullmatch(r"/parents/[^/?#]+/", link)}
        ) or ["/parents/"]
        min_fill = float(
            site.manage(
                "shell",
                "-c",
                "from django.conf import settings; print(settings.ENQUIRY_MIN_FILL_SECONDS)",
            ).stdout.split()[-1]
        )
        stats = Stats()
        clients = [Client(n, site.port, stats, min_fill) for n in range(args.clients)]
        print(
            f"{args.clients} clients for {args.duration:.0f} s "
            f"({len(topic_pages)} topic pages, minimum fill time {min_fill:.0f} s)...",
            flush=True,
        )
        started = time.monotonic()
        deadline = started + args.duration
        threads = [
            threading.Thread(target=c.run, args=(deadline, topic_pages), daemon=True)
            for c in clients
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started

        posted = set(stats.posted)
        drain_deadline = time.monotonic() + args.drain
        while time.monotonic() < drain_deadline:
            delivered_refs = {
                r for r in posted if any(r in str(m["Subject"]) for m in sink.to(INBOX))
            }
            if delivered_refs >= posted:
                break
            time.sleep(1)
        drained = time.monotonic() - (drain_deadline - args.drain)
        stored = stored_enquiries(site)
    sink.stop()

    team = Counter()
    for message in sink.to(INBOX):
        found = re.search(r"IMH-[A-Z0-9]{4}-[A-Z0-9]{4}", str(message["Subject"]))
        if found:
            team[found.group(0)] += 1
    stored_posted = posted & set(stored)
    delivered = {r for r in stored_posted if team[r]}
    duplicates = sum(n - 1 for r, n in team.items() if r in posted and n > 1)
    lost = len(posted - set(stored)) + len(stored_posted - delivered)
    latencies = stats.latencies
    print(f"\n{database}: {args.clients} clients, {elapsed:.0f} s")
    print(f"  requests      {len(latencies)} ({len(latencies) / elapsed:.1f} req/s)")
    print(
        "  latency       p50 {:.0f} ms, p95 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms".format(
            *(1000 * percentile(latencies, f) for f in (0.5, 0.95, 0.99, 1.0))
        )
    )
    print(f"  errors        {sum(stats.errors.values())}")
    for error, count in stats.errors.most_common(10):
        print(f"    {count:5d}  {error}")
    print(
        f"  enquiries     posted {len(posted)}, stored {len(stored_posted)}, "
        f"delivered {len(delivered)} ({'all' if delivered == posted else 'not all'} emailed "
        f"{drained:.0f} s after the load), "
        f"duplicates {duplicates}, statuses {dict(Counter(stored[r] for r in stored_posted))}"
    )
    if lost:
        print(f"  LOST          {lost} enquiries")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
