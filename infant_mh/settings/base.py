"""Settings shared by every environment. Safe by default: DEBUG off, no secret key.

Every value that differs between deployments is read from the environment here, through
``environment.py``; the other settings modules only adjust behaviour.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from pages.service_names import ORGANISATION_NAME, SERVICE_NAME

from .environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# --- Deployment values (all from the environment) --------------------------------------------

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# --- Database, and what a slow or unreachable one may cost a request -----------------------------
# PostgreSQL: connecting gives up after DATABASE_CONNECT_TIMEOUT seconds; the server cancels a
# statement after DATABASE_STATEMENT_TIMEOUT_MS and a lock wait after DATABASE_LOCK_TIMEOUT_MS.
# A server that is frozen (or a network that drops packets) never answers an established
# connection, which no server-side timeout covers: once a request has used
# DATABASE_REQUEST_TIMEOUT seconds (DATABASE_ADMIN_REQUEST_TIMEOUT in the admin), a database call
# still waiting has its connection cut (infant_mh/database_deadline.py, with the backend
# infant_mh/postgresql and the fail-fast infant_mh/database_breaker.py), and TCP keepalives notice
# a peer host that has gone. The request then gets the 503 page (infant_mh/database_unavailable.py).
# SQLite waits at most DATABASE_LOCK_TIMEOUT_MS for a write lock. CONTACT_FALLBACK_PHONE and
# CONTACT_FALLBACK_EMAIL are shown on the pages that render without the database.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 5000)
DATABASE_LOCK_TIMEOUT_MS = env_int("DATABASE_LOCK_TIMEOUT_MS", 3000)
DATABASE_REQUEST_TIMEOUT = float(env_str("DATABASE_REQUEST_TIMEOUT", "3"))
DATABASE_ADMIN_REQUEST_TIMEOUT = float(env_str("DATABASE_ADMIN_REQUEST_TIMEOUT", "25"))
CONTACT_FALLBACK_PHONE = env_str("CONTACT_FALLBACK_PHONE")  # none known yet: set it when deploying
CONTACT_FALLBACK_EMAIL = env_str("CONTACT_FALLBACK_EMAIL", "infantmentalhealth@northlincs.gov.uk")

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the email worker share the file: WAL lets them read while one writes,
    # and IMMEDIATE transactions avoid "database is locked" upgrades mid-transaction. Connections
    # are kept like PostgreSQL's: opening one (its PRAGMAs) and closing it (the WAL checkpoint of
    # the last one out) cost more than the queries of a page that needs any.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": DATABASE_LOCK_TIMEOUT_MS / 1000,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, plus the request deadline and failing fast while the server is silent.
    DATABASES["default"]["ENGINE"] = "infant_mh.postgresql"
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "connect_timeout": DATABASE_CONNECT_TIMEOUT,
        "options": (
            f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
            f" -c lock_timeout={DATABASE_LOCK_TIMEOUT_MS}"
            " -c idle_in_transaction_session_timeout=60000"
        ),
        # A peer host that vanishes: probe an idle connection after 10 s, give up after 3
        # unanswered probes 2 s apart, or after 10 s of unacknowledged sent data.
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": 10000,
    }

EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Infant mental health website <no-reply@northlincs.gov.uk>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"

# --- Applications -------------------------------------------------------------------------------

INSTALLED_APPS = [
    "caching",  # the page cache and its invalidation (bottom layer)
    "pages",
    "resources",
    "enquiries",
    "linkcheck",
    "groups",  # family hubs and "Understanding your baby" group sessions
    "feedback",
    "seed",
    "editorial",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",  # editors' promoted search results (search)
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: refuses malformed requests (bad Host, charset, NUL...) with a plain 4xx.
    "infant_mh.request_validation.RequestValidationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "infant_mh.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files need no database): bounds database time, 503 when it fails.
    "infant_mh.database_unavailable.DatabaseUnavailableMiddleware",
    "infant_mh.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "infant_mh.urls"
WSGI_APPLICATION = "infant_mh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# --- Background tasks ---------------------------------------------------------------------------
# Wagtail's own housekeeping tasks run immediately; enquiry email goes through the database queue
# ("database" alias) so that nothing queued is lost and no extra server is needed.
# Queues on the database backend: "enquiries" (sending email), "email" (all other site email and
# password-reset lookups, outbox and accounts apps) and "maintenance" (the periodic sweep and
# retention purge, and scheduled publishing and expiry; each re-schedules itself).
TASKS: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "enquiries", "maintenance", "email"],
    },
}

# How often the worker publishes pages and snippets whose "go live" time has passed and unpublishes
# expired ones (pages app, pages/scheduled_publishing.py).
SCHEDULED_PUBLISHING_INTERVAL_SECONDS = env_int("SCHEDULED_PUBLISHING_INTERVAL_SECONDS", 60)

# --- Security baseline (tightened further in production.py) -------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Public pages: only this site's own files, no inline script, nothing may frame us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
    },
}
# The Wagtail admin still needs inline scripts and styles; it is staff-only and logged-in.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
}
ADMIN_URL_PREFIXES = ("/admin/",)
# Wagtail's preview responses alone (the editor's preview panel, block previews) may be framed,
# by the admin itself: `frame-ancestors` and X-Frame-Options SAMEORIGIN (infant_mh/security.py).
PREVIEW_FRAME_ANCESTORS = ["'self'"]

# --- Wagtail ------------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = f"{SERVICE_NAME} – {ORGANISATION_NAME}"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.document_forms.PdfDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents (poster PDFs) may be as large as images; the poster form and the document library
# both refuse a bigger file with a form error.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "png"}
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        # One line per immediate Wagtail housekeeping task is noise; failures still show.
        "django_tasks": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},  # django-axes' banner on every start
    },
}

# --- Contact enquiries (enquiries app) ----------------------------------------------------------
# Enquiries are stored first, then emailed by the task worker (`manage.py db_worker`).
ENQUIRY_SEND_ACKNOWLEDGEMENT = env_bool("ENQUIRY_SEND_ACKNOWLEDGEMENT", True)
ENQUIRY_RETENTION_DAYS = env_int("ENQUIRY_RETENTION_DAYS", 365)
# Retry backoff in seconds after the 1st, 2nd, ... failed attempt; after the list runs out,
# retry every ENQUIRY_RETRY_REPEAT_SECONDS until ENQUIRY_RETRY_GIVE_UP_SECONDS after submission.
ENQUIRY_RETRY_DELAYS = [int(s) for s in env_list("ENQUIRY_RETRY_DELAYS", "60,300,900,3600")]
ENQUIRY_RETRY_REPEAT_SECONDS = env_int("ENQUIRY_RETRY_REPEAT_SECONDS", 4 * 60 * 60)
ENQUIRY_RETRY_GIVE_UP_SECONDS = env_int("ENQUIRY_RETRY_GIVE_UP_SECONDS", 48 * 60 * 60)
# An enquiry "sending" for longer than this is presumed abandoned by a killed worker.
ENQUIRY_STALE_SENDING_SECONDS = env_int("ENQUIRY_STALE_SENDING_SECONDS", 15 * 60)
ENQUIRY_MAINTENANCE_INTERVAL_SECONDS = env_int("ENQUIRY_MAINTENANCE_INTERVAL_SECONDS", 15 * 60)
ENQUIRY_RATE_LIMIT_COUNT = env_int("ENQUIRY_RATE_LIMIT_COUNT", 5)
ENQUIRY_RATE_LIMIT_WINDOW_SECONDS = env_int("ENQUIRY_RATE_LIMIT_WINDOW_SECONDS", 10 * 60)
ENQUIRY_MIN_FILL_SECONDS = env_int("ENQUIRY_MIN_FILL_SECONDS", 3)
# How many reverse proxies in front of gunicorn append to X-Forwarded-For. 0 = use REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# --- Link checker (linkcheck app) ---------------------------------------------------------------
# A weekly task checks every external web address in useful links, page text and settings.
LINKCHECK_INTERVAL_SECONDS = env_int("LINKCHECK_INTERVAL_SECONDS", 7 * 24 * 60 * 60)
LINKCHECK_TIMEOUT_SECONDS = env_int("LINKCHECK_TIMEOUT_SECONDS", 10)
LINKCHECK_CONCURRENCY = env_int("LINKCHECK_CONCURRENCY", 8)
LINKCHECK_MAX_REDIRECTS = env_int("LINKCHECK_MAX_REDIRECTS", 5)
LINKCHECK_USER_AGENT = (
    f"{SERVICE_NAME} link checker ({ORGANISATION_NAME}; +{WAGTAILADMIN_BASE_URL})"
)

# --- Roles, moderation and review reminders (editorial app) -------------------------------------
# Wagtail's moderation emails (submitted, approved, changes requested) go through EMAIL_BACKEND.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = True
# How often the worker emails page owners their pages due for review (one email per owner).
REVIEW_REMINDER_INTERVAL_SECONDS = env_int("REVIEW_REMINDER_INTERVAL_SECONDS", 7 * 24 * 60 * 60)

# --- Sign-in security and site email (accounts and outbox apps) ---------------------------------
INSTALLED_APPS += [
    "accounts",
    "outbox",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
# django-otp knows which device verified the session; ours sends unverified users to it.
_auth = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_auth + 1 : _auth + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # turns a lockout into our page (429)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out sign-ins before the password check
    "django.contrib.auth.backends.ModelBackend",
]

# All site email (Wagtail's notifications and password reset included) is queued on the
# "email" queue and sent by the task worker through EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# Backoff in seconds after the 1st, 2nd, ... failed send; then every OUTBOX_RETRY_REPEAT_SECONDS
# until the relay takes it (a queued message is never dropped).
OUTBOX_RETRY_DELAYS = [int(s) for s in env_list("OUTBOX_RETRY_DELAYS", "30,120,600,1800")]
OUTBOX_RETRY_REPEAT_SECONDS = env_int("OUTBOX_RETRY_REPEAT_SECONDS", 60 * 60)
# A relay that took a whole message but did not confirm it within EMAIL_TIMEOUT may have accepted
# it: it is retried once only, waiting this long for the confirmation, then left "sent, not
# confirmed" (never a third copy). A queued email still "running" after OUTBOX_STALE_RUNNING_SECONDS
# was abandoned by a killed worker and is re-queued by the maintenance sweep.
EMAIL_CONFIRM_TIMEOUT = env_int("EMAIL_CONFIRM_TIMEOUT", 120)
OUTBOX_STALE_RUNNING_SECONDS = env_int("OUTBOX_STALE_RUNNING_SECONDS", 15 * 60)

# Lockout (django-axes): AXES_FAILURE_LIMIT wrong passwords for one username from one client
# lock that pair out for AXES_COOLOFF_MINUTES. Unlock: `manage.py axes_reset_username NAME`.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock ends when the page says
AXES_CLIENT_IP_CALLABLE = "enquiries.abuse.client_ip"  # honours TRUSTED_PROXY_COUNT
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # keep failed attempts only, not a log of every sign-in
AXES_ENABLE_ADMIN = False  # no Django admin is mounted

# Second factor (django-otp): every admin user needs an authenticator app (TOTP) and gets
# recovery codes. ADMIN_2FA_EXEMPT_USERNAMES is for a local `make run` account only:
# production settings refuse it unless HTTPS_ONLY=false.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", True)
ADMIN_2FA_EXEMPT_USERNAMES = env_list("ADMIN_2FA_EXEMPT_USERNAMES")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Password reset: the same answer and time whatever the address; limited per client and address.
PASSWORD_RESET_RATE_LIMIT_COUNT = env_int("PASSWORD_RESET_RATE_LIMIT_COUNT", 5)
PASSWORD_RESET_RATE_LIMIT_WINDOW_SECONDS = env_int("PASSWORD_RESET_RATE_LIMIT_WINDOW_SECONDS", 3600)

# Admin sessions end after a working day without a request (each request extends them).
# Public pages still set no cookie: an empty session is never saved.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True

# --- Operations: worker heartbeat, health endpoints, security.txt (operations app) --------------
INSTALLED_APPS.append("operations")
# /healthz and /readyz are answered first, before the request validation's host check and the
# HTTPS redirect: a container healthcheck asks gunicorn directly, by its own address, over plain
# HTTP (operations/middleware.py; GET and HEAD only, no body read, plain text, no-store).
MIDDLEWARE.insert(0, "operations.middleware.HealthEndpointsMiddleware")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# The task worker (`manage.py run_worker`) records a heartbeat this often; /readyz fails when the
# newest is older than WORKER_HEARTBEAT_MAX_AGE_SECONDS, or when an email has been due (ready to
# send) for longer than EMAIL_QUEUE_MAX_WAIT_SECONDS. The admin dashboard warns enquiry officers.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 5)
WORKER_HEARTBEAT_MAX_AGE_SECONDS = env_int("WORKER_HEARTBEAT_MAX_AGE_SECONDS", 60)
EMAIL_QUEUE_MAX_WAIT_SECONDS = env_int("EMAIL_QUEUE_MAX_WAIT_SECONDS", 10 * 60)
# After a database error the worker waits 1 s, doubling up to this, and tries again.
WORKER_DB_RETRY_MAX_SECONDS = env_int("WORKER_DB_RETRY_MAX_SECONDS", 30)

# Page feedback ("Is this page useful?"): at most FEEDBACK_RATE_LIMIT_COUNT answers per client
# (a keyed hash of its address, blanked after the window) in FEEDBACK_RATE_LIMIT_WINDOW_SECONDS.
FEEDBACK_RATE_LIMIT_COUNT = env_int("FEEDBACK_RATE_LIMIT_COUNT", 20)
FEEDBACK_RATE_LIMIT_WINDOW_SECONDS = env_int("FEEDBACK_RATE_LIMIT_WINDOW_SECONDS", 60 * 60)

# --- Uploaded media: local files, or S3-compatible object storage (stateless app servers) -------
# By default images and documents are files under MEDIA_ROOT (`make run`, one machine). With
# MEDIA_STORAGE=s3 (the default as soon as AWS_STORAGE_BUCKET_NAME is set) they are objects in
# that bucket, so every app server and worker reads and writes the same files and keeps none on
# its own disk. Visitors never meet the bucket's address: the storage names files under /media/
# and the app streams them from the bucket (infant_mh/media_storage.py, infant_mh/media.py;
# documents through Wagtail's serve view), so the CSP keeps 'self' and the bucket stays private.
# Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or boto3's own chain when unset (an
# instance or task role). Other S3-compatible stores (MinIO, Ceph...): AWS_S3_ENDPOINT_URL, and
# AWS_S3_ADDRESSING_STYLE=path when the store has no per-bucket host names.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "s3" if AWS_STORAGE_BUCKET_NAME else "local").lower()
if MEDIA_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")
if MEDIA_STORAGE == "s3":
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    STORAGES["default"] = {
        "BACKEND": "infant_mh.media_storage.SiteServedS3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "location": env_str("AWS_LOCATION"),  # a key prefix inside the bucket, e.g. "media"
            "default_acl": None,  # private objects: only the app reads them
            "file_overwrite": False,  # a second "poster.pdf" gets a name of its own
            "connect_timeout": env_int("AWS_S3_CONNECT_TIMEOUT", 3),
            "read_timeout": env_int("AWS_S3_READ_TIMEOUT", 10),
        },
    }
# --- Page cache and HTTP caching (caching app; README: Caching) ---------------------------------
# The default cache needs no server: files under CACHE_DIR, shared by every gunicorn process and
# the task worker on this machine. With REDIS_URL (several app servers) it is Redis, through
# Django's own RedisCache. The content generation lives beside it (caching/generation.py).
CACHE_DIR = Path(env_str("CACHE_DIR", str(BASE_DIR / ".cache" / "pages")))
REDIS_URL = env_str("REDIS_URL")
CACHES: dict[str, dict[str, object]] = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "infant_mh"),
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR),
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    )
}
# Anonymous GET/HEAD of public pages come from the cache for up to PAGE_CACHE_SECONDS, less when
# the page shows something time-bound (caching.lifetime.cache_until), and until any public
# content changes. PAGE_CACHE_ENABLED=false renders every request (the benchmark's uncached mode).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
# What a shared cache in front (the edge cache, a CDN) may keep a public page for: s-maxage.
PAGE_CACHE_EDGE_SECONDS = env_int("PAGE_CACHE_EDGE_SECONDS", 60)
# A folder shared with the edge's nginx (compose's `edge-pages` volume): public pages are also
# written there as files that nginx sends itself (caching/page_files.py). Unset: no files.
EDGE_PAGES_DIR = env_str("EDGE_PAGES_DIR", "") or None
# Pages each gunicorn process keeps in memory (checked against the shared generation each time).
PAGE_CACHE_MEMORY_ENTRIES = env_int("PAGE_CACHE_MEMORY_ENTRIES", 128)
# Query parameters holding what a visitor typed (the search box): such pages are never stored
# in a shared cache and are `Cache-Control: private` (what visitors search for is never kept).
PAGE_CACHE_PRIVATE_PARAMETERS = frozenset({"q"})
# Saving or deleting these (apps, or app.Model) changes what visitors see: the page cache and the
# edge are purged after the transaction commits (caching/invalidation.py). Pages themselves
# count when published, unpublished, moved or deleted (a draft save changes nothing public).
CONTENT_CHANGE_MODELS = [
    "pages",  # service settings, site notices, search synonyms and crisis terms
    "resources",  # useful links, posters, topics
    "groups",  # family hubs, group sessions
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "wagtailsearchpromotions.SearchPromotion",
]
# Bookkeeping inside those apps: what visitors see does not depend on it.
CONTENT_CHANGE_IGNORED_MODELS = ["resources.PosterDownloadMonth"]
MIDDLEWARE.insert(0, "caching.middleware.PageCacheMiddleware")

# --- Edge cache and CDN: purged through Wagtail's frontend cache (caching/edge.py) --------------
# FRONTEND_CACHE_BACKEND says where purges go: `none` (the default: `make run` has no edge),
# `varnish` (compose's `cache` service, at FRONTEND_CACHE_LOCATION), `cloudflare`, `cloudfront`,
# `azure_cdn` or `azure_front_door`, or several, comma-separated. Whenever public content changes,
# every public URL of every site is purged once the change is committed; Wagtail also purges a
# page's own URLs when it is published or unpublished. Each backend's values come from the
# variables named below; a missing one, or a missing client library, stops the site at start-up.
# Credentials not listed here are read by the SDK itself: boto3's chain for CloudFront
# (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the instance's role), azure-identity's
# DefaultAzureCredential for Azure (AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_CLIENT_SECRET).
from importlib.util import find_spec  # noqa: E402

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

_FRONTEND_CACHE_CHOICES: dict[str, tuple[str, dict[str, str], str]] = {
    # name: (backend class, {option: environment variable}, Python package it needs)
    "varnish": ("caching.edge.VarnishBackend", {"LOCATION": "FRONTEND_CACHE_LOCATION"}, ""),
    "cloudflare": (
        "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        {"ZONEID": "CLOUDFLARE_ZONE_ID", "BEARER_TOKEN": "CLOUDFLARE_BEARER_TOKEN"},
        "requests",
    ),
    "cloudfront": (
        "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        {"DISTRIBUTION_ID": "CLOUDFRONT_DISTRIBUTION_ID"},
        "boto3",
    ),
    "azure_cdn": (
        "wagtail.contrib.frontend_cache.backends.AzureCdnBackend",
        {
            "RESOURCE_GROUP_NAME": "AZURE_RESOURCE_GROUP",
            "CDN_PROFILE_NAME": "AZURE_CDN_PROFILE",
            "CDN_ENDPOINT_NAME": "AZURE_CDN_ENDPOINT",
        },
        "azure.mgmt.cdn",
    ),
    "azure_front_door": (
        "wagtail.contrib.frontend_cache.backends.AzureFrontDoorBackend",
        {"RESOURCE_GROUP_NAME": "AZURE_RESOURCE_GROUP", "FRONT_DOOR_NAME": "AZURE_FRONT_DOOR_NAME"},
        "azure.mgmt.frontdoor",
    ),
}


def _installed(package: str) -> bool:
    try:
        return find_spec(package) is not None
    except ModuleNotFoundError:  # its parent package is missing
        return False


def _frontend_cache_backends() -> dict[str, dict[str, object]]:
    backends: dict[str, dict[str, object]] = {}
    for name in (item.lower() for item in env_list("FRONTEND_CACHE_BACKEND", "none")):
        if name == "none":
            continue
        if name not in _FRONTEND_CACHE_CHOICES:
            choices = ", ".join(["none", *_FRONTEND_CACHE_CHOICES])
            raise ImproperlyConfigured(f"FRONTEND_CACHE_BACKEND: {name!r} is not one of {choices}.")
        backend, variables, package = _FRONTEND_CACHE_CHOICES[name]
        missing = [variable for variable in variables.values() if not env_str(variable)]
        if missing:
            raise ImproperlyConfigured(f"FRONTEND_CACHE_BACKEND={name} needs {', '.join(missing)}.")
        if package and not _installed(package):
            raise ImproperlyConfigured(
                f"FRONTEND_CACHE_BACKEND={name} needs the Python package {package!r} in the image."
            )
        options: dict[str, object] = {"BACKEND": backend}
        options.update({option: env_str(variable) for option, variable in variables.items()})
        if name == "varnish":
            options["TIMEOUT"] = env_int("FRONTEND_CACHE_TIMEOUT", 5)
        if name.startswith("azure") and env_str("AZURE_SUBSCRIPTION_ID"):
            options["SUBSCRIPTION_ID"] = env_str("AZURE_SUBSCRIPTION_ID")
        if env_list("FRONTEND_CACHE_HOSTNAMES"):
            options["HOSTNAMES"] = env_list("FRONTEND_CACHE_HOSTNAMES")
        backends[name] = options
    return backends


WAGTAILFRONTENDCACHE = _frontend_cache_backends()
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
# Public routes that show content but are not pages, purged on every site with the pages:
# routes without arguments, and routes showing one row of a model by `pk`.
FRONTEND_CACHE_SITE_ROUTES = ["sitemap"]
FRONTEND_CACHE_OBJECT_ROUTES = {"group_session_ics": "groups.GroupSession"}
# --- Cheaper renders: what pages work out from the content, kept per process (pages app) ----------
# The site, routes, site chrome and page parts are kept in each process until the content
# generation changes (pages/content_memo.py); SiteLookupMiddleware hands Wagtail the request's
# site from there. CONTENT_MEMO_ENABLED=false computes them on every request instead.
CONTENT_MEMO_ENABLED = env_bool("CONTENT_MEMO_ENABLED", True)
MIDDLEWARE.append("pages.site_lookup.SiteLookupMiddleware")
# Wagtail's images, documents, snippets and redirects apps without the API v3 they would load
# into every worker (infant_mh/apps.py); the site mounts no Wagtail API.
LEAN_WAGTAIL_APPS = {
    "wagtail.images": "infant_mh.apps.ImagesConfig",
    "wagtail.documents": "infant_mh.apps.DocumentsConfig",
    "wagtail.snippets": "infant_mh.apps.SnippetsConfig",
    "wagtail.contrib.redirects": "infant_mh.apps.RedirectsConfig",
    "wagtail.embeds": "infant_mh.apps.EmbedsConfig",
}
INSTALLED_APPS = [LEAN_WAGTAIL_APPS.get(app, app) for app in INSTALLED_APPS]
