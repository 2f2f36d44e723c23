"""Settings of the CJHP Portal.

One file, driven by the environment (django-environ). Development needs nothing: the defaults give an
SQLite database in the project folder. Production sets DEBUG=false, SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS
and EMAIL_URL; `manage.py check --deploy` is then clean. Several instances of the portal behind one address share
the database, a cache (REDIS_URL) and the uploaded files (MEDIA_STORAGE=s3).
"""

from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cjhp.lib import spreadsheets

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# Development gets a throw-away key; production must bring its own.
_DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, so that the checklists' translated fields are known when the admin loads.
    "modeltranslation",
    "cjhp",
    "countries",
    "projects",
    "checklists",
    "events",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # allauth's list of security keys says when each was last used.
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "import_export",
    "simple_history",
    "axes",
    # Sign-in, sign-out, passwords and the second factor (TOTP, recovery codes, security keys).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # The read-only data API (/api/v1/, cjhp/api/), its OpenAPI schema and its documentation page's files.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Django's form and widget templates, for the form renderer that reads settings.TEMPLATES.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the messages: it tells a staff user without a second factor why they are sent to set one up.
    "cjhp.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cjhp.urls"
WSGI_APPLICATION = "cjhp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cjhp.context_processors.portal",
            ],
        },
    },
]
# Each field's label, input, help and errors drawn by templates/includes/form_field.html (field.as_field_group).
FORM_RENDERER = "cjhp.lib.forms.FormRenderer"

# Database: SQLite in the project folder unless DATABASE_URL names another (PostgreSQL in production).
_DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
_database_url = env.str("DATABASE_URL", default="") or _DEFAULT_DATABASE_URL
_scheme = urlsplit(_database_url).scheme
if _scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with postgres:// or sqlite:/// (got {_scheme or 'no scheme'!r})."
    )
DATABASES = {"default": env.db_url_config(_database_url)}
if _scheme == "sqlite":
    # Two requests writing together: each transaction takes the write lock when it begins (IMMEDIATE), so that one
    # that read first cannot be refused its write ("database is locked"), and waits up to 20 s for the other.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The cache holds allauth's rate limits (password resets, password changes, re-authentication) and the second-factor
# codes already used, so that a code cannot be used twice. Each process keeps its own in memory unless REDIS_URL
# names a Redis database (redis://127.0.0.1:6379/3): several instances of the portal must share one, or each
# counts for itself and a code used on one is accepted again on another.
_redis_url = env.str("REDIS_URL", default="")
if _redis_url:
    _redis_scheme = urlsplit(_redis_url).scheme
    if _redis_scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis://, rediss:// or unix:// (got {_redis_scheme or 'no scheme'!r})."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            # A Redis server that does not answer fails the request within seconds instead of holding it.
            "OPTIONS": {"socket_connect_timeout": 5, "socket_timeout": 5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cjhp.User"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins from a locked-out client before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # allauth's sign-in form: a user name or an email address.
    "allauth.account.auth_backends.AuthenticationBackend",
    # Django's own, which sessions opened by the admin or by tests (force_login) name.
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# Sign-in through django-allauth: a user name or an email address and a password, then the second factor of
# those who have one. Nobody signs up: people come by invitation (cjhp/accounts.py's adapter).
ACCOUNT_ADAPTER = "cjhp.accounts.AccountAdapter"
ACCOUNT_FORMS = {"login": "cjhp.accounts.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
# A password reset asked for an address without an account sends nothing (allauth would invite to a sign-up page
# the portal does not have: people are invited by staff) and says what it says for any address.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# As Django's own login did: the session lasts SESSION_COOKIE_AGE, with no "remember me" box.
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# django-axes counts the failed sign-ins, of the password and of the second factor alike (cjhp/accounts.py):
# allauth's own count of them would lock people out a second time, with another message.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
MFA_ADAPTER = "cjhp.accounts.MFAAdapter"
MFA_FORMS = {"authenticate": "cjhp.accounts.AuthenticateForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "CJHP Portal"
# The code of the 30 seconds before or after is accepted too: phones' clocks drift, and people type slowly.
MFA_TOTP_TOLERANCE = 1
# Security keys need HTTPS, except on the development server (http://127.0.0.1).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Programme staff and administrators must have a second factor (cjhp/middleware.py); only `make run`'s demo
# accounts may go without, and a system check refuses that outside DEBUG (cjhp/checks.py).
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)

# Failed logins: five failures for one user name from one address lock that pair out for 15 minutes. allauth's
# sign-in form names its field "login" (django-axes' documented integration with allauth).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
# allauth's rate limits (password resets, re-authentication) read the client's address the same way: behind a
# proxy, without this, every person would share the proxy's address, and its limits, in the shared cache.
ALLAUTH_TRUSTED_PROXY_COUNT = AXES_IPWARE_PROXY_COUNT
# The failures are counted in the database (django-axes' default handler, named here because the portal relies on
# it): every instance sharing DATABASE_URL sees the same lock-outs, whatever the cache.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Internationalisation: the Council of Europe's two official languages.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "cjhp" / "locale"]
# The languages a checklist's texts can be held in: English (the reference), French, and the languages the
# programme's countries work in (Republic of Moldova, Georgia, Ukraine, the South-East Europe network).
# Adding one needs a migration: each is a column of the checklists' texts (django-modeltranslation).
CHECKLIST_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("ro", _("Romanian")),
    ("ka", _("Georgian")),
    ("uk", _("Ukrainian")),
    ("bs", _("Bosnian")),
    ("hr", _("Croatian")),
    ("sr", _("Serbian")),
    ("cnr", _("Montenegrin")),
    ("el", _("Greek")),
    ("hu", _("Hungarian")),
    ("mk", _("Macedonian")),
    ("sl", _("Slovenian")),
    ("tr", _("Turkish")),
]
MODELTRANSLATION_LANGUAGES = [code for code, name in CHECKLIST_LANGUAGES]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["cjhp.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Uploaded evidence and materials: outside the static files, served only through views that check access.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_SIZE = 20 * 1024 * 1024
# All the evidence files of one assessment together.
ASSESSMENT_EVIDENCE_MAX_TOTAL = 200 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# The uploaded files are kept under MEDIA_ROOT, or with MEDIA_STORAGE=s3 in a bucket of S3-compatible object storage
# that several instances of the portal share. The bucket stays private: the portal reads the files through the
# storage (open, size) and serves them from its own views, after checking access.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "filesystem":
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    if find_spec("storages") is None or find_spec("boto3") is None:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs django-storages and boto3: pip install -e '.[s3]' (or 'django-storages[s3]')."
        )
    _s3_options = {
        "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME", default=""),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=""),
        "region_name": env.str("AWS_S3_REGION_NAME", default=""),
        # Without keys, boto3 looks for credentials where it always does (instance role, ~/.aws).
        "access_key": env.str("AWS_ACCESS_KEY_ID", default=""),
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=""),
    }
    if not _s3_options["bucket_name"]:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME, the bucket of the uploaded files.")
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {key: value for key, value in _s3_options.items() if value}
        | {
            # Private objects; a URL of one, if ever made, is signed and expires.
            "default_acl": None,
            "querystring_auth": True,
            # As on the file system, a second file of the same name gets a name of its own: two materials of an
            # event may both be called agenda.pdf.
            "file_overwrite": False,
            # A file being served is read into memory up to this size, then into a temporary file.
            "max_memory_size": 5 * 1024 * 1024,
        },
    }
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3 (got {MEDIA_STORAGE!r}).")
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The admin exports CSV and XLSX, each cell that would start a formula behind a single quote (cjhp/lib/spreadsheets.py);
# IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT stays off: it only drops a leading "=" and turns numbers into text.
EXPORT_FORMATS = [spreadsheets.CSV, spreadsheets.XLSX]

# Participants' personal data is kept this many years after their last event (or, with no event, after they
# were recorded); the daily send_reminders command then erases their identity and keeps their counts.
PARTICIPANT_RETENTION_YEARS = env.int("PARTICIPANT_RETENTION_YEARS", default=5)

# Email: printed on the console in development; production names a real server in EMAIL_URL
# (for example smtp+tls://user:password@mail.example.org:587).
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_email_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    # Notifications are sent after the action commits, still in its request: a server that does not answer
    # holds the page for this many seconds at most, then the daily command tries again.
    "timeout": env.int("EMAIL_TIMEOUT", default=10),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": (
            {key: value for key, value in _email_options.items() if value not in (None, "")}
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CJHP Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address as people reach it, for the links in emails sent outside a request (reminders).
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")

# Security. Production (DEBUG=false) gets HTTPS-only cookies, HSTS and an HTTPS redirect; a TLS-terminating
# proxy in front of gunicorn sets SECURE_PROXY_SSL_HEADER=true (X-Forwarded-Proto) or turns the redirect off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page needs inline scripts or styles: scripts and stylesheets are files under static/, charts are SVG drawn
# with attributes (never style=""). The permission matrix checks this header on every page.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

# The read-only data API under /api/v1/ (cjhp/api/). Django REST Framework because it is the most kept and most
# widely used API framework for Django (Akvo RSR's API is built on it), each endpoint is browsable as a page, and
# drf-spectacular writes the OpenAPI 3 schema from the same code. A personal access token (made on the settings
# page) or a signed-in session; each sees what its owner sees on the pages. API_THROTTLE_RATE: requests per token
# (or person, or address without either), as DRF writes rates: "600/hour", "20/minute".
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="1200/hour")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cjhp.api.authentication.AccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["cjhp.api.throttling.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "cjhp.api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "cjhp.api.schema.AutoSchema",
    # Datetimes in ISO 8601, with their offset from UTC.
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CJHP Portal API",
    "DESCRIPTION": (
        "Read-only data of the Criminal Justice and Health in Prison programme. Send a personal access token "
        "(made on your settings page) as `Authorization: Bearer <token>`; it sees what you see on the pages."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its page for those signed in or with a token, as every other page.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # The documentation page's scripts and styles from the portal's static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "AssessmentStatusEnum": "checklists.models.Assessment.Status",
        "ActionItemStatusEnum": "checklists.models.ActionItem.Status",
        "ProjectStatusEnum": "projects.models.Project.Status",
        "LanguageEnum": "django.conf.settings.CHECKLIST_LANGUAGES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Programme facts shown in the interface and the reports.
PROGRAMME_NAME = "Criminal Justice and Health in Prison (CJHP)"
PROGRAMME_OWNER = "Pompidou Group, Council of Europe"
