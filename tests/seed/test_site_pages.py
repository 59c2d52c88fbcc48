"""The seeded site: the page tree of content/, idempotent, never overwriting editors, and
carrying every fact of the council's page into the right place."""

from __future__ import annotations

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from pages.models import (
    ContentPage,
    HomePage,
    PosterLibraryPage,
    ResourceIndexPage,
    SearchPage,
    SectionLandingPage,
    ServiceSettings,
)
from tests.seed.conftest import content_file, seed

pytestmark = pytest.mark.django_db

BONDING_TIPS = content_file("pages/parents/ideas-to-help-you-bond.yaml")["body"][0]["tips"]["items"]
PARENT_QUOTES = [
    block["quote"]["quote"]
    for block in content_file("pages/professionals/solihull-approach-in-north-lincolnshire.yaml")[
        "body"
    ]
    if "quote" in block
]

# Facts, tips, quotes, organisations and contacts from content/source/infant-mental-health-page.txt
# as they must read somewhere on the seeded site (case- and whitespace-insensitive).
COUNCIL_PAGE_PHRASES = [
    # The mental health of babies
    "The mental health of babies",
    "as important as it is for older children and for adults",
    "the world is a safe place",
    "conception to age two",
    "language development and learning",
    "relationships with partners and their own children",
    "loving, trusting and secure relationship",
    "midwife, health visitor or children's centre",
    # Information for parents
    "more in the first two years than at any other time",
    "15 weeks",
    "17-fold",
    "last 20 weeks of pregnancy",
    "Touching your bump and talking to your baby",
    "two-million connections every second",
    "play dough",
    "building their future",
    "totally dependent on you",
    "at least one person in their world",
    "play, learn and make relationships well",
    "Their cry is a bit like an alarm",
    "leave them to cry",
    "rod for your back",
    "Cuddles",
    "rocking",
    "When your baby has had enough, they will look away",
    "their brain is working so hard",
    "life-long impact on learning, behaviour and health",
    "feeling hungry, for example, can feel life-threatening",
    "oxytocin",
    "Imagination Library",
    "under the age of five in North Lincolnshire",
    "Are you feeling tired? Is it time to have a sleep?",
    "does not mean you are spoiling them",
    "early years and childcare professional",
    "Babies First posters",
    "red book",
    "1000 Days website",
    "Building a happy baby",
    "your own mental health, or if your baby has been unwell",
    "Every Mum Matters",
    # Information for professionals
    "The first 1001 days",
    "period of rapid growth",
    "Parent Infant Partnership",
    "Association for Infant Mental Health",
    "the age of opportunity",
    "published in 2013 by the Wave Trust and the Department for Education (DfE)",
    "economic case for intervening early",
    "stage three",
    "Baby Friendly Initiative (BFI)",
    "videos, posters and information",
    "myth busting posters",
    "crying, comforting and routines",
    "first year after the birth",
    "moderate to severe mental health problem",
    "specialist perinatal mental health midwife",
    "NLaG NHS Trust",
    "RDaSH",
    "Birth to 19 (25 SEND)",
    "perinatal and infant mental health specialist health visitor",
    "Responsive and reciprocal early interactions",
    "time to start, respond to and end interactions",
    "serve and return",
    "Center on the Developing Child",
    "Early Years Foundation Stage (EYFS)",
    "day nurseries and childminders",
    "key person",
    "primary care-giving",
    "continuity and consistency of primary care",
    "Professional love in early years",
    "Solihull Approach parenting website",
    "quantitative and qualitative studies",
    "antenatal and postnatal period",
    "Understanding your baby",
    "family hubs",
    "containing and reciprocal way",
    "We offer local training for professionals in the Solihull Approach",
    "trialled with parents",
    "Please feel free to download and share within your organisation",
    "local infant mental health alliance",
    "share good practice, support families and promote consistent messages",
    "national research and policy",
    "infantmentalhealth@northlincs.gov.uk",
    *PARENT_QUOTES,
]


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return re.sub(r"\s+", " ", text.replace("\u201d", '"')).casefold()


def _render(client, page: Page) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return BeautifulSoup(response.content, "html.parser")


def _seed_again() -> None:
    seed()


@pytest.fixture(scope="module")
def site_html(_seeded_package, django_db_blocker) -> dict[str, str]:
    """Every live page's HTML by URL, rendered once for this module's read-only checks."""
    client = Client()
    rendered = {}
    with django_db_blocker.unblock():
        for page in Page.objects.live().filter(depth__gte=2):
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            rendered[page.url] = response.content.decode()
    return rendered


def _main_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").find("main").get_text(" ")


def test_seed_creates_the_design_page_tree(seeded):
    tree = {
        page.url: type(page).__name__
        for page in Page.objects.live().filter(depth__gte=2).specific()
    }
    assert tree["/"] == "HomePage"
    assert tree["/parents/"] == tree["/professionals/"] == "SectionLandingPage"
    for url in (
        "/parents/your-babys-brain-and-feelings/",
        "/parents/ideas-to-help-you-bond/",
        "/parents/crying-and-comforting/",
        "/parents/looking-after-yourself/",
        "/parents/find-out-more/",
        "/professionals/the-first-1001-days/",
        "/professionals/unicef-baby-friendly-initiative/",
        "/professionals/perinatal-mental-health/",
        "/professionals/responsive-interactions-and-the-solihull-approach/",
        "/professionals/out-of-home-settings-and-the-key-person/",
        "/professionals/solihull-approach-in-north-lincolnshire/",
        "/professionals/local-infant-mental-health-alliance/",
        "/accessibility/",
        "/privacy/",
        "/cookies/",
    ):
        assert tree[url] == "ContentPage", url
    assert tree["/posters/"] == "PosterLibraryPage"
    assert tree["/useful-links/"] == "ResourceIndexPage"
    assert tree["/search/"] == "SearchPage"
    assert tree["/contact/"] == "ContactPage"
    menu = [page.slug for page in seeded.get_children().live().in_menu()]
    assert menu == ["parents", "professionals", "posters", "useful-links", "contact"]


def test_every_seeded_page_has_a_summary_review_dates_and_a_revision(seeded):
    for page in Page.objects.filter(depth__gte=2).specific():
        assert page.live, page.url_path
        assert page.summary, page.url_path
        assert page.last_reviewed and page.next_review_due > page.last_reviewed, page.url_path
        assert page.latest_revision_id is not None, page.url_path


def test_seed_is_idempotent_and_keeps_editors_changes(seeded):
    count = Page.objects.count()
    crying = ContentPage.objects.get(slug="crying-and-comforting")
    crying.title = "Crying: an editor's title"
    crying.body = [{"type": "rich_text", "value": "<p>Rewritten by an editor.</p>"}]
    crying.save_revision().publish()
    home = HomePage.objects.get()
    home.intro = "<p>The editor's own introduction.</p>"
    home.save_revision().publish()
    settings = ServiceSettings.objects.get()
    settings.footer_links = [("link", {"label": "Only this", "url": "https://example.org/"})]
    settings.save()
    ContentPage.objects.get(slug="cookies").delete()

    _seed_again()

    assert Page.objects.count() == count  # the deleted cookies page came back, nothing doubled
    crying.refresh_from_db()
    assert crying.title == "Crying: an editor's title"
    assert "Rewritten by an editor." in str(crying.body)
    assert HomePage.objects.get().intro == "<p>The editor's own introduction.</p>"
    assert [link.value["label"] for link in ServiceSettings.objects.get().footer_links] == [
        "Only this"
    ]
    assert ContentPage.objects.filter(slug="cookies").count() == 1
    _seed_again()
    assert Page.objects.count() == count


def test_seed_if_empty_does_nothing_on_a_site_with_content(seeded):
    count = Page.objects.count()
    ContentPage.objects.get(slug="privacy").delete()
    call_command("seed_content", if_empty=True, stdout=io.StringIO())
    assert Page.objects.count() == count - 1


def test_every_fact_tip_quote_and_contact_is_on_the_seeded_site(site_html):
    site_text = _normalise(" ".join(_main_text(html) for html in site_html.values()))
    missing = [phrase for phrase in COUNCIL_PAGE_PHRASES if _normalise(phrase) not in site_text]
    assert missing == []


def test_the_twelve_tips_are_one_tips_block(seeded, client):
    soup = _render(client, ContentPage.objects.get(slug="ideas-to-help-you-bond"))
    items = soup.select(".app-tips-list > li")
    assert len(items) == len(BONDING_TIPS) == 12
    assert "oxytocin" in items[8].get_text()


def test_the_five_parent_quotes_are_quote_blocks_with_a_consent_field(seeded, client):
    page = ContentPage.objects.get(slug="solihull-approach-in-north-lincolnshire")
    quotes = [block.value for block in page.body if block.block_type == "quote"]
    assert [quote["quote"] for quote in quotes] == PARENT_QUOTES
    assert all("consent_date" in quote for quote in quotes)
    figures = _render(client, page).select("figure.app-quote blockquote")
    assert [figure.get_text(" ", strip=True) for figure in figures] == PARENT_QUOTES


def test_links_are_absolute_or_internal_and_page_links_resolve(seeded, client, site_html):
    external = set()
    checked = set(site_html)  # every live page's own URL answered 200 when it was rendered
    for url, html in site_html.items():
        for anchor in BeautifulSoup(html, "html.parser").select("main a[href]"):
            href = anchor["href"]
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                assert parts.netloc, href
                external.add(href)
            elif parts.scheme in ("mailto", "tel", "sms"):
                continue
            else:
                assert href.startswith(("/", "#", "?")), f"{url}: {href}"
                path = href.split("#")[0]
                served_by_django = not path.startswith(("/documents/", "/media/"))
                if path.startswith("/") and served_by_django and path not in checked:
                    assert client.get(path).status_code == 200, href
                    checked.add(path)
    for address in (
        "https://www.unicef.org.uk/babyfriendly/",
        "https://parentinfantfoundation.org.uk/1001-days/",
        "https://www.everymummatters.com/",
        "https://aimh.uk/",
        "https://www.wavetrust.org/conception-to-age-2-the-age-of-opportunity",
        "https://solihullapproachparenting.com/",
        "https://developingchild.harvard.edu/",
        "http://professionallove.group.shef.ac.uk/",
        "https://iconcope.org/",
    ):
        assert address in external, address


def test_text_never_promises_the_video_that_has_no_address(site_html):
    for url, html in site_html.items():
        assert "useful video" not in _normalise(_main_text(html)), url


def test_footer_links_and_urgent_help_are_seeded(seeded, client):
    soup = _render(client, seeded)
    footer = [a.get_text(strip=True) for a in soup.select("footer .app-footer__link")]
    assert footer == ["Accessibility statement", "Privacy notice", "Cookies", "Contact us"]
    assert soup.select_one('main a[href="tel:999"]') is not None


def test_parent_pages_show_the_compact_urgent_help_strip_and_others_do_not(site_html):
    for url, html in site_html.items():
        strip = BeautifulSoup(html, "html.parser").select_one(".app-urgent-strip")
        assert (strip is not None) == url.startswith("/parents/"), url


def test_each_page_type_renders(seeded, client):
    for model in (
        HomePage,
        SectionLandingPage,
        ContentPage,
        PosterLibraryPage,
        ResourceIndexPage,
        SearchPage,
    ):
        page = model.objects.live().first()
        soup = _render(client, page)
        assert soup.find("h1").get_text(strip=True) == page.title
        assert soup.select_one(".app-review-dates") is not None


def test_home_page_title_names_the_service_once(seeded, client):
    title = _render(client, seeded).title.get_text()
    assert title == "Infant mental health – North Lincolnshire Council"


def test_privacy_and_cookies_pages_say_what_the_law_needs(seeded, client):
    privacy = _normalise(_render(client, Page.objects.get(slug="privacy")).main.get_text(" "))
    for phrase in (
        "public task",
        "6(1)(e)",
        "365 days",
        "ico.org.uk",
        "0303 123 1113",
        "north lincolnshire council is the data controller",
        "your rights",
    ):
        assert phrase in privacy, phrase
    cookies = _normalise(_render(client, Page.objects.get(slug="cookies")).main.get_text(" "))
    for phrase in ("no non-essential cookies", "csrftoken", "session cookies", "analytics"):
        assert phrase in cookies, phrase


def test_seeding_again_writes_nothing(seeded):
    with CaptureQueriesContext(connection) as queries:
        seed()
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_service_settings_come_from_their_content_file(seeded):
    expected = content_file("service-settings.yaml")
    settings = ServiceSettings.objects.get()
    assert settings.inbox_email == expected["inbox_email"] == "infantmentalhealth@northlincs.gov.uk"
    assert settings.out_of_hours_notice == (
        "This inbox is not monitored out of hours and is not for emergencies."
    )
    entries = [child.value for child in settings.urgent_help]
    assert [entry["label"] for entry in entries] == [
        item["entry"]["label"] for item in expected["urgent_help"]
    ]
    assert {entry["verified_on"] for entry in entries} == {datetime.date(2026, 11, 1)}


def test_contact_page_texts_and_privacy_link_come_from_its_content_file(seeded):
    contact = Page.objects.get(slug="contact").specific
    assert contact.intro.startswith("<p>Use this form to ask the infant mental health team")
    assert "\u201cUnderstanding your baby\u201d" in contact.intro
    assert "nobody else" in contact.privacy_summary
    assert contact.what_happens_next.count("<p>") == 2
    assert contact.privacy_notice_page.specific == Page.objects.get(slug="privacy").specific
    assert contact.revisions.count() == 1


def test_page_links_in_markdown_become_wagtail_page_links(seeded):
    professionals = SectionLandingPage.objects.get(slug="professionals")
    posters = PosterLibraryPage.objects.get()
    assert f'<a linktype="page" id="{posters.pk}">download our Babies First posters</a>' in (
        professionals.intro
    )
    assert "page:" not in professionals.intro
