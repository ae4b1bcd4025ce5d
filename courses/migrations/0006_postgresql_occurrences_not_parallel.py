"""PostgreSQL: read the occurrence table without parallel workers.

Every reader of the table looks a few courses' classes up by key, or walks the
coming classes in start order until it has enough (a province's "starting
soon", the home page's). For the walk PostgreSQL chose a parallel plan: at tier
M on two cores each of three processes walked its own part of the start index
until it had the 80 classes the query asks for, and merged them (6,517 classes
and their course pages read for Phú Thọ instead of 978, plus starting the
workers): 58-109 ms against 7 ms walked by one process. Nothing here scans or
aggregates the whole table, which is what parallel workers help with.
"""

from django.db import migrations

TABLE = "courses_courseoccurrence"


def run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("courses", "0005_sessions_order_ties_by_id")]
    operations = [
        migrations.RunPython(
            run(f"ALTER TABLE {TABLE} SET (parallel_workers = 0)"),
            run(f"ALTER TABLE {TABLE} RESET (parallel_workers)"),
        )
    ]
