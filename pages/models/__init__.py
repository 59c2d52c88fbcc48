from .base import BasePage
from .contact import ContactPage
from .content import ContentPage
from .home import HomePage
from .listings import PosterLibraryPage, ResourceIndexPage
from .search import SearchPage
from .sections import SectionLandingPage
from .service_settings import ServiceSettings

__all__ = [
    "BasePage",
    "ContactPage",
    "ContentPage",
    "HomePage",
    "PosterLibraryPage",
    "ResourceIndexPage",
    "SearchPage",
    "SectionLandingPage",
    "ServiceSettings",
]
