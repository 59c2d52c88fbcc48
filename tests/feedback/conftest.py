"""Page feedback tests use the editorial fixtures: a home page, users in the role groups, SMTP."""

from tests.editorial.conftest import client_for, home, make_user, smtp

__all__ = ["client_for", "home", "make_user", "smtp"]
