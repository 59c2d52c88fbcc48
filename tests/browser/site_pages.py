"""Which page types exist on the seeded live site, and the URL (and visitor actions) for each.

Page URLs come from the live site's own database through `manage.py shell`, so page types are
covered as soon as they are built and seeded; a listed type that can't be found is reported by
the tests as missing, never skipped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

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
    path: str | None
    expected_status: int = 200
    action: Callable[[Page], None] | None = None
    missing_reason: str = ""
    tags: set[str] = field(default_factory=set)

    def open(self, page: Page, base_url: str) -> None:
        """Load this state in `page`; fail with a clear message if the page type is missing."""
        if self.path is None:
            raise AssertionError(f"Page type '{self.name}' is missing: {self.missing_reason}")
        response = page.goto(base_url + self.path, wait_until="load")
        assert response is not None
        assert response.status == self.expected_status, (
            f"{self.name}: {self.path} answered {response.status}, expected "
            f"{self.expected_status} (page type missing?)"
        )
        if self.action:
            self.action(page)


def _first(pages: list[SitePage], test: Callable[[SitePage], bool]) -> SitePage | None:
    return next((p for p in pages if test(p)), None)


def _found(name: str, match: SitePage | None, what: str, query: str = "") -> PageState:
    if match is None:
        return PageState(name, None, missing_reason=f"no live {what} in the seeded site")
    return PageState(name, match.url + query)


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


def discover_states(site: LiveSite) -> dict[str, PageState]:
    """The page types the issue lists, by name, each with its URL or why it is missing."""
    pages = list_live_pages(site)
    section = "SectionLandingPage"

    def landing(audience: str) -> SitePage | None:
        return _first(pages, lambda p: p.model == section and p.audience == audience)

    topic = _first(
        pages, lambda p: p.parent_model == section and p.parent_audience == "parents"
    ) or _first(pages, lambda p: p.parent_model == section)
    posters = _first(pages, lambda p: "Poster" in p.model)
    links = _first(pages, lambda p: p.model == "ResourceIndexPage")
    search = _first(pages, lambda p: p.model == "SearchPage")
    contact = _first(pages, lambda p: p.model == "ContactPage")
    statement = _first(pages, lambda p: p.slug == "accessibility")

    states = [
        PageState("home", "/"),
        _found("parents", landing("parents"), "parents' SectionLandingPage"),
        _found("professionals", landing("professionals"), "professionals' SectionLandingPage"),
        _found("topic", topic, "topic page under a section landing page"),
        _found("posters", posters, "poster library page"),
        _found("useful-links-filtered", links, "ResourceIndexPage", "?audience=professionals"),
        _found("search-results", search, "SearchPage", "?q=baby"),
        _found("search-empty", search, "SearchPage", "?q=zzzzqqq"),
        _found("contact", contact, "ContactPage"),
        _found("contact-errors", contact, "ContactPage"),
        _found("contact-sent", contact, "ContactPage"),
        _found("accessibility-statement", statement, "page with the slug 'accessibility'"),
        PageState("not-found", NOT_FOUND_PATH, expected_status=404),
    ]
    by_name = {state.name: state for state in states}
    by_name["contact-errors"].action = submit_contact_form_empty
    by_name["contact-sent"].action = submit_contact_form_valid
    by_name["contact-sent"].tags.add("changes-data")

    # Any other page type the site grows (privacy notice, cookies, ...) is covered too.
    covered_urls = {s.path.split("?")[0] for s in states if s.path}
    covered_models = {p.model for p in pages if p.url in covered_urls}
    for other in pages:
        if other.model not in covered_models:
            by_name[f"other-{other.model}"] = PageState(f"other-{other.model}", other.url)
            covered_models.add(other.model)
    return by_name


REQUIRED_STATE_NAMES = [
    "home",
    "parents",
    "professionals",
    "topic",
    "posters",
    "useful-links-filtered",
    "search-results",
    "search-empty",
    "contact",
    "contact-errors",
    "contact-sent",
    "accessibility-statement",
    "not-found",
]


def first_page_containing(site: LiveSite, states: dict[str, PageState], marker: str) -> str | None:
    """The path of the first discovered page whose HTML contains `marker`, e.g. '<details'."""
    import urllib.request

    for page in list_live_pages(site):
        with urllib.request.urlopen(site.base_url + page.url, timeout=10) as response:
            if marker in response.read().decode():
                return page.url
    return None
