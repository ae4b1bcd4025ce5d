"""Settings for serving the site under gunicorn in `make bench` (DEBUG off, the
database from DATABASE_URL, optional page cache from PAGE_CACHE_SECONDS)."""

from portal.settings.base import *  # noqa: F403

DEBUG = False
DATABASES["default"].update(served_connections())  # noqa: F405
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
