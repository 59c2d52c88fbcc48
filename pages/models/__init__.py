from .base import BasePage
from .home import HomePage
from .settings import ServiceSettings

__all__ = ["BasePage", "HomePage", "ServiceSettings"]
