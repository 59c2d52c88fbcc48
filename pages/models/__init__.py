"""The page types.

Adding one touches four files: the model (in an existing module here; a new module also needs
its import line below), its template `templates/pages/<model_name>.html`, its factory in the
pages section of `tests/factories.py`, and the migration `makemigrations pages` writes. The
tree, admin, preview and query-budget tests find it through Wagtail's `get_page_models()`.
"""

from .base import BasePage
from .content import ContentPage
from .home import HomePage
from .listings import PosterLibraryPage, ResourceIndexPage
from .search import SearchPage
from .search_terms import CrisisSearchTerm, SearchSynonym
from .sections import SectionLandingPage
from .service_settings import ServiceSettings
from .site_notice import SiteNotice

__all__ = [
    "BasePage",
    "ContentPage",
    "CrisisSearchTerm",
    "HomePage",
    "PosterLibraryPage",
    "ResourceIndexPage",
    "SearchPage",
    "SearchSynonym",
    "SectionLandingPage",
    "ServiceSettings",
    "SiteNotice",
]
