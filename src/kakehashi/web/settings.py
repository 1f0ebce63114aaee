"""The one settings module. Every value a deployment changes comes from an environment variable,
listed with its default in docs/configuration.md."""

from __future__ import annotations

from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from kakehashi.web import queues
from kakehashi.web.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_json_object,
    env_list,
    env_str,
    parse_database_url,
)

BASE_DIR = Path(env_str("KAKEHASHI_DATA_DIR", str(Path.cwd() / "var"))).resolve()
PACKAGE_DIR = Path(__file__).resolve().parent

DEBUG = env_bool("KAKEHASHI_DEBUG", False)
SECRET_KEY = env_str("KAKEHASHI_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigurationError(
            "KAKEHASHI_SECRET_KEY is not set: set it to a long random string, e.g. "
            "export KAKEHASHI_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set KAKEHASHI_DEBUG=1 for a local trial (KAKEHASHI_SECRET_KEY を設定してください)"
        )
    SECRET_KEY = "insecure-development-key-only-for-KAKEHASHI_DEBUG"
ALLOWED_HOSTS = env_list("KAKEHASHI_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("KAKEHASHI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    "django_tables2",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "kakehashi.web.core",
    "kakehashi.web.organizations",
    "kakehashi.web.schools",
    "kakehashi.web.people",
    "kakehashi.web.timetables",
    "kakehashi.web.accounts",
    "kakehashi.web.notices",
    "kakehashi.web.calendars",
    "kakehashi.web.leave",
    "kakehashi.web.workforce",
    "kakehashi.web.privacy",
    "kakehashi.web.recruitment",
    "kakehashi.web.duties",
    "kakehashi.web.ops",
    "kakehashi.web.inbox",
    "kakehashi.web.api",
    "kakehashi.web.site",
    "kakehashi.web.yearbalance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kakehashi.web.core.middleware.RequestIdMiddleware",
]

ROOT_URLCONF = "kakehashi.web.urls"
WSGI_APPLICATION = "kakehashi.web.wsgi.application"
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
                "django.template.context_processors.csp",
                "kakehashi.web.site.navigation.navigation",
            ],
            # |day, |when, |month and |weekday on every page without a {% load %}: one date style everywhere.
            "builtins": [
                "kakehashi.web.core.templatetags.kakehashi",
                # |reason: the calendars app words why a day has no lessons; a builtin, so no page loads it.
                "kakehashi.web.calendars.templatetags.calendar_words",
            ],
        },
    }
]

DATABASES = {
    "default": parse_database_url(env_str("DATABASE_URL", "sqlite:///kakehashi.sqlite3"), base_dir=BASE_DIR).as_django()
}
# PostgreSQL through a pool of connections (psycopg's, kept by each process): many application servers and workers
# then hold a bounded number of connections each instead of one per thread (docs/deployment.md, "Connections").
DB_POOL_MAX = env_int("KAKEHASHI_DB_POOL_MAX", 0)
if DB_POOL_MAX and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),  # type: ignore[dict-item]
        "pool": {"min_size": 1, "max_size": DB_POOL_MAX, "timeout": 30},
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections; Django must not keep its own
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks are rows in the database, run by `kakehashi manage db_worker --queue-name QUEUE` on any number
# of machines (each takes a job with SELECT … FOR UPDATE SKIP LOCKED, so no job runs twice). Two queues (web/queues.py):
# solves, and quick jobs (cover proposals) that must never wait behind a solve; `kakehashi serve` and `make demo`
# start one worker for each beside the web server.
TASKS = {
    "default": {
        "BACKEND": env_str("KAKEHASHI_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": list(queues.ALL),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = env_str("KAKEHASHI_LANGUAGE", "en")
LANGUAGES = [("en", _("English")), ("ja", _("Japanese"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# One date style per language (2026年11月30日（月） / Mon 30 Nov 2026), used through core/dates.py and |day.
FORMAT_MODULE_PATH = ["kakehashi.web.formats"]
TIME_ZONE = env_str("KAKEHASHI_TIME_ZONE", "Asia/Tokyo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "static"
# The project's own static files (the stylesheet) live beside the templates, outside any app.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Uploaded documents go through Django's storage API only (recruitment/models.py's FileField, the backup), so several
# application servers share them by configuration: a folder every server mounts (KAKEHASHI_MEDIA_DIR, e.g. NFS), or
# another storage class such as django-storages' S3 one (KAKEHASHI_STORAGE_BACKEND and its options as JSON).
MEDIA_ROOT = Path(env_str("KAKEHASHI_MEDIA_DIR", str(BASE_DIR / "media"))).resolve()
STORAGES = {
    "default": {
        "BACKEND": env_str("KAKEHASHI_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json_object("KAKEHASHI_STORAGE_OPTIONS"),
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Imports (pages and API) are bounded before a file is parsed (core/tabular.py, docs/security.md): its bytes,
# an .xlsx's unpacked size (a zip bomb is a few KB), and its rows after the header, blank ones included.
# A program's week with more schools than this is solved in areas, one queued job each (ADR 0014), and the
# areas share the time as if this many solve workers took them side by side.
KAKEHASHI_AREA_SCHOOLS = env_int("KAKEHASHI_AREA_SCHOOLS", 150)
KAKEHASHI_SOLVE_WORKERS = env_int("KAKEHASHI_SOLVE_WORKERS", 1)
IMPORT_MAX_BYTES = env_int("KAKEHASHI_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_EXPANDED_BYTES = env_int("KAKEHASHI_IMPORT_MAX_EXPANDED_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("KAKEHASHI_IMPORT_MAX_ROWS", 10_000)
# An applicant's documents (CV, degree, passport): the largest file stored. They go under MEDIA_ROOT with a
# random name and are served only through the application's auth-checked download view (no MEDIA_URL).
KAKEHASHI_UPLOAD_MAX_BYTES = env_int("KAKEHASHI_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
# Personal data (APPI): a participant is anonymized this many days after their last placement ends, and an
# unsuccessful or withdrawn application is deleted this many days after its cycle's deadline.
KAKEHASHI_RETENTION_DAYS = env_int("KAKEHASHI_RETENTION_DAYS", 3 * 365)
KAKEHASHI_APPLICANT_RETENTION_DAYS = env_int("KAKEHASHI_APPLICANT_RETENTION_DAYS", 365)

# Locally mail is printed, readably (kakehashi.web.core.mail); a deployment sends it through SMTP (host and
# login from the environment).
_EMAIL_BACKEND = env_str(
    "KAKEHASHI_EMAIL_BACKEND",
    "kakehashi.web.core.mail.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
_MAILER: dict[str, object] = {"BACKEND": _EMAIL_BACKEND}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    _MAILER["OPTIONS"] = {
        "host": env_str("KAKEHASHI_SMTP_HOST", "localhost"),
        "port": env_int("KAKEHASHI_SMTP_PORT", 587),
        "username": env_str("KAKEHASHI_SMTP_USER", ""),
        "password": env_str("KAKEHASHI_SMTP_PASSWORD", ""),
        "use_tls": env_bool("KAKEHASHI_SMTP_TLS", True),
    }
MAILERS = {"default": _MAILER}
DEFAULT_FROM_EMAIL = env_str("KAKEHASHI_FROM_EMAIL", "kakehashi@localhost")
# The address people reach the site at, for links in emails sent by the task worker (no request to ask).
SITE_URL = env_str("KAKEHASHI_SITE_URL", "").rstrip("/")

SESSION_COOKIE_SECURE = env_bool("KAKEHASHI_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Pages put the CSRF token in the page (forms and htmx's hx-headers); scripts never read the cookie.
CSRF_COOKIE_HTTPONLY = True

# HTTPS: a deployment serves the site over TLS (behind gunicorn and a proxy, docs/deployment.md); locally
# (KAKEHASHI_DEBUG=1, the demo) it is plain HTTP on 127.0.0.1.
SECURE_SSL_REDIRECT = env_bool("KAKEHASHI_SSL_REDIRECT", not DEBUG)
# Behind a reverse proxy every request comes from the proxy: then (and only then) the client's address is the
# last X-Forwarded-For entry (accounts/limits.py) and TLS is what X-Forwarded-Proto says.
BEHIND_PROXY = env_bool("KAKEHASHI_BEHIND_PROXY", False)
if BEHIND_PROXY:
    # The proxy terminates TLS and says so in this header; only trust it when a proxy is really in front.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("KAKEHASHI_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("KAKEHASHI_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("KAKEHASHI_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (Django's own middleware): scripts only from this site or with the page's nonce;
# styles may be inline (the week grid and charts position blocks with style attributes); nothing framed.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Logins: this many attempts for one user name from one address within the window (four times as many from one
# address for any names), then refused until the window ends (accounts/throttle.py, docs/security.md).
LOGIN_FAILURE_LIMIT = env_int("KAKEHASHI_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("KAKEHASHI_LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)

# Remembered results (core/memo.py: dated plans, feeds, analyses) live in this cache. The default is each
# process's own memory; with several gunicorn workers a shared Redis (KAKEHASHI_CACHE_URL=redis://…) lets
# one worker's result serve them all.
_CACHE_URL = env_str("KAKEHASHI_CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KAKEHASHI_LOG_LEVEL", "INFO")},
}

# --- REST API (kakehashi.web.api; owned by the API work, keep edits inside this block) -----------------------
# Scripts send `Authorization: Token <key>` (a key from /api/token/); the browser's own session works too, with
# its CSRF check. Every view narrows further by role and scope (accounts/scope.py); pages and API share the
# selectors, services and FilterSets, and a service's ValidationError becomes a 400 (api/errors.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "kakehashi.web.api.pagination.Pages",
    "PAGE_SIZE": 30,
    "DEFAULT_FILTER_BACKENDS": ["kakehashi.web.accounts.filtersets.ScopedFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kakehashi.web.api.errors.exception_handler",
}
# OpenAPI 3 at /api/schema/, Swagger UI at /api/docs/ with its files from drf-spectacular-sidecar (served by
# this site: no CDN, so the docs work offline and inside the Content Security Policy).
SPECTACULAR_SETTINGS = {
    "TITLE": "Kakehashi API",
    "DESCRIPTION": "Everything a coordinator does in the pages, for scripts. Same scope as the pages: an object "
    "outside yours answers 404, one you may read but not change answers 403.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kakehashi.web.api.schema.wall_clock_times",
    ],
    # One name per choice set: several models call theirs `kind`, `state` or `status`.
    "ENUM_NAME_OVERRIDES": {
        "ProgramKindEnum": "kakehashi.web.organizations.models.Program.Kind",
        "OrganizationKindEnum": "kakehashi.web.organizations.models.Organization.Kind",
        "PositionEnum": "kakehashi.web.recruitment.models.Position",
        "SchoolLevelEnum": "kakehashi.web.schools.models.School.Level",
        "JapaneseLevelEnum": "kakehashi.web.people.models.Participant.JapaneseLevel",
        "ApplicantJapaneseLevelEnum": "kakehashi.web.site.api_enums.APPLICANT_JAPANESE",
        "GenderEnum": "kakehashi.web.people.models.Participant.Gender",
        "WeekdayEnum": "kakehashi.web.schools.models.Weekday",
        "BellVariantEnum": "kakehashi.web.site.api_enums.BELL_VARIANTS",
        "TimetableStateEnum": "kakehashi.web.timetables.models.TimetableVersion.State",
        "SolveJobStateEnum": "kakehashi.web.timetables.models.SolveJob.State",
        "ChangeRequestKindEnum": "kakehashi.web.schools.models.ChangeRequest.Kind",
        "ChangeRequestStateEnum": "kakehashi.web.schools.models.ChangeRequest.State",
        "EventKindEnum": "kakehashi.web.calendars.models.Event.KIND_CHOICES",
        "LeaveKindEnum": "kakehashi.web.leave.models.LeaveRequest.Kind",
        "AbsenceKindEnum": "kakehashi.web.site.api_enums.ABSENCE_KINDS",
        "LeaveStatusEnum": "kakehashi.web.leave.models.LeaveRequest.Status",
        "CoverStatusEnum": "kakehashi.web.leave.models.Cover.Status",
        "ApplicationStatusEnum": "kakehashi.web.recruitment.models.Application.Status",
        # A move goes to any stage: the same choices as ApplicationStatusEnum, so no name of its own.
        "BulkStageEnum": "kakehashi.web.site.api_enums.BULK_MOVE_TO",
        "DocumentKindEnum": "kakehashi.web.recruitment.models.ApplicationDocument.Kind",
        "SeaRequestStatusEnum": "kakehashi.web.recruitment.models.SeaRequest.Status",
        "RenewalChoiceEnum": "kakehashi.web.recruitment.models.RenewalIntent.Choice",
        "DailyReportStatusEnum": "kakehashi.web.duties.models.DailyReport.Status",
        "DutyKindEnum": "kakehashi.web.duties.models.DutyKind",
        "TrainingKindEnum": "kakehashi.web.duties.models.TrainingSession.Kind",
        "InviteWhoEnum": "kakehashi.web.site.api_enums.INVITE_WHO",
    },
}
