"""The site notice: shown on every page type only inside its window (worked out at render time),
in its plain or important style, hideable without JavaScript or cookies; the next start or end
for a page cache; Moderators manage it, Editors cannot. Also the urgent help bar every page
carries above its content."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pages.models import SiteNotice
from pages.models.site_notice import next_notice_change, notices_showing
from tests.factories import ServiceSettingsFactory
from tests.pages.conftest import PROJECT_PAGE_MODELS, page_of_type

pytestmark = pytest.mark.django_db

NOTICE_TEXT = "Groups are paused over Christmas"
URGENT_HELP = [
    ("entry", {"level": "non_urgent", "label": "Not urgent", "text": "Talk to your GP."}),
    ("entry", {"level": "emergency", "label": "Emergency", "text": "Call 999.", "phone": "999"}),
    ("entry", {"level": "urgent", "label": "Text support", "text": "Text.", "text_number": "85258"}),
    ("entry", {"level": "urgent", "label": "Urgent mental health help", "text": "Call 111.",
               "phone": "111"}),
]  # fmt: skip


def _notice(start: timedelta, end: timedelta, style: str = SiteNotice.PLAIN, **fields):
    now = timezone.now()
    return SiteNotice.objects.create(
        text=f'<p>{NOTICE_TEXT}. <a href="/contact/">Ask us</a></p>',
        style=style,
        starts_at=now + start,
        ends_at=now + end,
        **fields,
    )


@pytest.fixture
def page_urls(home) -> list[str]:
    """One page of every project page type, plus the 404 page."""
    return [page_of_type(model, home).url for model in PROJECT_PAGE_MODELS] + ["/no-such-page/"]


def _soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return BeautifulSoup(response.content, "html.parser")


def test_a_notice_shows_on_every_page_type_only_inside_its_window(client, page_urls):
    notice = _notice(timedelta(minutes=-5), timedelta(hours=1))
    for url in page_urls:
        region = _soup(client, url).select_one("main .app-notice")
        assert region is not None, url
        assert NOTICE_TEXT in region.get_text(), url
        assert region.select_one('a.govuk-link[href="/contact/"]'), url
    for start, end in [(timedelta(minutes=5), timedelta(hours=1)), (timedelta(hours=-2), -timedelta(seconds=1))]:  # fmt: skip
        notice.starts_at, notice.ends_at = timezone.now() + start, timezone.now() + end
        notice.save()
        for url in page_urls:
            assert _soup(client, url).select_one(".app-notice") is None, (url, start, end)


def test_the_window_is_start_inclusive_end_exclusive():
    notice = _notice(timedelta(hours=1), timedelta(hours=2))
    assert notices_showing(notice.starts_at - timedelta(microseconds=1)) == []
    assert notices_showing(notice.starts_at) == [notice]
    assert notices_showing(notice.ends_at - timedelta(microseconds=1)) == [notice]
    assert notices_showing(notice.ends_at) == []


def test_next_notice_change_is_the_next_start_or_end():
    now = timezone.now()
    assert next_notice_change(now) is None
    running = _notice(timedelta(hours=-1), timedelta(hours=3))
    later = _notice(timedelta(hours=2), timedelta(hours=5))
    assert next_notice_change(now) == later.starts_at
    assert next_notice_change(later.starts_at) == running.ends_at
    assert next_notice_change(running.ends_at) == later.ends_at
    assert next_notice_change(later.ends_at) is None


def test_styles_plain_and_important(client, home):
    _notice(timedelta(hours=-1), timedelta(hours=1))
    soup = _soup(client, home.url)
    plain = soup.select_one(".app-notice")
    assert "app-notice--plain" in plain["class"] and plain["role"] == "region"
    assert plain["aria-label"] == "Notice"
    SiteNotice.objects.update(style=SiteNotice.IMPORTANT)
    important = _soup(client, home.url).select_one(".app-notice")
    assert "govuk-notification-banner" in important["class"]
    title = important.select_one(".govuk-notification-banner__title")
    assert title.get_text(strip=True) == "Important"
    assert important["aria-labelledby"] == title["id"]


def test_hide_link_targets_the_marker_just_before_the_notice(client, home):
    """Hiding is CSS's `:target` (frontend/scss/_notice.scss): no script, no cookie."""
    _notice(timedelta(hours=-1), timedelta(hours=1))
    response = client.get(home.url)
    assert "Set-Cookie" not in response.headers
    soup = BeautifulSoup(response.content, "html.parser")
    notice = soup.select_one(".app-notice")
    marker = notice.find_previous_sibling()
    assert "app-notice-marker" in marker["class"]
    assert notice.select_one(".app-notice__hide a")["href"] == f"#{marker['id']}"


def test_end_must_come_after_start():
    now = timezone.now()
    notice = SiteNotice(text="<p>x</p>", starts_at=now, ends_at=now)
    with pytest.raises(ValidationError, match="after the start"):
        notice.full_clean()


# --- Who manages notices ------------------------------------------------------------------------


def _staff(django_user_model, client, group: str):
    user = django_user_model.objects.create_user(f"{group}-user", password="x", is_staff=True)
    user.groups.set(Group.objects.filter(name=group))
    client.force_login(user)
    return user


def _add_form() -> dict:
    now = timezone.localtime()
    return {
        "text": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Closed on Friday", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "style": "important",
        "starts_at": now.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (now + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
    }


def test_moderators_add_change_and_delete_notices(client, django_user_model, home):
    _staff(django_user_model, client, "Moderators")
    response = client.post(reverse("wagtailsnippets_pages_sitenotice:add"), _add_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = SiteNotice.objects.get()
    assert "Closed on Friday" in notice.text and notice.is_important
    assert notice.revisions.count() == 1  # edits are kept as revisions
    edit = reverse("wagtailsnippets_pages_sitenotice:edit", args=[notice.pk])
    assert client.get(edit).status_code == 200
    delete = reverse("wagtailsnippets_pages_sitenotice:delete", args=[notice.pk])
    assert client.post(delete).status_code == 302
    assert not SiteNotice.objects.exists()


def test_editors_cannot_touch_notices(client, django_user_model, home):
    user = _staff(django_user_model, client, "Editors")
    assert not any(user.has_perm(f"pages.{a}_sitenotice") for a in ("add", "change", "delete"))
    notice = _notice(timedelta(hours=-1), timedelta(hours=1))
    for url in (
        reverse("wagtailsnippets_pages_sitenotice:add"),
        reverse("wagtailsnippets_pages_sitenotice:edit", args=[notice.pk]),
        reverse("wagtailsnippets_pages_sitenotice:delete", args=[notice.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or response["Location"] == "/admin/", url
    assert client.post(reverse("wagtailsnippets_pages_sitenotice:add"), _add_form()).status_code in (302, 403)  # fmt: skip
    assert SiteNotice.objects.count() == 1


# --- The urgent help bar ------------------------------------------------------------------------


def test_every_page_type_starts_with_the_emergency_and_urgent_lines(client, page_urls):
    ServiceSettingsFactory(urgent_help=URGENT_HELP)
    for url in page_urls:
        soup = _soup(client, url)
        bar = soup.select_one("body > aside.app-urgent-bar")
        assert bar is not None and bar["aria-label"] == "Urgent help", url
        calls = [(a.parent.get_text(" ", strip=True), a["href"]) for a in bar.select("a")]
        assert calls == [
            ("Emergency: Call 999", "tel:999"),
            ("Urgent mental health help: Call 111", "tel:111"),
        ], url
        # Before the page's own content, and its first tap-to-call link.
        assert soup.select_one('a[href^="tel:"]') is bar.select_one("a"), url


def test_no_bar_without_urgent_lines(client, home):
    ServiceSettingsFactory(urgent_help=[])
    assert _soup(client, home.url).select_one(".app-urgent-bar") is None
