"""Settings for Halal Portal: one module, every environment difference is an env var.

Embedded default (nothing set): SQLite, eager Celery, local media, console e-mail, DEBUG on.
Production (``DJANGO_ENV=production``): PostgreSQL via DATABASE_URL, Redis via CELERY_BROKER_URL,
S3-compatible object storage, a required DJANGO_SECRET_KEY. See ``.env.example``.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env("DJANGO_ENV", default="embedded")
if DJANGO_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'embedded' or 'production'")
PRODUCTION = DJANGO_ENV == "production"

# DEBUG is on only in the embedded mode, and can be turned off there too.
DEBUG = False if PRODUCTION else env.bool("DJANGO_DEBUG", default=True)

if PRODUCTION:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
            "in production"
        )
else:
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY", default="django-insecure-embedded-only-never-use-in-production"
    )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_fsm",
    "axes",
    "csp",
    # The project's apps, lowest layer first (README, "Architecture"; pyproject's import-linter
    # contract): seed_demo seeds them in this order.
    "accounts",
    "halal_portal",
    "certification",
    "audits",
    "slaughter",
    "labelling",
    "registry",
]

MIDDLEWARE = [
    "halal_portal.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Defence in depth in the browser: CSP with nonces, Permissions-Policy, resource policy and
    # no caching of what a logged-in user is shown (halal_portal/middleware.py).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "halal_portal.middleware.SecurityHeadersMiddleware",
    "halal_portal.middleware.StaffSessionMiddleware",
    # Last, as django-axes asks: it locks out after repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "halal_portal.urls"
WSGI_APPLICATION = "halal_portal.wsgi.application"

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "halal_portal.context_processors.portal",
    "csp.context_processors.nonce",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
    {
        # The public registry's pages, in registry/jinja2/ (registry/templating.py says why).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "registry.templating.environment",
            "context_processors": CONTEXT_PROCESSORS,
        },
    },
]

# --- Database -------------------------------------------------------------------------------
if PRODUCTION and not env("DATABASE_URL", default=""):
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production")
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if PRODUCTION and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: without them every request pays for a new backend process (about
    # ten times the cost of a simple query).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded mode serves several people at once (a meeting votes together): write-ahead
    # logging lets readers go on during a write, a busy timeout waits for the lock instead of
    # failing with "database is locked", and IMMEDIATE transactions take the write lock at BEGIN,
    # so a read-then-write transaction never dies upgrading its lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
# E-mail confirmation links stay valid this long.
ACCOUNT_ACTIVATION_DAYS = env.int("ACCOUNT_ACTIVATION_DAYS", default=3)

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_VERBOSE = False
# Behind the reverse proxy (docker-compose.yml) every request comes from the proxy's address: the
# client's is the one the trusted proxies appended to X-Forwarded-For, counted from the right, so
# an address the client wrote into the header itself is never believed. Without a proxy
# (API_NUM_PROXIES=0, the embedded default) only REMOTE_ADDR is read. The login lockout and the
# API's rate limits read it the same way (DRF's NUM_PROXIES). Lockout is keyed on the account AND
# the address together, so nobody can lock a stranger out with wrong passwords from elsewhere.
PROXY_COUNT = env.int("API_NUM_PROXIES", default=1 if PRODUCTION else 0)
AXES_CLIENT_IP_CALLABLE = "halal_portal.api.client_address"

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("kk", _("Kazakh")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Formats Django does not ship (Kazakh numbers: «45 000,00»).
FORMAT_MODULE_PATH = ["halal_portal.formats"]
TIME_ZONE = env("TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are private: they live outside the static root and are never served by URL,
# only through permission-checked views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-served/"

# Static files carry hashed names and a manifest in production (and when an image is built:
# the Dockerfile sets DJANGO_STATIC_MANIFEST for collectstatic).
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if PRODUCTION or env("AWS_STORAGE_BUCKET_NAME", default=""):
    # Several web and worker machines share one private object store (S3, MinIO).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Uploads: anything above 2.5 MB streams to a temporary file, never into memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_TEMP_DIR = env("FILE_UPLOAD_TEMP_DIR", default=None)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=50) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Cache ----------------------------------------------------------------------------------
# Shared by every web worker and machine in production (Redis): the per-IP rate limits of the
# public registry count across processes, and its certificate pages and API details are kept
# there until the certificate changes (registry/answers.py).
# CACHE_URL (or REDIS_URL) is redis://host:port/db, rediss://… or unix://…; the embedded default
# is a per-process memory cache, which is enough for one process.
CACHE_URL = env("CACHE_URL", default="") or env("REDIS_URL", default="")
if PRODUCTION and not CACHE_URL:
    raise ImproperlyConfigured(
        "CACHE_URL (or REDIS_URL) must point to Redis in production: the registry's rate "
        "limits are shared by all web workers"
    )
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            # Django's RedisCache that serves misses while Redis is away (halal_portal/cache.py);
            # a short connect timeout keeps a hung Redis from holding requests.
            "BACKEND": "halal_portal.cache.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="halal"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
elif CACHE_URL in ("", "locmem://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "halal-portal",
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=5000)},
        }
    }
else:
    raise ImproperlyConfigured("CACHE_URL must be redis://…, rediss://…, unix://… or locmem://")

# --- E-mail ---------------------------------------------------------------------------------
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Halal Portal <noreply@example.com>")

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
if PRODUCTION and not CELERY_BROKER_URL:
    raise ImproperlyConfigured("CELERY_BROKER_URL must point to Redis in production")
# Without a broker (the embedded default) tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Redis hands an unacknowledged task (acks_late: a worker died mid-task) to another worker after
# this many seconds; it must exceed the longest task, including a retry's countdown.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}

# --- DRF ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "halal_portal.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Halal Portal API",
    "DESCRIPTION": "Applications, dossier and registry of the halal certification body.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Security -------------------------------------------------------------------------------
# Content-Security-Policy (django-csp 4): no inline script anywhere (a script that must be inline
# carries {{ request.csp_nonce }}), no plugins, no framing, forms post to the portal only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The portal needs none of the browser's powerful features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SESSION_COOKIE_HTTPONLY = True
# Applicants stay logged in for Django's two weeks; the body's staff, who decide, do not.
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_MINUTES", default=30) * 60
STAFF_SESSION_MAX_SECONDS = env.int("STAFF_SESSION_MAX_HOURS", default=12) * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint logs every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Documents: the body's PAdES signature (halal_portal/signing.py) ------------------------
# Certificates, their annexes, protocols, acts and decision letters are signed with the body's
# key and certificate (PEM files). Production: REQUIRED, the body's real ones. Embedded mode:
# a self-signed pair under .signing/, made by `manage.py create_signing_key` (`make run` does it).
_SIGNING_DIR = BASE_DIR / ".signing"
PDF_SIGNING_KEY = env(
    "PDF_SIGNING_KEY", default="" if PRODUCTION else str(_SIGNING_DIR / "key.pem")
)
PDF_SIGNING_CERT = env(
    "PDF_SIGNING_CERT", default="" if PRODUCTION else str(_SIGNING_DIR / "cert.pem")
)
PDF_SIGNING_KEY_PASSPHRASE = env("PDF_SIGNING_KEY_PASSPHRASE", default="")
if PRODUCTION and not (PDF_SIGNING_KEY and PDF_SIGNING_CERT):
    raise ImproperlyConfigured(
        "PDF_SIGNING_KEY and PDF_SIGNING_CERT must point to the body's signing key and certificate"
    )
# The signer's name written into each signature (default: the certificate's subject).
PDF_SIGNER_NAME = env("PDF_SIGNER_NAME", default="")

# --- The commission (GOST 8.3, 8.10–8.19) ---------------------------------------------------
# Members the secretary must assign to an application before its review starts.
COMMISSION_MIN_MEMBERS = env.int("COMMISSION_MIN_MEMBERS", default=3)
# Quorum: strictly more than this share of the application's assigned members is present.
COMMISSION_QUORUM = env.float("COMMISSION_QUORUM", default=0.5)
# Majority: a question is adopted when votes for are strictly more than this share of votes cast
# (abstentions count as cast).
COMMISSION_MAJORITY = env.float("COMMISSION_MAJORITY", default=0.5)
# Whether the work on a stage waits until its invoice is paid (GOST 8.19).
WORK_WAITS_FOR_PAYMENT = env.bool("WORK_WAITS_FOR_PAYMENT", default=False)

# --- Scheduled jobs (Celery beat; times in TIME_ZONE) ---------------------------------------
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    # GOST 8.6: just after midnight, certificates past their end date become expired.
    "expire-certificates": {
        "task": "certification.tasks.expire_certificates_task",
        "schedule": crontab(hour=0, minute=15),
    },
    # Six months (renewal, GOST 8.18 annex cut-off) and one month before a certificate ends.
    "remind-expiring-certificates": {
        "task": "certification.tasks.remind_expiring_certificates_task",
        "schedule": crontab(hour=8, minute=0),
    },
    # GOST 8.16: a week before the deadline for corrective actions.
    "remind-corrective-deadlines": {
        "task": "audits.tasks.remind_corrective_deadlines_task",
        "schedule": crontab(hour=8, minute=0),
    },
    # Rendered documents (PDF) whose task was lost: broker down at commit, worker killed.
    "redispatch-documents": {
        "task": "halal_portal.tasks.redispatch_documents_task",
        "schedule": crontab(minute="*/5"),
    },
    # E-mails whose task never reached the broker.
    "send-pending-notification-emails": {
        "task": "accounts.tasks.send_pending_notification_emails_task",
        "schedule": crontab(minute="*/30"),
    },
}

# --- Public registry (/registry/, /api/v1/registry/) ----------------------------------------
# Requests per client IP to the anonymous registry API (DRF rate: N/second|minute|hour|day);
# over it the API answers 429 with Retry-After.
REGISTRY_API_RATE = env("REGISTRY_API_RATE", default="60/minute")
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    **REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}),
    "registry": REGISTRY_API_RATE,
}
# The «check a PDF» form of a certificate's page and its API: the largest file accepted, in MB
# (a certificate PDF is well under 1 MB); the check counts against REGISTRY_API_RATE.
REGISTRY_VERIFY_MAX_MB = env.int("REGISTRY_VERIFY_MAX_MB", default=20)
# Reverse proxies in front of the app: the client IP is taken from X-Forwarded-For that many hops
# back; 0 trusts no header (REMOTE_ADDR), so a client cannot pick its own IP to dodge the limit.
REST_FRAMEWORK["NUM_PROXIES"] = PROXY_COUNT
