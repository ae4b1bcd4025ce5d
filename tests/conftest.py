"""Shared fixtures. The demo portal is loaded once per test database (SQLite or
PostgreSQL) through the same command `make run` uses; each test then runs inside a
transaction that is rolled back."""

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import UserFactory

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)
        # Courses in Lai Châu (no demo centre there) whose classes run in 2030:
        # the finder tests search "at" a fixed time when only these are current.
        call_command(
            "import_catalogue",
            str(FIXTURES / "finder_catalogue.json"),
            "--publish",
            "--no-progress",
            verbosity=0,
        )


@pytest.fixture
def catalogue_data():
    """The small catalogue fixture as a dict (a fresh copy for each test)."""
    return json.loads((FIXTURES / "catalogue_small.json").read_text(encoding="utf-8"))


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture(autouse=True)
def _cache_cleared_after_each_test():
    """Each test's writes are rolled back: what it left in the cache (a
    taxonomy's labels, a cached page) goes with them."""
    yield
    cache.clear()
