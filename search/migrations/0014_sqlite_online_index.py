"""SQLite: near me reads the online courses from an index of their own, in the
order of their facet number (search.engines.sqlite.SQLiteEngine.near_source),
and the near index (0011) keeps only the other courses.

Near me keeps every online course of the reader's language (32,600 in
Vietnamese at tier M) and groups its candidates by their facet number to count
the facets. Read from the near index, they came in order of latitude, and
sorting them for the grouping made the facets cost 1.53 times the plain search
(39.6 against 25.9 ms; the statement 36.7 against 24.3 ms); read in the
number's order, 1.43-1.46 times (the statement 32.2 against 23.0 ms). The
two partial indexes hold the same rows and columns as the one they replace
(both include ``mode``, so that SQLite reads them without the table), and take
as long to build.
"""

from django.db import migrations

TABLE = "search_courseindexentry"
NEAR = (
    "locale, mode, latitude, longitude, last_end, category, audiences, weekdays, "
    "times_of_day, teaching_language, fee_vnd, next_start, facets"
)
ONLINE = (
    "locale, mode, facets, last_end, next_start, category, audiences, weekdays, "
    "times_of_day, teaching_language, fee_vnd, latitude, longitude"
)


SPLIT = [
    "DROP INDEX IF EXISTS search_cie_near",
    f"CREATE INDEX search_cie_near ON {TABLE} ({NEAR}) WHERE mode <> 'online'",
    f"CREATE INDEX search_cie_near_online ON {TABLE} ({ONLINE}) WHERE mode = 'online'",
]
JOIN = [
    "DROP INDEX IF EXISTS search_cie_near_online",
    "DROP INDEX IF EXISTS search_cie_near",
    f"CREATE INDEX search_cie_near ON {TABLE} ({NEAR})",
]


def on_sqlite(statements):
    """A migration step running ``statements`` on SQLite only."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0013_entry_facets_number")]
    operations = [migrations.RunPython(on_sqlite(SPLIT), on_sqlite(JOIN))]
