"""WSGI entry point; gunicorn serves it with production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

from infant_mh.request_validation import refuse_unusable_charsets

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infant_mh.settings.production")

application = refuse_unusable_charsets(get_wsgi_application())
