"""SQLite: the full-text index holds, beside the analysed text, a tag of where
each course is taught: ``online``, or the cell of a grid of quarter degrees
(about 28 km) its centre stands in (search.engines.sqlite.PLACE_TAGS).

A text near a place took every match of the text in the country and kept those
in the place's box or online: "tin học" near a place at tier M walked all
154,000 matches of "tin" twice, 43 ms for the 417 within 25 km and 74 ms for
the newest 5,000 online ones (searching among 32,000 online courses of the
language), and with both the search took 127 ms. With the tags FTS5 answers
"tin AND (the box's cells)" and "tin AND online" from the lists themselves:
1.5 ms and 4.4 ms for the same rows, and the search took 84 ms.

- The tag is a generated column of the entry table (computed, not stored:
  nothing to fill), added with SQL so that SQLite adds it in place; Django's
  model does not know it, as it does not know the full-text table.
- The full-text table is made again with the tag as a fifth column (an external
  content table takes its columns' names from the entry table), and filled
  from the entries (at tier M, 660,000 entries, 28 s).
- The update trigger writes the full-text row again when the place or the mode
  changes too, not only the text (0013).
"""

from django.db import migrations

TABLE = "search_courseindexentry"
FTS = "search_course_fts"
# The tag as of this migration: 4 cells a degree, numbered from the south pole
# and from the antimeridian so that they are never negative.
TAG = (
    "CASE WHEN mode = 'online' THEN 'online' "
    "WHEN latitude IS NOT NULL AND longitude IS NOT NULL THEN "
    "'g' || CAST((latitude + 90) * 4 AS INTEGER) || 'x' || "
    "CAST((longitude + 180) * 4 AS INTEGER) END"
)
TEXT = ["title_exact", "title_folded", "body_exact", "body_folded"]
REBUILD_HASH_BYTES = 64 * 1024 * 1024
DEFAULT_HASH_BYTES = 1024 * 1024


def _statements(columns, update_of):
    listed = ", ".join(columns)
    old = ", ".join(f"old.{c}" for c in columns)
    new = ", ".join(f"new.{c}" for c in columns)
    delete = (
        f"INSERT INTO {FTS}({FTS}, rowid, {listed}) "
        f"VALUES ('delete', old.page_id, {old});"
    )
    insert = f"INSERT INTO {FTS}(rowid, {listed}) VALUES (new.page_id, {new});"
    return [
        "DROP TRIGGER IF EXISTS search_course_fts_au",
        "DROP TRIGGER IF EXISTS search_course_fts_ad",
        "DROP TRIGGER IF EXISTS search_course_fts_ai",
        f"DROP TABLE IF EXISTS {FTS}",
        f"CREATE VIRTUAL TABLE {FTS} USING fts5({listed}, content='{TABLE}', "
        "content_rowid='page_id', tokenize='ascii')",
        f"CREATE TRIGGER search_course_fts_ai AFTER INSERT ON {TABLE} "
        f"BEGIN {insert} END",
        f"CREATE TRIGGER search_course_fts_ad AFTER DELETE ON {TABLE} "
        f"BEGIN {delete} END",
        f"CREATE TRIGGER search_course_fts_au AFTER UPDATE OF "
        f"{', '.join(update_of)} ON {TABLE} BEGIN {delete} {insert} END",
        f"INSERT INTO {FTS}({FTS}, rank) VALUES ('hashsize', {REBUILD_HASH_BYTES})",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
        f"INSERT INTO {FTS}({FTS}, rank) VALUES ('hashsize', {DEFAULT_HASH_BYTES})",
    ]


FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN fts_tags TEXT GENERATED ALWAYS AS ({TAG}) "
    "VIRTUAL",
    *_statements([*TEXT, "fts_tags"], [*TEXT, "mode", "latitude", "longitude"]),
]
BACKWARD = [
    *_statements(TEXT, TEXT),
    f"ALTER TABLE {TABLE} DROP COLUMN fts_tags",
]


def on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0014_sqlite_online_index")]
    operations = [migrations.RunPython(on_sqlite(FORWARD), on_sqlite(BACKWARD))]
