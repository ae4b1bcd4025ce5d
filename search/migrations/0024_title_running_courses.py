"""Autocomplete suggested the most taught titles first, counting every course
of a title, the ones whose last class had ended too: a title taught last year
in many communes came before one running in a few, though the finder no longer
finds those courses. Each distinct title (search.models.SearchTitle) now also
counts its courses still running, and keeps the moment that count next drops
(the earliest last class among them), when it is counted again
(search.spelling.titles_running_refresh).

The counts are read from the entries' (locale, title, last_end) index
(migration 0021). This fills them for the titles already recorded, as of the
moment the migration runs.
"""

from django.db import migrations, models
from django.utils import timezone

_ENTRIES_OF_TITLE = (
    "FROM search_courseindexentry e WHERE e.locale = search_searchtitle.locale "
    "AND e.title = search_searchtitle.title"
)
FILL = (
    "UPDATE search_searchtitle SET "
    f"running = (SELECT COUNT(*) {_ENTRIES_OF_TITLE} AND e.last_end >= %s), "
    f"running_until = (SELECT MIN(e.last_end) {_ENTRIES_OF_TITLE} "
    "AND e.last_end >= %s)"
)


def fill(apps, schema_editor):
    connection = schema_editor.connection
    moment = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(FILL, [moment, moment])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0023_sqlite_merges_from_cron"),
    ]

    operations = [
        # Added with SQL: Django adds a column that is not null on SQLite by
        # copying the table into a new one, which drops the triggers that keep
        # the titles' full-text index (migration 0007). The same statement on
        # both databases; the rows are inserted with raw SQL
        # (search.spelling), so the database keeps the default.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE search_searchtitle ADD COLUMN running integer "
                    "NOT NULL DEFAULT 0 CHECK (running >= 0)",
                    "ALTER TABLE search_searchtitle DROP COLUMN running",
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name="searchtitle",
                    name="running",
                    field=models.PositiveIntegerField(default=0, db_default=0),
                )
            ],
        ),
        migrations.AddField(
            model_name="searchtitle",
            name="running_until",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddIndex(
            model_name="searchtitle",
            index=models.Index(
                fields=["running_until"], name="search_title_running_until"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
