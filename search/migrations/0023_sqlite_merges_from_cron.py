"""SQLite: writes to the finder's full-text index merge none of its segments
('automerge' 0); ``refresh_next_sessions``, from cron, merges them a step at a
time (search.engines.sqlite.SQLiteEngine.merge_pending).

FTS5 merged inside the writes, and a level of 16 segments at once whatever its
size. At tier M a publish now and then merged the whole index: 8.7 s. Its
'crisismerge' (16) still bounds the segments where cron does not run. The
setting is stored with the full-text table. Backwards: FTS5's default, 4.
"""

from django.db import migrations

FTS = "search_course_fts"


def automerge(value):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {FTS}({FTS}, rank) VALUES ('automerge', %s)", [value]
                )

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0022_english_only_plurals")]
    operations = [migrations.RunPython(automerge(0), automerge(4))]
