"""SQLite: one index that "near me" reads every candidate from, without the rows
(search.engines.sqlite.SQLiteEngine.near_source): the online courses, which near
me always keeps, are one range of it, and the in-person and blended courses in
the bounding box two more. It holds every column a search without text reads;
the key (page_id) is SQLite's rowid, which every index carries.

Before, each of the 32,000 online courses (in Vietnamese, at tier M) was looked
up by key in the finder's covering index (0005). PostgreSQL got the same
two-range read in 0010.
"""

from django.db import migrations

COLUMNS = (
    "locale, mode, latitude, longitude, last_end, category, audiences, weekdays, "
    "times_of_day, teaching_language, fee_vnd, next_start"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX search_cie_near ON search_courseindexentry ({COLUMNS})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_cie_near")


class Migration(migrations.Migration):
    dependencies = [("search", "0010_postgresql_online_covering_index")]
    operations = [migrations.RunPython(create, drop)]
