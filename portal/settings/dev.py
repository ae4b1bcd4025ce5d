"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# load_demo_data creates this login, and only when these settings are active.
DEMO_ADMIN_USERNAME = "admin"
# Large staff imports (staff/jobs.py) run in a thread of the server, so that
# `make run` needs no `run_import_jobs` beside it. Production runs that command.
STAFF_IMPORT_RUN_IN_THREAD = True
