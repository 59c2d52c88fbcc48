"""WSGI entry point; gunicorn serves it with production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infant_mh.settings.production")

application = get_wsgi_application()
