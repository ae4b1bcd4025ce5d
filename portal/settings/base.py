"""Settings shared by every environment.

Everything that differs between machines comes from the environment; nothing here
touches the database or the network at import time.
"""

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()
]

INSTALLED_APPS = [
    "portal",
    "centres",
    "courses",
    "media",
    "search",
    "staff",
    "translations",
    "bench",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
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
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "portal.middleware.PublicCompressionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}


def served_connections():
    """Database settings for a served process (gunicorn: production and the
    benchmark's server). Each worker thread keeps its connection between
    requests, for DB_CONN_MAX_AGE seconds (60 by default), and checks it is
    still usable before reusing it. Opening one per request cost a PostgreSQL
    backend and its cold catalogue caches every time: at tier M the course
    and centre pages served 37-39 requests a second to 16 clients that way,
    47-59 with connections kept (SQLite 64-69 against 72-74). The
    development server makes a thread per request and keeps the default of
    one connection per request (DB_CONN_MAX_AGE, 0)."""
    return {
        "CONN_MAX_AGE": int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
    }


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL keeps readers and the writer out of each other's way and survives a
    # killed process; IMMEDIATE transactions stop "database is locked" upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Languages. Vietnamese is the source language of all content. Each language is
# named in itself. Adding one (see README, "Languages"): add it here, to LANG_INFO
# below when Django does not know it, give it a catalogue directory under
# portal/locale (an empty one makes the interface fall back to Vietnamese) and a
# formats package under portal/formats.
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("km", "ភាសាខ្មែរ"),
    ("tyz", "Tày"),
    ("hmn", "Hmoob"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Languages of Vietnam that Django does not know.
LANG_INFO.update(
    {
        "tyz": {"bidi": False, "code": "tyz", "name": "Tày", "name_local": "Tày"},
        "hmn": {"bidi": False, "code": "hmn", "name": "Hmong", "name_local": "Hmoob"},
    }
)
# Languages whose interface catalogue is complete; the interface of any other
# language is shown in Vietnamese (the content stays in the chosen language), and
# Django's and the packages' own catalogues for it are left out (portal.interface).
INTERFACE_LANGUAGES = ["vi", "en"]
# Dates and numbers in Khmer, Tày and Hmong are written the Vietnamese way.
FORMAT_MODULE_PATH = ["portal.formats"]
WAGTAIL_I18N_ENABLED = True
# The project's own catalogues first; then its translations of Wagtail's,
# wagtail-localize's and Django's strings that their Vietnamese catalogues lack
# (the admin otherwise mixes English into Vietnamese). Django gives LOCALE_PATHS
# priority over the packages' catalogues, and earlier paths over later ones.
LOCALE_PATHS = [BASE_DIR / "portal" / "locale", BASE_DIR / "portal" / "locale_packages"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Học tập cộng đồng"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "media.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "media.CustomDocument"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = True
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Created by search/migrations/0001: folds tone marks and đ, no stop words.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "vietnamese_unaccent"
# A search without a place, for a text whose words are in more courses of the
# reader's language than this (a national search for "kỹ năng" matches
# 163,000), is ranked among the newest this many courses that match it and pass
# the filters, and its count is given as "at least" this many: ranking and
# counting every match took 0.6–1.0 s on SQLite and 0.9–1.6 s on PostgreSQL at
# tier M, ranking the newest 10,000 up to 116 ms and 184 ms ("tin học cơ bản"),
# the newest 5,000 84 and 93 ms (BENCHMARKS.md). A search with a place ranks
# every class within reach, and this many online courses at most.
FINDER_RANKED_CANDIDATES = int(os.environ.get("FINDER_RANKED_CANDIDATES", "5000"))
# The finder moves at most this many entries' next class forward itself, once a
# minute per process (search.services.course_index_next_sessions_refresh). At
# tier M, where 30,964 classes ended at 21:00 on one evening (14 s on SQLite and
# 39 s on PostgreSQL to move them all, in the search that came next), a search
# that moved 50 took 100-125 ms on SQLite and 156-279 ms on PostgreSQL, against
# 14-16 ms. `manage.py refresh_next_sessions`, from cron, moves the rest.
FINDER_REFRESH_LIMIT = int(os.environ.get("FINDER_REFRESH_LIMIT", "50"))
# Worker processes building the finder's entries in `rebuild_course_index`
# (search.services.rebuild_jobs); unset means one more than the processors,
# 0 none.
_jobs = os.environ.get("FINDER_REBUILD_JOBS", "")
FINDER_REBUILD_JOBS = int(_jobs) if _jobs.strip() else None
# Wagtail's tasks (its search and reference indexes) run at once, in the request
# that saves; portal.tasks lets a bulk import run them once per object.
TASKS = {"default": {"BACKEND": "portal.tasks.ImmediateBackend"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Staff spreadsheet import (staff/): larger uploads are refused with a message, and
# a spreadsheet may hold at most this many rows.
STAFF_IMPORT_MAX_BYTES = int(os.environ.get("STAFF_IMPORT_MAX_BYTES", 5 * 1024 * 1024))
STAFF_IMPORT_MAX_ROWS = 20_000
# A file with more records than this is checked and applied as a background job
# (staff/jobs.py) with a progress page; `run_import_jobs` runs the jobs beside
# gunicorn, or the dev settings run them in a thread of the web process.
STAFF_IMPORT_BACKGROUND_ROWS = int(os.environ.get("STAFF_IMPORT_BACKGROUND_ROWS", 200))
STAFF_IMPORT_RUN_IN_THREAD = False

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# Whole-page cache for anonymous readers (public pages change only on publish;
# a short lifetime keeps "next class" fresh). 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
if PAGE_CACHE_SECONDS:
    MIDDLEWARE = ["portal.middleware.PublicPageCacheMiddleware", *MIDDLEWARE]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

PORTAL_SITE_DESCRIPTION = _(
    "Find classes at Vietnam's community learning centres near you."
)
