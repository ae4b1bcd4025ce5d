"""Settings for the test suite (SQLite by default, DATABASE_URL for PostgreSQL)."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="htcd-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
# The demo portal each test process loads (tests/conftest.py) has three centres
# per province instead of six: its load was half of the suite's time on SQLite
# (80 of 174 s) and is linear in the centres; with three, 52 s. Every test
# still runs against a portal built by the same import.
DEMO_CENTRES_PER_PROVINCE = 3
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test database is thrown away after the run: its commits need not wait
    # for the disk. The demo portal's load commits once per page and per
    # deferred task. Alone it took 94 s, 52-57 s without waiting; with two
    # workers loading at once on two cores each still takes about 95 s (they
    # compete for the processors), and the PostgreSQL leg took 300 s instead
    # of 321-329 s. SQLite's test database is in memory.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        "-c synchronous_commit=off"
    )
