"""Finder engines. ``get_engine()`` returns the one chosen by settings.FINDER_ENGINE
(a dotted class path), or by default the database's own: SQLite FTS5 or PostgreSQL
full-text search."""

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

DEFAULT_ENGINES = {
    "sqlite": "search.engines.sqlite.SQLiteEngine",
    "postgresql": "search.engines.postgresql.PostgreSQLEngine",
}
_engines = {}


def get_engine(path=None):
    """Return the engine instance for ``path`` (default: the configured one)."""
    path = (
        path
        or getattr(settings, "FINDER_ENGINE", None)
        or DEFAULT_ENGINES[connection.vendor]
    )
    if path not in _engines:
        _engines[path] = import_string(path)()
    return _engines[path]
