"""The page states the browser tests visit: the seeded site's own URLs, by name, plus one page of
every other page type the site grows (found in the live site's database).

The URLs are those `seed_content` creates, so the tests do not depend on how page types are named
or where their classes live; a URL that does not answer is reported as a failure, never skipped.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page

from tests.live_site import LiveSite

NOT_FOUND_PATH = "/no-such-page-for-the-accessibility-tests/"

_LIST_PAGES = """
import json
from wagtail.models import Page
rows = []
for page in Page.objects.live().public().specific().order_by("path"):
    if page.depth < 2:
        continue
    parent = page.get_parent().specific
    rows.append({
        "model": type(page).__name__,
        "url": page.get_url_parts()[2] if page.get_url_parts() else None,
        "slug": page.slug,
        "audience": str(getattr(page, "audience", "") or ""),
        "parent_model": type(parent).__name__,
        "parent_audience": str(getattr(parent, "audience", "") or ""),
    })
print(json.dumps(rows))
"""


@dataclass(frozen=True)
class SitePage:
    model: str
    url: str
    slug: str
    audience: str
    parent_model: str
    parent_audience: str


def list_live_pages(site: LiveSite) -> list[SitePage]:
    """Every live public page of the running site, in tree order."""
    output = site.manage("shell", "-c", _LIST_PAGES).stdout
    rows = json.loads(output.strip().splitlines()[-1])
    return [SitePage(**row) for row in rows if row["url"]]


@dataclass
class PageState:
    """One thing a visitor can see: a page type, reached by a URL and optional actions."""

    name: str
    path: str
    expected_status: int = 200
    action: Callable[[Page], None] | None = None

    def open(self, page: Page, base_url: str) -> None:
        """Load this state in `page`; fail with a clear message if its page is missing."""
        response = page.goto(base_url + self.path, wait_until="load")
        assert response is not None
        assert response.status == self.expected_status, (
            f"{self.name}: {self.path} answered {response.status}, expected "
            f"{self.expected_status} (missing from the seeded site?)"
        )
        if self.action:
            self.action(page)


CONTACT_PATH = "/contact/"
CONTACT_FORM = "main form[method='post'], main form[method='POST']"


def submit_contact_form_empty(page: Page) -> None:
    """Send the contact form with nothing filled in (the 'with errors' state)."""
    with page.expect_navigation():
        page.locator(CONTACT_FORM).first.locator("[type=submit]").first.click()


_HIDDEN_FROM_PEOPLE = "el => el.tabIndex < 0 || !!el.closest('[aria-hidden=true]')"


def fill_contact_form(page: Page) -> None:
    """Fill every visible field of the contact form with a valid answer."""
    form = page.locator(CONTACT_FORM).first
    for field_handle in form.locator("input, textarea, select").all():
        if not field_handle.is_visible() and field_handle.get_attribute("type") not in (
            "radio",
            "checkbox",
        ):
            continue
        kind = (field_handle.get_attribute("type") or "").lower()
        tag = field_handle.evaluate("el => el.tagName.toLowerCase()")
        if kind in ("hidden", "submit", "button") or field_handle.is_disabled():
            continue
        if field_handle.evaluate(_HIDDEN_FROM_PEOPLE):
            continue  # the spam trap: a field people never see or reach
        if tag == "select":
            values = [
                v
                for v in field_handle.locator("option").evaluate_all(
                    "opts => opts.map(o => o.value)"
                )
                if v
            ]
            field_handle.select_option(values[0])
        elif kind == "radio":
            name = field_handle.get_attribute("name")
            if not form.locator(f"input[type=radio][name='{name}']:checked").count():
                field_handle.check(force=True)
        elif kind == "checkbox":
            if field_handle.get_attribute("required") is not None:
                field_handle.check(force=True)
        elif kind == "email":
            field_handle.fill("parent@example.org")
        elif kind == "tel":
            field_handle.fill("01724 296000")
        elif tag == "textarea":
            field_handle.fill("Please tell me about the Understanding your baby groups.")
        elif kind in ("", "text"):
            autocomplete = field_handle.get_attribute("autocomplete") or ""
            field_handle.fill("DN15 6NL" if "postal" in autocomplete else "Alex Parent")


# The contact form treats a form sent sooner than this after it was shown as automated.
MIN_FILL_SECONDS = 3.2
_confirmation_urls: list[str] = []


def submit_contact_form_valid(page: Page) -> None:
    """Send one complete enquiry per test session, then revisit its confirmation page (the form
    redirects there: Post/Redirect/Get), so the tests stay well inside the rate limit."""
    if _confirmation_urls:
        page.goto(_confirmation_urls[0], wait_until="load")
        return
    fill_contact_form(page)
    page.wait_for_timeout(MIN_FILL_SECONDS * 1000)
    submit_contact_form_empty(page)
    assert "/sent/" in page.url, f"the valid enquiry was not accepted: {page.url}"
    _confirmation_urls.append(page.url)


# Each state the issue lists, at its URL on the seeded site.
SEEDED_STATES = [
    PageState("home", "/"),
    PageState("parents", "/parents/"),
    PageState("professionals", "/professionals/"),
    PageState("topic", "/parents/your-babys-brain-and-feelings/"),
    PageState("posters", "/posters/"),
    PageState("useful-links-filtered", "/useful-links/?audience=professionals"),
    PageState("search-results", "/search/?q=baby"),
    PageState("search-empty", "/search/?q=zzzzqqq"),
    # Urgent help first (a misspelt crisis term), then the help a search that finds nothing gets.
    PageState("search-crisis", "/search/?q=sucidal+thoghts"),
    PageState("contact", CONTACT_PATH),
    PageState("contact-errors", CONTACT_PATH, action=submit_contact_form_empty),
    PageState("contact-sent", CONTACT_PATH, action=submit_contact_form_valid),
    PageState("accessibility-statement", "/accessibility/"),
    PageState("not-found", NOT_FOUND_PATH, expected_status=404),
]


def discover_states(site: LiveSite) -> dict[str, PageState]:
    """The seeded states, plus one page of each page type none of them shows (privacy notice,
    cookies, ...), so a new page type is covered as soon as it is seeded."""
    by_name = {state.name: state for state in SEEDED_STATES}
    pages = list_live_pages(site)
    covered_paths = {state.path.split("?")[0] for state in SEEDED_STATES}
    covered_models = {page.model for page in pages if page.url in covered_paths}
    for other in pages:
        if other.model not in covered_models:
            by_name[f"other-{other.model}"] = PageState(f"other-{other.model}", other.url)
            covered_models.add(other.model)
    return by_name


REQUIRED_STATE_NAMES = [state.name for state in SEEDED_STATES]


def first_page_containing(site: LiveSite, states: dict[str, PageState], marker: str) -> str | None:
    """The path of the first discovered page whose HTML contains `marker`, e.g. '<details'."""
    for page in list_live_pages(site):
        with urllib.request.urlopen(site.base_url + page.url, timeout=10) as response:
            if marker in response.read().decode():
                return page.url
    return None
