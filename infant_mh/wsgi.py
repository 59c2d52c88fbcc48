"""WSGI entry point; gunicorn serves it with production settings unless told otherwise.

Outermost first: malformed charsets are refused, then the page cache answers hits (see
caching/wsgi.py) before Django builds a request.
"""

import os

from django.core.wsgi import get_wsgi_application

from caching.wsgi import serve_cached_pages
from infant_mh.lean_imports import import_lean_after_setup, import_lean_before_setup
from infant_mh.request_validation import refuse_unusable_charsets

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infant_mh.settings.production")

# Without what the public site never uses (see infant_mh/lean_imports.py): some of it loads with
# Django's set-up, the rest with the URLconf and Wagtail's hooks.
import_lean_before_setup()
application = refuse_unusable_charsets(serve_cached_pages(get_wsgi_application()))
import_lean_after_setup()
