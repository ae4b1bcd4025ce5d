"""Settings of a served process against the development server's."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "test-only",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "ALLOWED_HOSTS": "example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def database_settings(module, **env):
    """The default database's connection settings as ``module`` makes them,
    loaded in a process of its own."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "import json; d = settings.DATABASES['default']; "
        "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    environment = {k: v for k, v in os.environ.items() if k not in {"DB_CONN_MAX_AGE"}}
    environment.update(DJANGO_SETTINGS_MODULE=module, **env)
    output = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


@pytest.mark.parametrize("module", ["portal.settings.production", "bench.settings"])
def test_served_threads_keep_their_connection_and_check_it(module):
    assert database_settings(module, **PRODUCTION) == [60, True]
    assert database_settings(module, **PRODUCTION, DB_CONN_MAX_AGE="0") == [0, True]


def test_the_development_server_opens_one_per_request():
    assert database_settings("portal.settings.dev") == [0, False]
