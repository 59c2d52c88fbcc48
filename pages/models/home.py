"""The home page: the root of the public site."""

from .base import BasePage


class HomePage(BasePage):
    """Infant mental health (babies to age two): routes parents and professionals onwards."""

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    template = "pages/home_page.html"
