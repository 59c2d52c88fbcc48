"""The search's seed content: crisis terms, synonyms and promoted results load from content/,
only what is missing, and bad items stop the run with a message naming the file and item."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from wagtail.contrib.search_promotions.models import SearchPromotion

from pages.models import CrisisSearchTerm, SearchSynonym
from seed.content_files import CONTENT_DIR, ContentFolder
from seed.errors import SeedContentError
from seed.item_lists import load_collection
from seed.references import References
from seed.search_promotions import PROMOTIONS_FILE, load_promotions
from seed.values import FieldValues
from tests.pages.conftest import make_content, make_section

pytestmark = pytest.mark.django_db


def _load_items(home, name: str) -> int:
    return load_collection(ContentFolder(), name, FieldValues(References(home), CONTENT_DIR))


def test_crisis_terms_and_synonyms_load_once(home):
    assert _load_items(home, "search-crisis-terms.yaml") >= 30
    assert _load_items(home, "search-synonyms.yaml") >= 3
    assert _load_items(home, "search-crisis-terms.yaml") == 0
    assert CrisisSearchTerm.objects.filter(phrase="suicide").exists()
    pnd = SearchSynonym.objects.get(name="Postnatal depression")
    assert {"PND", "postnatal depression", "baby blues"} <= set(pnd.term_list())


def test_seeded_promotions_point_at_seeded_pages():
    items = yaml.safe_load((CONTENT_DIR / PROMOTIONS_FILE).read_text(encoding="utf-8"))["items"]
    assert items
    for item in items:
        assert (CONTENT_DIR / "pages" / f"{item['page']}.yaml").is_file(), item


def _folder(tmp_path: Path, items: list[dict]) -> ContentFolder:
    root = tmp_path / "content"
    root.mkdir()
    (root / PROMOTIONS_FILE).write_text(yaml.safe_dump({"items": items}), encoding="utf-8")
    return ContentFolder(root)


def test_promotions_load_in_order_and_only_once(home, tmp_path):
    section = make_section(home)
    make_content(section, "crying", title="Crying and comforting")
    folder = _folder(
        tmp_path,
        [
            {"query": "Crying ", "page": "parents/crying", "description": "Why babies cry."},
            {"query": "crying", "url": "https://iconcope.org/", "title": "ICON"},
        ],
    )
    assert load_promotions(folder, References(home)) == 2
    assert load_promotions(folder, References(home)) == 0
    promotions = list(SearchPromotion.objects.order_by("sort_order"))
    assert [(p.query.query_string, p.title) for p in promotions] == [
        ("crying", "Crying and comforting"),
        ("crying", "ICON"),
    ]
    assert promotions[0].description == "Why babies cry."


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"page": "parents"}, "needs a `query:`"),
        ({"query": "x"}, "either `page:`"),
        ({"query": "x", "page": "nowhere"}, "no page at that slug path"),
        ({"query": "x", "url": "https://example.org/"}, "needs a `title:`"),
        ({"query": "x", "url": "not a url", "title": "T"}, "valid URL"),
        ({"query": "x", "page": "parents", "colour": "red"}, "unknown part(s): colour"),
    ],
)
def test_bad_promotions_stop_the_run_naming_the_item(home, tmp_path, item, message):
    make_section(home)
    with pytest.raises(SeedContentError) as error:
        load_promotions(_folder(tmp_path, [item]), References(home))
    assert message in str(error.value)
    assert "content/search-promotions.yaml, item 1" in str(error.value)
