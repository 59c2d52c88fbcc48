"""Admin: a "Search" menu with the synonyms and crisis terms the site search uses.

Promoted results are Wagtail's own (Settings > Promoted search results).
"""

from __future__ import annotations

from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages.models.search_terms import CrisisSearchTerm, SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "list-ul"
    menu_label = "Synonyms"
    menu_order = 100
    list_display = ["name", Column("terms", label="Words and phrases", accessor="terms_inline")]
    ordering = ["name"]


class CrisisSearchTermViewSet(SnippetViewSet):
    model = CrisisSearchTerm
    icon = "warning"
    menu_label = "Crisis terms"
    menu_order = 200
    list_display = ["phrase"]
    list_per_page = 100
    ordering = ["phrase"]


class SearchTermsViewSetGroup(SnippetViewSetGroup):
    items = (SearchSynonymViewSet, CrisisSearchTermViewSet)
    menu_icon = "search"
    menu_label = "Search"
    menu_name = "search-terms"
    menu_order = 260
