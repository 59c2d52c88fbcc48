from .base import BasePage
from .content import ContentPage
from .home import HomePage
from .listings import PosterLibraryPage, ResourceIndexPage
from .search import SearchPage
from .sections import Audience, SectionLandingPage
from .service_settings import ServiceSettings

__all__ = [
    "Audience",
    "BasePage",
    "ContentPage",
    "HomePage",
    "PosterLibraryPage",
    "ResourceIndexPage",
    "SearchPage",
    "SectionLandingPage",
    "ServiceSettings",
]
