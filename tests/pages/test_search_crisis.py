"""Crisis searches: the urgent-help card comes first, before the search box and any result,
whatever the capitals, punctuation, plural or small spelling mistake. Ordinary searches do not
trigger it. Uses the seeded crisis terms (content/search-crisis-terms.yaml)."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup
from django.db import transaction

from pages.models import CrisisSearchTerm, HomePage, SearchPage
from pages.search_matching import edit_distance, matching_phrases, singular, tokens
from seed.content_files import CONTENT_DIR
from tests.factories import ServiceSettingsFactory
from tests.pages.conftest import make_content, make_section, publish_child

SEEDED_TERMS = [
    str(item["phrase"])
    for item in yaml.safe_load(
        (CONTENT_DIR / "search-crisis-terms.yaml").read_text(encoding="utf-8")
    )["items"]
]

# What a parent in distress might type: plurals, capitals, punctuation and misspellings.
CRISIS_QUERIES = [
    "samaritans",
    "Samaritan",
    "samaratins",
    "depression",
    "Depressions",
    "depresion",
    "deppression",
    "postnatal depression",
    "post natal depression",
    "PND",
    "pnd help",
    "suicide",
    "suicde",
    "suiside",
    "SUICIDAL thoughts",
    "sucidal",
    "crisis",
    "crises",
    "crisis line",
    "emergency",
    "emergancy",
    "Emergencies!",
    "shout",
    "SHOUT 85258",
    "self-harm",
    "self harming",
    "selfharm",
    "i can't cope",
    "cant cope with baby",
    "cannot cope",
    "not coping",
    "I want to die",
    "thinking of ending it all",
    "kill myself",
    "want to hurt my baby",
    "psychosis",
    "post-partum psychosis",
    "intrusive thoughts",
    "feeling hopeless",
    "overdoes",
    "suicid",
    "domestic abuse",
    "999",
]

ORDINARY_QUERIES = [
    "baby sleep",
    "feeding",
    "breastfeeding",
    "crying",
    "bonding",
    "posters",
    "training",
    "Solihull Approach",
    "expression",
    "short naps",
    "shoot",
    "bleeding gums",
    "dye",
    "emerging skills",
    "crisps",
    "homeless",
    "emergence of language",
    "first 1001 days",
]


@pytest.mark.parametrize("query", CRISIS_QUERIES)
def test_crisis_queries_match_a_seeded_term(query):
    assert matching_phrases(query, SEEDED_TERMS), query


@pytest.mark.parametrize("query", ORDINARY_QUERIES)
def test_ordinary_queries_match_no_crisis_term(query):
    assert matching_phrases(query, SEEDED_TERMS) == []


def test_matching_helpers():
    assert tokens("Can't  COPE!! Café") == ["cant", "cope", "cafe"]
    assert [singular(word) for word in ("babies", "crises", "stress", "crisis", "cry")] == [
        "baby",
        "crise",
        "stress",
        "crisis",
        "cry",
    ]
    assert edit_distance("suicide", "suicdie", 2) == 1  # a swap of neighbours is one edit
    assert edit_distance("depression", "expression", 2) == 2
    assert edit_distance("abc", "abcdefgh", 2) == 3  # stops early past the limit
    # Multi-word terms need their words in order, next to each other.
    assert matching_phrases("cope cant", ["cant cope"]) == []
    assert matching_phrases("hurt my baby", ["hurt my baby"]) == ["hurt my baby"]
    assert matching_phrases("my baby hurt", ["hurt my baby"]) == []


# --- Rendered: the urgent-help card comes first ------------------------------------------------


@pytest.fixture(scope="module")
def _crisis_site_module(django_db_setup, django_db_blocker):
    """Built once for the module (the query table renders dozens of searches), inside a
    transaction rolled back at the end; each test's own changes are rolled back too."""
    with django_db_blocker.unblock(), transaction.atomic():
        _build_crisis_site(HomePage.objects.get())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def crisis_site(_crisis_site_module, db) -> SearchPage:
    return SearchPage.objects.get()


def _build_crisis_site(home: HomePage) -> None:
    """A search page, the seeded crisis terms, urgent-help lines and a page most queries find."""
    ServiceSettingsFactory(
        urgent_help=[
            {
                "type": "entry",
                "value": {
                    "level": "emergency",
                    "label": "Emergency",
                    "text": "Call 999 if you or your baby are in danger.",
                    "phone": "999",
                },
            },
            {
                "type": "entry",
                "value": {
                    "level": "urgent",
                    "label": "Talk to Samaritans now",
                    "text": "Free, 24 hours a day.",
                    "phone": "116 123",
                },
            },
        ]
    )
    CrisisSearchTerm.objects.bulk_create(CrisisSearchTerm(phrase=term) for term in SEEDED_TERMS)
    section = make_section(home)
    make_content(
        section,
        "looking-after-yourself",
        title="Looking after yourself",
        summary="Depression, crisis, emergency, suicide, self harm, coping, Samaritans and Shout.",
    )
    publish_child(home, SearchPage)


def _main(client, query: str) -> BeautifulSoup:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").main


def _position(main: BeautifulSoup, selector: str) -> int | None:
    """Where the first element matching `selector` starts among all of main's elements."""
    found = main.select_one(selector)
    if found is None:
        return None
    return list(main.descendants).index(found)


@pytest.mark.django_db
@pytest.mark.parametrize("query", CRISIS_QUERIES)
def test_crisis_query_shows_urgent_help_before_everything_else(client, crisis_site, query):
    main = _main(client, query)
    urgent = _position(main, ".app-urgent-help")
    assert urgent is not None, f"no urgent help for {query!r}"
    assert "Call 999" in main.select_one(".app-urgent-help").get_text()
    for later in ("form[role=search]", ".app-search-results", ".app-search-help"):
        position = _position(main, later)
        assert position is None or urgent < position, f"{later} before urgent help ({query!r})"
    # Shown once, whether or not anything was found.
    assert len(main.select(".app-urgent-help")) == 1


@pytest.mark.django_db
def test_crisis_query_with_results_still_lists_them_after_urgent_help(client, crisis_site):
    main = _main(client, "depression")
    assert [a.get_text() for a in main.select(".app-search-results__title a")] == [
        "Looking after yourself"
    ]
    assert _position(main, ".app-urgent-help") < _position(main, ".app-search-results")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["baby sleep", "feeding", "looking after"])
def test_ordinary_query_with_results_has_no_urgent_help_card(client, crisis_site, query):
    make_content(
        crisis_site.get_parent(),
        "everyday",
        title="Everyday care",
        summary="Baby sleep, feeding and looking after your baby.",
    )
    main = _main(client, query)
    assert main.select(".app-search-results__item")
    assert main.select(".app-urgent-help") == []


@pytest.mark.django_db
def test_editors_can_add_a_crisis_term(client, crisis_site):
    before = _main(client, "nobody listens")
    assert _position(before, ".app-urgent-help") > _position(before, "form[role=search]")
    CrisisSearchTerm.objects.create(phrase="nobody listens")
    after = _main(client, "Nobody listens!")
    assert _position(after, ".app-urgent-help") < _position(after, "form[role=search]")
