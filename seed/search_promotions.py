"""Creates editors' promoted search results (Wagtail's search promotions) from
`content/search-promotions.yaml`, after the pages they point at exist.

Each item is one result for one search term: `query`, then `page` (a slug path below the home
page) or `url` and `title` (another website), and an optional `description`. An item is skipped
when its search term already promotes that page or address; new ones go after the term's others.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from seed.content_files import ContentFolder
from seed.errors import SeedContentError, reported_as
from seed.references import References

PROMOTIONS_FILE = "search-promotions.yaml"
ITEM_KEYS = {"query", "page", "url", "title", "description"}


def load_promotions(folder: ContentFolder, references: References) -> int:
    """Create the file's missing promotions; returns how many were created."""
    source = folder.label(folder.root / PROMOTIONS_FILE)
    data = folder.read(PROMOTIONS_FILE)
    with reported_as(source):
        items = data.get("items")
        if not isinstance(items, list):
            raise SeedContentError("needs a list of `items:`")
    created = 0
    for position, item in enumerate(items, start=1):
        with reported_as(f"{source}, item {position}"):
            created += _load_item(item, references)
    return created


def _load_item(item: Any, references: References) -> int:
    if not isinstance(item, dict):
        raise SeedContentError("each item needs `query:` and `page:` or `url:`")
    unknown = set(item) - ITEM_KEYS
    if unknown:
        raise SeedContentError(f"unknown part(s): {', '.join(sorted(unknown))}")
    query_string = normalise_query_string(str(item.get("query") or "")).strip()
    if not query_string:
        raise SeedContentError("needs a `query:` (the search term)")
    if bool(item.get("page")) == bool(item.get("url")):
        raise SeedContentError("needs either `page:` (a slug path) or `url:` and `title:`")
    page = references.page(str(item["page"])) if item.get("page") else None
    url = str(item.get("url") or "")
    if url and not item.get("title"):
        raise SeedContentError("a `url:` needs a `title:` to show")

    query = Query.objects.filter(query_string=query_string).first()
    if query is not None:
        existing = query.editors_picks.filter(page=page) if page else query.editors_picks
        if existing.filter(external_link_url=url).exists():
            return 0
    else:
        query = Query.objects.create(query_string=query_string)
    last = query.editors_picks.aggregate(last=Max("sort_order"))["last"]
    promotion = SearchPromotion(
        query=query,
        page=page,
        external_link_url=url,
        external_link_text=str(item.get("title") or "") or None,
        description=str(item.get("description") or ""),
        sort_order=0 if last is None else last + 1,
    )
    try:
        promotion.full_clean()
    except ValidationError as error:
        raise SeedContentError("; ".join(error.messages)) from None
    promotion.save()
    return 1
