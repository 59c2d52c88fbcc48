"""Production: refuses to start without a real secret key and host list; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ADMIN_2FA_EXEMPT_USERNAMES, ALLOWED_HOSTS, SECRET_KEY
from .environment import env_bool

if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value (50+ characters) in production."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto. HTTPS_ONLY=false is only for
# serving over plain HTTP on a developer's own machine (`make run`).
HTTPS_ONLY = env_bool("HTTPS_ONLY", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY

# A sign-in without a second factor is only for a local account served over plain HTTP.
if ADMIN_2FA_EXEMPT_USERNAMES and HTTPS_ONLY:
    raise ImproperlyConfigured(
        "ADMIN_2FA_EXEMPT_USERNAMES is only for `make run` on your own machine (HTTPS_ONLY=false)."
    )
