"""WSGI entry point; gunicorn serves it with production settings unless told otherwise.

Outermost first: malformed charsets are refused, then the page cache answers hits (see
caching/wsgi.py) before Django builds a request.
"""

import os

from django.core.wsgi import get_wsgi_application

from caching.wsgi import serve_cached_pages
from infant_mh.lean_imports import import_rest_framework_lean
from infant_mh.request_validation import refuse_unusable_charsets

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infant_mh.settings.production")

application = refuse_unusable_charsets(serve_cached_pages(get_wsgi_application()))
# Before the URLconf and Wagtail's hooks load Django REST framework (see infant_mh/lean_imports.py).
import_rest_framework_lean()
