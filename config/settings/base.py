"""Settings shared by every environment; everything that differs comes from the environment.

One module reads the environment (django-environ), so a newcomer finds every knob here.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-dev-key-change-me-" + "x" * 30)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# ---------------------------------------------------------------- apps
# Order is the dependency order: a later app may import an earlier one, never the reverse.
LOCAL_APPS = [
    "apps.core",
    "apps.audit",
    "apps.reference",
    "apps.parameters",
    "apps.organizations",
    "apps.accounts",
    "apps.notifications",
    "apps.attachments",
    "apps.portal",
    "apps.demands",
    "apps.calls",
    "apps.applications",
    "apps.centers",
    "apps.patents",
    "apps.reports",
    "apps.navigation",
    "apps.bureau",
    "apps.evaluations",
    "apps.monitoring",
    "apps.agenda",
    "apps.dashboards",
    "apps.demo",
    "apps.backups",
]
INSTALLED_APPS = [
    # core first: its catalogue overrides the few Django/contrib messages whose Chinese is missing or reads poorly.
    "apps.core",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_filters",
    *[app for app in LOCAL_APPS if app != "apps.core"],
]

MIDDLEWARE = [
    "apps.core.middleware.HealthProbeMiddleware",  # /health/ first: no session, cookie or redirect (docs/deploy.md)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.accounts.middleware.SessionTimeoutMiddleware",
    "apps.accounts.middleware.SecurityGateMiddleware",
    "apps.core.middleware.NoStoreForAuthenticatedMiddleware",
    "apps.core.middleware.RequestContextMiddleware",
    "apps.core.middleware.MethodNotAllowedPageMiddleware",
    "apps.parameters.values.ParameterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Widgets are rendered by Jinja2 (Django's own widget templates in their Jinja2 form, the same HTML): Django's
# template engine took ~0.5 ms per <option>, a third of a list page's time with its filter bar (issue 14).
FORM_RENDERER = "django.forms.renderers.Jinja2"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.site",
            ],
        },
    }
]

# ---------------------------------------------------------------- database
# SQLite under var/ is the embedded default (demo); DATABASE_URL selects PostgreSQL (production, CI).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # No JIT: PostgreSQL compiles every query the planner prices above jit_above_cost, which short aggregates with
    # correlated subqueries reach (the KPI table at 5 000 patents: 0.47 s compiling for 0.04 s of work).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # Server-side parameter binding, so that psycopg prepares a statement a connection has run `prepare_threshold`
    # times: PostgreSQL then plans it once per connection, not on every request (an application's row with its nine
    # joins: 2.6 ms each time, 0.3 ms prepared; issue 14). Persistent connections (production's CONN_MAX_AGE) keep the
    # plans. Behind a transaction-mode pooler that cannot carry prepared statements: PG_PREPARE_THRESHOLD=off.
    _prepare = env.str("PG_PREPARE_THRESHOLD", default="5")
    DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", None if _prepare == "off" else int(_prepare))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------- auth and security (MLPS 2.0 level 3)
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "portal:landing"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "apps.accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "apps.accounts.passwords.NotUsernameValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "apps.accounts.passwords.HistoryValidator", "OPTIONS": {"depth": 5}},
]
SECURITY_POLICY_DEFAULTS = {
    "password_max_age_days": env.int("PASSWORD_MAX_AGE_DAYS", default=90),
    "lockout_failures": 5,
    "lockout_window_minutes": 15,
    "lockout_minutes": 30,
    "session_idle_minutes": 30,
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_ABSOLUTE_SECONDS", default=8 * 3600)  # absolute lifetime
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Two-factor: roles listed here cannot reach any page until a TOTP device is confirmed.
OTP_TOTP_ISSUER = "内蒙古高价值专利培育中心管理平台"
# Rate limits: (max requests, window seconds) per client IP.
RATE_LIMITS = {
    # FAILED logins per address (successes are not counted): a government office of a few hundred people often
    # reaches us from one NAT address, and everyone mistyping once on a Monday morning must not lock the office
    # out. Per-account protections carry the rest (accounts/security.py: lock per username+address, human check
    # per account across all addresses).
    "login": (300, 300),
    "password_reset": (5, 900),
    "public_submission": (10, 3600),
    "registration": (5, 3600),
    "receipt_lookup": (60, 3600),
    # The personal iCalendar feeds (apps/agenda): per address, generous — calendar services (Outlook.com, iCloud)
    # fetch every subscriber's feed from a few addresses of theirs, every few hours.
    "calendar_feed": (600, 3600),
    # ... and per feed (the hash of its token), whatever the address: a phone or a calendar service refreshes one
    # feed a few times an hour; a leaked address fetched from many addresses is stopped here.
    "calendar_feed_token": (60, 3600),
}

# ---------------------------------------------------------------- national cryptography
# SM4 key for data at rest: 32 hex characters from the environment; never in the database or repo.
SM4_KEY_HEX = env.str("SM4_KEY_HEX", default="")

# ---------------------------------------------------------------- attachments
ATTACHMENT_ROOT = Path(env.str("ATTACHMENT_ROOT", default=str(VAR_DIR / "attachments")))
# Patent navigation (apps.navigation): the landscape datasets' Parquet files and search indexes, kept apart from
# the transactional database (docs/architecture.md, "Patent navigation"); the upload limit of a landscape file.
NAVIGATION_DIR = Path(env.str("NAVIGATION_DIR", default=str(VAR_DIR / "navigation")))
NAVIGATION_MAX_UPLOAD_BYTES = env.int("NAVIGATION_MAX_UPLOAD_BYTES", default=2 * 1024 * 1024 * 1024)
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=50 * 1024 * 1024)
ATTACHMENT_ALLOWED_TYPES = env.list("ATTACHMENT_ALLOWED_TYPES", default=["pdf", "docx", "xlsx", "jpg", "png"])
ATTACHMENT_ZIP_MAX_ENTRIES = 2000
ATTACHMENT_ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
# An Office file whose declared uncompressed size exceeds this many times its compressed size is refused (zip bomb).
ATTACHMENT_ZIP_MAX_RATIO = 100
CLAMD_ADDRESS = env.str("CLAMD_ADDRESS", default="")  # "unix:///run/clamav/clamd.ctl" or "tcp://127.0.0.1:3310"
# Seconds to wait for clamd; clamd's StreamMaxLength must be at least ATTACHMENT_MAX_BYTES.
CLAMD_TIMEOUT = env.int("CLAMD_TIMEOUT", default=30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# ---------------------------------------------------------------- audit trail
# The daily chain check appends the chain head (sequence number, SM3 hash) to this file, outside the database's
# reach; the deployment makes it append-only for the worker's OS user (docs/deploy.md). Empty: no anchoring.
AUDIT_ANCHOR_FILE = env.str("AUDIT_ANCHOR_FILE", default=str(VAR_DIR / "audit" / "chain-head.log"))

# ---------------------------------------------------------------- jobs
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# ---------------------------------------------------------------- email
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@hvp.nmg.gov.cn")

# ---------------------------------------------------------------- i18n
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS: list = []  # each app keeps its catalogue in apps/<app>/locale

# ---------------------------------------------------------------- static
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
    # The province outlines (GeoJSON) of the echarts 4.9.0 package's map data (Apache-2.0; ECharts 5 ships none).
    ("vendor/echarts-maps", NODE_MODULES / "echarts-4-maps" / "map" / "json" / "province"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# ---------------------------------------------------------------- rules
# Settings hold deployment only. The numbers of the business rules live in each app's rules.py: a constant where
# the measures or the brief fix them, a `Tunable` where the bureau may tune them (apps/parameters: the regional
# officer's page, audited). Audit retention (≥ 180 days, Cybersecurity Law Art. 21): apps/audit/rules.py.
SITE_NAME = "内蒙古高价值专利培育中心管理平台"
DEMO_MODE = env.bool("DEMO_MODE", default=False)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
