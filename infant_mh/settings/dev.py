"""Local development: DEBUG on, runserver, email printed to the console."""

from .base import *  # noqa: F403
from .environment import env_bool, env_list, env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Templates change under runserver without a restart: the page cache would serve old markup.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
