"""Each role can do what it should through the real admin URLs, and is refused the rest.

One table: action -> the roles allowed to do it. A grant missing from a group, or one too many,
makes that role's test fail, naming every action that came out differently.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from enquiries.models import ContactTopic, Enquiry, Status
from pages.models import HomePage
from resources.choices import Audience
from resources.models import ResourceLink
from tests.editorial.conftest import ROLES, edit_page_form, edit_url, make_page
from tests.factories import ResourceLinkFactory

pytestmark = pytest.mark.django_db

EVERYONE_BUT_STAFF = {"editor", "moderator", "officer"}
CONTENT = {"editor", "moderator"}
MODERATOR = {"moderator"}
OFFICER = {"officer"}


def opens(url: str) -> Callable[[Client, HomePage], bool]:
    """Allowed: the page opens (200). Refused: 403, or a redirect to sign-in or to the dashboard
    with Wagtail's "permission denied" message. Anything else fails the test."""

    def check(client: Client, home: HomePage) -> bool:
        response = client.get(url)
        return _allowed(response, url)

    check.__name__ = f"opens {url}"
    return check


def _allowed(response, what: str) -> bool:
    if response.status_code == 200:
        return True
    if response.status_code == 403:
        return False
    assert response.status_code == 302, f"{what}: {response.status_code}"
    location = response["Location"]
    assert location.startswith("/admin/login/") or location == "/admin/", f"{what}: {location}"
    return False


def exports_enquiries(client: Client, home: HomePage) -> bool:
    _enquiry()
    response = client.get(reverse("enquiries_enquiry:index"), {"export": "csv"})
    if response.status_code == 200:
        assert response["Content-Type"].startswith("text/csv")
        return True
    return _allowed(response, "export")


def inspects_an_enquiry(client: Client, home: HomePage) -> bool:
    url = reverse("enquiries_enquiry:inspect", args=(_enquiry().pk,))
    response = client.get(url)
    return _allowed(response, url) and b"sam@example.org" in response.content


def resends_an_enquiry(client: Client, home: HomePage) -> bool:
    enquiry = _enquiry(status=Status.FAILED)
    client.post(reverse("enquiries_enquiry:resend", args=(enquiry.pk,)))
    enquiry.refresh_from_db()
    return enquiry.status == Status.QUEUED


def erases_enquiries(client: Client, home: HomePage) -> bool:
    enquiry = _enquiry()
    client.post(
        reverse("enquiries_enquiry:by_email"),
        {"email": enquiry.email, "action": "erase", "confirm": "yes"},
    )
    return not Enquiry.objects.filter(pk=enquiry.pk).exists()


def sees_enquiries_in_the_menu(client: Client, home: HomePage) -> bool:
    response = client.get(reverse("wagtailadmin_home"))
    return response.status_code == 200 and b"/admin/enquiries_enquiry/" in response.content


def sees_the_review_panel(client: Client, home: HomePage) -> bool:
    response = client.get(reverse("wagtailadmin_home"))
    return response.status_code == 200 and b"Your pages due for review" in response.content


def submits_a_page(client: Client, home: HomePage) -> bool:
    page = make_page(home)
    client.post(edit_url(page), edit_page_form(page, title="Submitted", **{"action-submit": "1"}))
    state = page.current_workflow_state
    return state is not None and state.status == "in_progress"


def publishes_a_page(client: Client, home: HomePage) -> bool:
    page = make_page(home)
    client.post(edit_url(page), edit_page_form(page, title="Published", **{"action-publish": "1"}))
    page.refresh_from_db()
    return page.live and page.title == "Published"


def approves_a_page(client: Client, home: HomePage) -> bool:
    page = make_page(home)
    page.title = "Approved"
    page.save_revision(user=page.owner)
    state = page.get_workflow().start(page, user=None)
    task_state = state.current_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    )
    page.refresh_from_db()
    return page.title == "Approved"


def publishes_a_useful_link(client: Client, home: HomePage) -> bool:
    link = ResourceLinkFactory(live=False)
    client.post(
        reverse("wagtailsnippets_resources_resourcelink:edit", args=(link.pk,)),
        {
            "title": link.title,
            "organisation": link.organisation,
            "url": link.url,
            "audience": Audience.BOTH,
            "summary": link.summary,
            "status": link.status,
            "last_checked": "",
            "editor_notes": "",
            "action-publish": "action-publish",
        },
    )
    return ResourceLink.objects.get(pk=link.pk).live


def _enquiry(status: Status = Status.SENT) -> Enquiry:
    topic = ContactTopic.objects.order_by("sort_order").first()
    return Enquiry.objects.create(
        name="Sam",
        email="sam@example.org",
        role="parent",
        topic=topic,
        topic_name=topic.name if topic else "",
        message="Hello",
        status=status,
    )


def edits_service_settings(client: Client, home: HomePage) -> bool:
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("pages", "servicesettings", site.pk))
    return opens(url)(client, home)


# Action -> who may do it. (Images and documents: Wagtail's collection permissions.)
ACTIONS: dict[str, tuple[Callable, set[str]]] = {
    "open the admin dashboard": (opens("/admin/"), EVERYONE_BUT_STAFF),
    "list posters": (opens("/admin/snippets/resources/poster/"), CONTENT),
    "create a poster": (opens("/admin/snippets/resources/poster/add/"), CONTENT),
    "list useful links": (opens("/admin/snippets/resources/resourcelink/"), CONTENT),
    "create a useful link": (opens("/admin/snippets/resources/resourcelink/add/"), CONTENT),
    "list topics": (opens("/admin/snippets/resources/topic/"), CONTENT),
    "create a topic": (opens("/admin/snippets/resources/topic/add/"), CONTENT),
    "list images": (opens("/admin/images/"), CONTENT),
    "upload an image": (opens("/admin/images/add/"), CONTENT),
    "list documents": (opens("/admin/documents/"), CONTENT),
    "upload a document": (opens("/admin/documents/add/"), CONTENT),
    "submit a page for moderation": (submits_a_page, CONTENT),
    "see the review panel": (sees_the_review_panel, CONTENT),
    "publish a page": (publishes_a_page, MODERATOR),
    "approve a page": (approves_a_page, MODERATOR),
    "publish a useful link": (publishes_a_useful_link, MODERATOR),
    "edit service settings": (edits_service_settings, MODERATOR),
    "list contact topics": (opens("/admin/enquiries_topic/"), MODERATOR),
    "see Enquiries in the menu": (sees_enquiries_in_the_menu, OFFICER),
    "list enquiries": (opens("/admin/enquiries_enquiry/"), OFFICER),
    "export enquiries": (exports_enquiries, OFFICER),
    "see an enquirer's details": (inspects_an_enquiry, OFFICER),
    "look up enquiries by email": (opens("/admin/enquiries_enquiry/by-email/"), OFFICER),
    "resend a failed enquiry": (resends_an_enquiry, OFFICER),
    "erase enquiries by email": (erases_enquiries, OFFICER),
}


@pytest.mark.parametrize("role", ROLES)
def test_role_can_do_exactly_what_it_should(role, client_for, home):
    client = client_for(role)
    outcome = {name: check(client, home) for name, (check, _) in ACTIONS.items()}
    expected = {name: role in allowed for name, (_, allowed) in ACTIONS.items()}
    wrong = {
        name: "allowed but should be refused" if outcome[name] else "refused but should be allowed"
        for name in ACTIONS
        if outcome[name] != expected[name]
    }
    assert not wrong, f"{role}: {wrong}"


def test_superusers_see_everything(client, django_user_model, home):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    assert all(check(client, home) for check, _ in ACTIONS.values())
