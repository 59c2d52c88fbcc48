"""The feedback form on a real gunicorn deployment (production settings): a seeded content page
carries it, and yes, no + comment and the thank-you page all work without any cookie."""

from __future__ import annotations

import http.client
import re
import urllib.parse

from tests.foundation.test_live_server import fetch
from tests.live_site import LiveSite

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def post(site: LiveSite, path: str, data: dict[str, str]) -> http.client.HTTPResponse:
    """One form post, no cookie jar; whatever the answer, it must set no cookie."""
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=20)
    conn.request("POST", path, body=urllib.parse.urlencode(data), headers=FORM)
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    assert response.getheader("Set-Cookie") is None
    return response


def a_content_page(site: LiveSite) -> tuple[str, str]:
    """The path of a seeded page with the form, and the form's token."""
    sitemap = fetch(site, "/sitemap.xml").body.decode()
    for url in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        path = urllib.parse.urlsplit(url).path
        page = fetch(site, path)
        match = re.search(rb'name="token" value="([^"]+)"', page.body)
        if page.status == 200 and match:
            assert page.getheader("Set-Cookie") is None
            return path, match.group(1).decode()
    raise AssertionError("no page in the sitemap has the feedback form")


def test_feedback_works_without_cookies_on_the_live_site(live_site: LiveSite) -> None:
    path, token = a_content_page(live_site)

    yes = post(live_site, "/feedback/", {"token": token, "useful": "yes"})
    assert yes.status == 303
    thanks = fetch(live_site, yes.getheader("Location"))
    assert thanks.status == 200 and b"Thank you for your feedback" in thanks.body
    assert thanks.getheader("Set-Cookie") is None
    assert f'href="{path}"'.encode() in thanks.body  # back to the page answered about

    no = post(live_site, "/feedback/", {"token": token, "useful": "no"})
    assert no.status == 303
    step = fetch(live_site, no.getheader("Location"))
    assert step.status == 200 and step.getheader("Set-Cookie") is None
    response_token = re.search(rb'name="r" value="([^"]+)"', step.body).group(1).decode()
    sent = post(live_site, "/feedback/more/", {"r": response_token, "comment": "Night feeds"})
    assert sent.status == 303

    garbled = post(live_site, "/feedback/", {"token": "garbled", "useful": "yes"})
    assert garbled.status == 400 and b"could not be sent" in garbled.body
