"""Site-wide URLs that are not Wagtail pages (the content issue adds robots.txt and sitemap)."""

urlpatterns: list = []
