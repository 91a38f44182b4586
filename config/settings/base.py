"""Settings for Locality Hub, read from the environment.

Every variable has a safe default for a developer's machine; production sets
DJANGO_DEBUG=false, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL
(see README, "Settings").
"""

import datetime
from pathlib import Path

import environ
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; the real environment wins

# GENERAL ----------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=True)


def dev_only_key(debug: bool) -> str:
    if not debug:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is off.")
    return "dev-only-insecure-key-never-use-in-production"  # noqa: S105


SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or dev_only_key(DEBUG)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# INTERNATIONALISATION ---------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]

# DATABASE ---------------------------------------------------------------------
SQLITE_DEFAULT = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db("DATABASE_URL", default=SQLITE_DEFAULT)}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# A worker keeps its PostgreSQL connection between requests (the background
# worker between polls) for this long, checked before reuse: opening one per
# request cost ~10 ms a page. SQLite opens a file, not a connection worth keeping.
_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "DJANGO_CONN_MAX_AGE", default=60 if _POSTGRES else 0
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The hub's queries are short and many. PostgreSQL plans some of them in
# parallel (a query over a large table expected to return few rows), and
# starting its workers cost more than the whole query: the open concerns'
# count and page 11 and 10 ms at 100,000 cases, 2.3 and 1.6 ms without.
# 0 turns parallel plans off for the hub's connections; a database server
# with cores to spare for long reports may allow some.
# Added to any `options` the DATABASE_URL gives (`?options=...`), not over them.
if _POSTGRES:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _workers = env.int("DJANGO_PG_PARALLEL_WORKERS", default=0)
    _options["options"] = " ".join(
        filter(
            None,
            [_options.get("options"), f"-c max_parallel_workers_per_gather={_workers}"],
        )
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# APPS -------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "viewflow",
    "viewflow.workflow",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "background",
    "cases",
    "triage",
    "pathways",
    "equipment",
    "safeguarding",
    "rota",
    "mi",
    "reablement",
    "hub",
    "rest_framework",
    "drf_spectacular",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.RequestSizeLimitMiddleware",
    "config.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.middleware.NoStoreMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.SessionTimeoutMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "cases.locking.LockContentionMiddleware",
    # Last: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "landing"

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
            ],
        },
    },
]

# SIGN-IN ----------------------------------------------------------------------
# django-axes records every attempt (admin: Axes) and refuses a username from
# an address after repeated failures, until the cool-off has passed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in
    "django.contrib.auth.backends.ModelBackend",
    "cases.rules.PermissionBackend",  # every right, decided by the rules
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every manage.py command
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none).
HUB_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# Managers, safeguarding leads, admins and superusers also enter a code from an
# authenticator app (accounts.mfa); the QR code is drawn locally (segno).
OTP_TOTP_ISSUER = "Locality Hub"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# UPLOADS ----------------------------------------------------------------------
# Any request body over this is refused with 413 before it is read
# (config.middleware); the what-if problem of a whole county is under 1 MB.
HUB_MAX_REQUEST_BYTES = env.int("DJANGO_MAX_UPLOAD_MB", default=5) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields (not files): 2.5 MB
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file

# STATIC FILES -----------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# SECURITY (on when DEBUG is off; `manage.py check --deploy` passes) -----------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A session ends after this long idle, and whatever the activity this long
# after signing in (accounts.sessions.SessionTimeoutMiddleware).
HUB_SESSION_IDLE_MINUTES = env.int("DJANGO_SESSION_IDLE_MINUTES", default=30)
HUB_SESSION_MAX_HOURS = env.int("DJANGO_SESSION_MAX_HOURS", default=8)
SESSION_COOKIE_AGE = HUB_SESSION_MAX_HOURS * 60 * 60

# Content Security Policy (django-csp): scripts only from our own static files,
# never inline, so injected markup cannot run script. Inline styles stay
# allowed: the templates and Viewflow's Material components use style="".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# BACKGROUND WORK --------------------------------------------------------------
# Long work (allocation runs, what-if solves, big exports) leaves the request:
# pages queue a task in the database (django-tasks' database backend, on
# SQLite and PostgreSQL alike) and `manage.py db_worker` runs it (README,
# "Background work"). Each run is followed on a page (background.views).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# REFERRAL API -----------------------------------------------------------------
# Hospital systems call /api/v1/ with a bearer token (api app; README,
# "Referral API"). Each client's own rate limit is counted in the default
# cache: with several server processes, configure a shared cache (CACHES).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.IsApiClient"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Locality Hub referral API",
    "DESCRIPTION": "Electronic referrals from hospital systems to the Locality "
    "Hub: send a referral (JSON or a FHIR R4 Bundle), read its status, move "
    "its discharge ready date, record the criteria to reside, withdraw it.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}

# LOCALITY HUB -----------------------------------------------------------------
# How many days of reablement capacity the hub plans over.
HUB_CAPACITY_HORIZON_DAYS = env.int("HUB_CAPACITY_HORIZON_DAYS", default=14)
# How long a provider has to accept or decline an offer of a start or a bed:
# working hours (09:00-17:00 on working days); unanswered, the offer expires.
HUB_OFFER_WORKING_HOURS = env.float("HUB_OFFER_WORKING_HOURS", default=4)

# The rota (rota/travel.py): travel between visits. Offline by default:
# straight line × road factor at this speed; or an OSRM server's table service.
HUB_ROTA_OSRM_URL = env("HUB_ROTA_OSRM_URL", default="")
HUB_ROTA_OSRM_TIMEOUT = env.float("HUB_ROTA_OSRM_TIMEOUT", default=5.0)
HUB_ROTA_SPEED_KMH = env.float("HUB_ROTA_SPEED_KMH", default=30.0)
HUB_ROTA_ROAD_FACTOR = env.float("HUB_ROTA_ROAD_FACTOR", default=1.3)
HUB_ROTA_UNKNOWN_MINUTES = env.int("HUB_ROTA_UNKNOWN_MINUTES", default=20)
HUB_ROTA_PLAN_SECONDS = env.float("HUB_ROTA_PLAN_SECONDS", default=5.0)
