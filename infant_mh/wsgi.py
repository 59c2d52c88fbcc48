"""WSGI entry point; gunicorn serves it with production settings unless told otherwise.

Outermost first: malformed charsets are refused, then the page cache answers hits (see
caching/wsgi.py) before Django builds a request.
"""

import os

from infant_mh.lean_imports import import_lean_after_setup, import_lean_before_setup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infant_mh.settings.production")
# Without what the public site never uses (see infant_mh/lean_imports.py): first what Django's
# models and set-up load, then, once they are loaded, what the URLconf and Wagtail's hooks load.
import_lean_before_setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402

from caching.wsgi import serve_cached_pages  # noqa: E402
from infant_mh.request_validation import refuse_unusable_charsets  # noqa: E402

application = refuse_unusable_charsets(serve_cached_pages(get_wsgi_application()))
import_lean_after_setup()
