"""A whole run against the loopback server: stored outcomes and uses, and useful links that fail
twice in a row leaving the public site (and coming back when fixed or confirmed), with the
editors told by email."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from linkcheck.models import AddressUse, CheckedAddress
from linkcheck.outcomes import Outcome
from linkcheck.run import run_link_check
from resources.choices import LinkStatus
from resources.models import ResourceLink
from tests.factories import SearchPageFactory
from tests.linkcheck.content import build_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(web, refused_url):
    return build_content(web, refused_url)


def public_titles(client, content) -> list[str]:
    response = client.get(content.useful_links_page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(h.get_text() for h in soup.select("h2.app-resource-list__title"))


def page_link_titles(client, content) -> list[str]:
    soup = BeautifulSoup(client.get(content.page.url).content, "html.parser")
    return [a.get_text() for a in soup.select(".app-resource-list__title a")]


def editor(django_user_model, username: str, group: str, email: str):
    user = django_user_model.objects.create_user(username, email, "a long passphrase 1")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_a_run_stores_each_address_once_with_its_outcome_and_uses(
    content, web, refused_url, checker
):
    summary = run_link_check(checker)

    assert summary == {
        "addresses": 6,
        "ok": 2,
        "redirected": 1,
        "broken": 2,
        "error": 1,
        "failed": 3,
        "hidden": 0,
    }
    stored = {a.url: a for a in CheckedAddress.objects.all()}
    assert stored[web.url("/ok")].outcome == Outcome.OK
    assert stored[web.url("/no-head")].outcome == Outcome.OK
    moved = stored[web.url("/moved")]
    assert (moved.outcome, moved.status_code, moved.final_url) == (
        Outcome.REDIRECTED,
        200,
        web.url("/ok"),
    )
    assert moved.redirects == [{"status": 301, "url": web.url("/moved")}]
    assert moved.result_text == "301 → 200"
    assert (stored[web.url("/missing")].outcome, stored[web.url("/missing")].status_code) == (
        Outcome.BROKEN,
        404,
    )
    assert stored[web.url("/error")].status_code == 500
    assert stored[refused_url].error == "Connection refused"
    assert all(a.checked_at for a in stored.values())
    assert {a.url: a.consecutive_failures for a in stored.values() if a.failed} == {
        web.url("/missing"): 1,
        web.url("/error"): 1,
        refused_url: 1,
    }
    missing_uses = {str(use) for use in stored[web.url("/missing")].uses.all()}
    assert missing_uses == {
        "Page “Crying” (Body › Text)",
        "Useful link “Missing link” (Web address)",
    }
    assert AddressUse.objects.count() == 8

    run_link_check(checker)  # the same uses again, not twice as many
    assert AddressUse.objects.count() == 8
    assert CheckedAddress.objects.get(url=refused_url).consecutive_failures == 2


def test_useful_links_failing_twice_leave_the_site_and_editors_are_told(
    content, checker, client, smtp, django_user_model
):
    editor(django_user_model, "ed", "Editors", "ed@example.org")
    editor(django_user_model, "mo", "Moderators", "mo@example.org")
    editor(django_user_model, "nomail", "Editors", "")
    every_link = ["Missing link", "Moved link", "Refused link", "Working link"]
    assert public_titles(client, content) == every_link

    first = run_link_check(checker)
    assert first["hidden"] == 0
    assert public_titles(client, content) == every_link  # once may be a blip
    assert smtp.messages == []

    second = run_link_check(checker)
    assert second["hidden"] == 2
    assert public_titles(client, content) == ["Moved link", "Working link"]
    assert page_link_titles(client, content) == []  # the page's chosen list hides it too
    missing = ResourceLink.objects.get(pk=content.missing.pk)
    assert (missing.status, missing.failed_checks) == (LinkStatus.BROKEN, 2)
    assert missing.last_checked is not None

    messages = smtp.wait_for(2)
    assert sorted(str(m["To"]) for m in messages) == ["ed@example.org", "mo@example.org"]
    message = messages[0]
    assert message["Subject"] == "2 useful links taken off the website: not working twice in a row"
    text = message.get_content()
    assert "Missing link" in text and "Refused link" in text and "Working link" not in text
    assert "404" in text and "Connection refused" in text
    assert f"http://testserver/admin/snippets/resources/resourcelink/edit/{missing.pk}/" in text
    assert "http://testserver/admin/reports/broken-links/" in text

    run_link_check(checker)  # still broken: no second email about the same links
    assert len(smtp.messages) == 2


def test_correcting_the_address_brings_a_hidden_link_back(content, checker, client, web):
    run_link_check(checker)
    run_link_check(checker)
    link = ResourceLink.objects.get(pk=content.missing.pk)
    assert link.hidden_by_checker

    link.url = web.url("/ok")  # an editor corrects the address (status still says Broken)
    link.save_revision().publish()

    link.refresh_from_db()
    assert (link.status, link.failed_checks) == (LinkStatus.OK, 0)
    assert "Missing link" in public_titles(client, content)
    assert run_link_check(checker)["hidden"] == 0
    assert "Missing link" in public_titles(client, content)


def test_an_editor_confirming_a_link_works_keeps_it_on_the_site(content, checker, client):
    run_link_check(checker)
    run_link_check(checker)
    link = ResourceLink.objects.get(pk=content.refused.pk)
    assert not link.is_public

    link.status = LinkStatus.OK  # "it does work": saved with status Working
    link.save_revision().publish()

    link.refresh_from_db()
    assert (link.status, link.failed_checks, link.confirmed_working) == (LinkStatus.OK, 0, True)
    for _ in range(3):
        run_link_check(checker)
    link.refresh_from_db()
    assert link.status == LinkStatus.OK and link.failed_checks == 3
    assert "Refused link" in public_titles(client, content)


def search_titles(client, terms: str) -> list[str]:
    soup = BeautifulSoup(client.get("/search/", {"q": terms}).content, "html.parser")
    return [
        item.select_one("a").get_text(strip=True)
        for item in soup.select(".app-search-results__item")
    ]


def test_a_link_marked_broken_by_hand_is_not_public(content, client):
    SearchPageFactory()
    assert search_titles(client, "working") == ["Working link"]
    assert "Working link" in public_titles(client, content)

    link = ResourceLink.objects.get(pk=content.working.pk)
    link.status = LinkStatus.BROKEN  # an editor marks it Broken
    link.save_revision().publish()

    assert "Working link" not in public_titles(client, content)
    assert search_titles(client, "working") == []


def test_a_link_is_only_counted_while_its_address_stays_the_same(content, checker, web):
    run_link_check(checker)
    link = ResourceLink.objects.get(pk=content.missing.pk)
    assert link.failed_checks == 1
    link.url = web.url("/error")
    link.save_revision().publish()
    link.refresh_from_db()
    assert link.failed_checks == 0
    run_link_check(checker)
    link.refresh_from_db()
    assert (link.failed_checks, link.status) == (1, LinkStatus.OK)
