"""Insteg's one settings module. Everything that differs between deploys comes from the environment.

See README.md, "Configuration", for the variables. Three modes:
- production (the default): DEBUG=false, SECRET_KEY required, HTTPS-only cookies and HSTS;
- demo (`insteg demo` sets INSTEG_DEMO=true): no configuration needed, plain HTTP on 127.0.0.1;
- development: DEBUG=true.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from insteg.lib.env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = BASE_DIR / "insteg"

DEBUG = env_bool("DEBUG")
DEMO = env_bool("INSTEG_DEMO")
PRODUCTION = not (DEBUG or DEMO)
DATA_DIR = Path(env("INSTEG_DATA_DIR") or BASE_DIR / "var").resolve()


def _secret_key() -> str:
    if key := env("SECRET_KEY"):
        return key
    if DEBUG:
        return "insecure-development-key-never-use-in-production"
    if DEMO:
        # The demo keeps its own random key beside its database, so sessions survive a restart.
        path = DATA_DIR / "demo-secret-key"
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
        return path.read_text().strip()
    raise ImproperlyConfigured("SECRET_KEY must be set (or DEBUG=true, or run `insteg demo`).")


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "insteg.accounts",
    "insteg.privacy",
    "insteg.core",
    "insteg.api",
    "insteg.rules",
    "insteg.procurement",
    "insteg.notices",
    "insteg.contracts",
    "insteg.matching",
    "insteg.training",
    "insteg.followup",
    "insteg.reports",
    "insteg.retention",
    "insteg.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks a session signed in with a second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Ends a session after INSTEG_SESSION_IDLE_MINUTES without a request or INSTEG_SESSION_HOURS after sign-in.
    "insteg.accounts.middleware.SessionExpiryMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who changed a versioned record (criteria, legal rules) in its history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "insteg.urls"
WSGI_APPLICATION = "insteg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "insteg.core.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "insteg.core.forms.AccessibleFormRenderer"

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
_default_database_url = f"sqlite:///{DATA_DIR / 'insteg.sqlite3'}"
DATABASE_URL = env("DATABASE_URL") or _default_database_url
if _default_database_url == DATABASE_URL:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and db_worker read and write the same file without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A database cache is shared by every app server, so API throttling holds across a scaled-out site.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "insteg_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # an invitation link lasts three days

# Login throttling: ten wrong passwords lock the account name for a quarter of an hour.
AXES_FAILURE_LIMIT = env_int("INSTEG_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("INSTEG_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locking by address as well would lock out a whole municipal office behind one NAT address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_CALLABLE = "insteg.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor authentication (django-otp: TOTP apps plus single-use backup codes). Required at sign-in for
# these roles: the municipality's staff who read participants' data or supervise its processing. Anyone
# may turn it on for themself. `insteg demo` turns the requirement off unless the variable is set.
INSTEG_REQUIRE_TWO_FACTOR = env_bool("INSTEG_REQUIRE_TWO_FACTOR", not DEMO)
# Checked against the roles at start-up (insteg.accounts.apps): a misspelt role is an error, not a hole.
INSTEG_TWO_FACTOR_ROLES = env_list("INSTEG_TWO_FACTOR_ROLES", "matching_officer,administrator,data_protection_officer")
OTP_TOTP_ISSUER = "Insteg"
# How long a person who gave the right password has to give the code (or to set up the app).
INSTEG_PENDING_LOGIN_SECONDS = 5 * 60

# Sessions end INSTEG_SESSION_HOURS after signing in, or after INSTEG_SESSION_IDLE_MINUTES without a request.
INSTEG_SESSION_HOURS = env_int("INSTEG_SESSION_HOURS", 8)
if not 1 <= INSTEG_SESSION_HOURS <= 24:
    raise ImproperlyConfigured("INSTEG_SESSION_HOURS must be between 1 and 24.")
INSTEG_SESSION_IDLE_MINUTES = env_int("INSTEG_SESSION_IDLE_MINUTES", 30)
if not 5 <= INSTEG_SESSION_IDLE_MINUTES <= INSTEG_SESSION_HOURS * 60:
    raise ImproperlyConfigured("INSTEG_SESSION_IDLE_MINUTES must be between 5 and INSTEG_SESSION_HOURS × 60.")
SESSION_COOKIE_AGE = INSTEG_SESSION_HOURS * 60 * 60

# Contact for accessible alternatives in the accessibility statement (lag 2018:1937, DIGG's model); empty: not shown.
INSTEG_ACCESSIBILITY_EMAIL = env("INSTEG_ACCESSIBILITY_EMAIL", "")
INSTEG_ACCESSIBILITY_PHONE = env("INSTEG_ACCESSIBILITY_PHONE", "")
# Accessibility reports one address may send per hour (the feedback form is public).
INSTEG_FEEDBACK_PER_HOUR = env_int("INSTEG_FEEDBACK_PER_HOUR", 5)
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Production serves files gathered by `insteg collectstatic` with hashed names; the demo, development and
# the tests serve them straight from the apps.
COLLECTED_STATIC = env_bool("INSTEG_COLLECTED_STATIC", PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if COLLECTED_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
STATIC_ROOT = DATA_DIR / "static" if COLLECTED_STATIC else None
WHITENOISE_USE_FINDERS = not COLLECTED_STATIC
WHITENOISE_AUTOREFRESH = DEBUG

# Email: every message leaves the request through the task queue (insteg.lib.mail);
# the worker then delivers it with the backend configured here.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Insteg <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "insteg.lib.mail.QueuedEmailBackend"
if email_url := env("EMAIL_URL"):
    _email = dj_email_url.parse(email_url)
    INSTEG_EMAIL_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND")
    EMAIL_FILE_PATH = _email.pop("EMAIL_FILE_PATH", None) or str(DATA_DIR / "mail")
    globals().update({key: value for key, value in _email.items() if value is not None})
elif env("EMAIL_HOST"):
    INSTEG_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
else:
    # Without a mail server the messages are written as files a person can open.
    INSTEG_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # knox's Bearer tokens, refusing changes to a read-only token on every view.
        "insteg.accounts.authentication.ScopedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "insteg.api.negotiation.ClearFormatNegotiation",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["insteg.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "insteg.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "insteg.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "insteg.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("INSTEG_API_ANON_RATE", "120/minute"),
        "user": env("INSTEG_API_USER_RATE", "1200/minute"),
        # Every registration sends an email: one address registers fewer times than it may read.
        "training_registration": env("INSTEG_API_REGISTRATION_RATE", "30/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# knox's own migrations create its default token table even when the model is swapped, and that table
# then blocks PostgreSQL's TRUNCATE in tests: our token model (accounts.ApiToken) is the only one.
MIGRATION_MODULES = {"knox": None}
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 - a model name, not a secret
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_PREFIX": "insteg_",
    "AUTH_HEADER_PREFIX": "Bearer",
    # The default lifetime of a new token; its owner picks 1–365 days.
    "TOKEN_TTL": timedelta(days=env_int("INSTEG_API_TOKEN_DAYS", 90)),
    "AUTO_REFRESH": False,
    "MIN_REFRESH_INTERVAL": 60,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Insteg API",
    "DESCRIPTION": "Socially responsible public procurement: the same services and access rules as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Security. The policy allows no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# No page needs a device or a browser power: denied to the site itself and to anything it could embed.
PERMISSIONS_POLICY = dict.fromkeys(
    [
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics", "camera",
        "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection", "interest-cohort",
        "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    ],
    [],
)  # fmt: skip
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Production is served over HTTPS only; INSTEG_HTTPS=false is for a plain-HTTP test or intranet set-up.
HTTPS = env_bool("INSTEG_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("INSTEG_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The API throttles per client address: behind the proxy that is X-Forwarded-For's, not the proxy's own.
    REST_FRAMEWORK["NUM_PROXIES"] = env_int("INSTEG_PROXY_COUNT", 1)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
CSRF_FAILURE_VIEW = "insteg.core.views.csrf_failure"

# Demo accounts get addresses under a reserved domain (RFC 2606), so no mail can reach a real person.
INSTEG_DEMO_EMAIL_DOMAIN = "ostersund.example"

# The site's public address, for links in emails sent outside a request (notifications from workflows).
INSTEG_SITE_URL = env("INSTEG_SITE_URL", "http://127.0.0.1:8000")
# The controller (personuppgiftsansvarig) and the data-protection officer's contact, in the privacy notices and
# the records of processing. Empty: the municipality organisations' names, and a pointer to the switchboard.
INSTEG_CONTROLLER_NAME = env("INSTEG_CONTROLLER_NAME", "")
INSTEG_DPO_CONTACT = env("INSTEG_DPO_CONTACT", "")

# Personal identity numbers are not collected unless the municipality has decided it is clearly justified
# (dataskyddslagen 3 kap. 10 §); then they are validated, masked on screen and every view is logged.
INSTEG_COLLECT_PERSONNUMMER = env_bool("INSTEG_COLLECT_PERSONNUMMER", False)
# The training retention rule's first period in months (domain research §6.4 proposes 12). The rule on
# /privacy/gallring/ decides, and only once the archive authority's disposal decision is recorded there.
INSTEG_TRAINING_RETENTION_MONTHS = env_int("INSTEG_TRAINING_RETENTION_MONTHS", 12)
if not 1 <= INSTEG_TRAINING_RETENTION_MONTHS <= 120:
    raise ImproperlyConfigured("INSTEG_TRAINING_RETENTION_MONTHS must be between 1 and 120.")
# Aggregates shown to anyone but the municipality's staff hide counts of people below this (domain research §4).
INSTEG_REPORT_MIN_CELL = env_int("INSTEG_REPORT_MIN_CELL", 5)
# The dashboard's figures run over the whole history: each person's is kept this long (0: worked out every time).
INSTEG_DASHBOARD_CACHE_SECONDS = env_int("INSTEG_DASHBOARD_CACHE_SECONDS", 300)
if not 2 <= INSTEG_REPORT_MIN_CELL <= 50:
    raise ImproperlyConfigured("INSTEG_REPORT_MIN_CELL must be between 2 and 50.")
# OCDS open data: the ocid prefix registered with the Open Contracting Partnership (after "ocds-"), and the
# publisher's name. "insteg" is not a registered prefix: a municipality registers its own before publishing.
INSTEG_OCDS_PREFIX = env("INSTEG_OCDS_PREFIX", "insteg")
INSTEG_OCDS_PUBLISHER = env("INSTEG_OCDS_PUBLISHER", "Insteg")
# A placement whose supervisor has not taken the supervisor training: "warn" (default) or "block".
INSTEG_SUPERVISOR_TRAINING_RULE = env("INSTEG_SUPERVISOR_TRAINING_RULE", "warn")
if INSTEG_SUPERVISOR_TRAINING_RULE not in ("warn", "block"):
    raise ImproperlyConfigured("INSTEG_SUPERVISOR_TRAINING_RULE must be warn or block.")
