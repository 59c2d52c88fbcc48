"""Site-wide URLs that are not Wagtail pages: robots.txt and sitemap.xml."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from pages.views import robots_txt

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
