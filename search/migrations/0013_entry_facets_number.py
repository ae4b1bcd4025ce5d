"""Each entry's facets as one stored number (CourseIndexEntry.facets, laid out by
search.engines.database.FACET_KEY), which the database engines group candidates
by: grouped by computed and text columns, near me's 32,600 candidates took
36-38 ms at tier M on SQLite, by the stored number 24-26 ms.

- The column is added with SQL, so that SQLite adds it in place instead of
  copying the table (which would drop its full-text triggers and the indexes
  made by earlier migrations), and filled from the entries' own columns with
  the layout as it is at this migration.
- SQLite: the full-text index is written again on an update only when the
  analysed text changes. It was on every update: the once-a-minute refresh of
  the next classes (search.services.course_index_next_sessions_refresh) wrote
  each refreshed entry's text anew, and the fill below would have too.
- The indexes the finder reads candidates from without the rows (0005, 0008,
  0010, 0011) hold the new column.

At tier M (660,000 entries) it took 30 s on SQLite and 97 s on PostgreSQL,
where the fill writes every row anew (searches go on meanwhile; publishing
waits for it); a VACUUM, or ``rebuild_course_index``, afterwards gives the
space back.
"""

from django.db import migrations, models

TABLE = "search_courseindexentry"
# FACET_KEY as of this migration: (column, bits, values): a mask or flag
# (values None) or a column stored as its position in values plus one.
LAYOUT = (
    ("audiences", 16, None),
    ("weekdays", 7, None),
    ("times_of_day", 3, None),
    ("CASE WHEN fee_vnd = 0 THEN 1 ELSE 0 END", 1, None),
    (
        "category",
        8,
        (
            "digital-skills",
            "literacy",
            "foreign-languages",
            "agriculture",
            "health",
            "law-civics",
            "vocational",
            "culture-arts",
            "life-skills",
        ),
    ),
    ("teaching_language", 8, ("vi", "en", "km", "zh", "ko", "ja", "tyz", "hmn")),
    ("mode", 4, ("in_person", "online", "blended")),
)


def _fill_expression():
    parts, shift = [], 0
    for column, width, values in LAYOUT:
        if values is None:
            value = f"({column} & {(1 << width) - 1})"
        else:
            cases = " ".join(
                f"WHEN '{value}' THEN {position}"
                for position, value in enumerate(values, start=1)
            )
            value = f"(CASE {column} {cases} ELSE 0 END)"
        parts.append(f"CAST({value} AS BIGINT) * {1 << shift}")
        shift += width
    return " + ".join(parts)


TEXT = "title_exact, title_folded, body_exact, body_folded"
TRIGGER = """CREATE TRIGGER search_course_fts_au AFTER UPDATE {of}ON {table}
    BEGIN
      INSERT INTO search_course_fts(search_course_fts, rowid, title_exact,
        title_folded, body_exact, body_folded)
      VALUES ('delete', old.page_id, old.title_exact, old.title_folded,
        old.body_exact, old.body_folded);
      INSERT INTO search_course_fts(rowid, title_exact, title_folded, body_exact,
        body_folded)
      VALUES (new.page_id, new.title_exact, new.title_folded, new.body_exact,
        new.body_folded);
    END"""
SQLITE_FINDER = (
    "page_id, locale, last_end, category, audiences, weekdays, times_of_day, "
    "teaching_language, mode, fee_vnd, next_start, latitude, longitude, title_folded"
)
SQLITE_NEAR = (
    "locale, mode, latitude, longitude, last_end, category, audiences, weekdays, "
    "times_of_day, teaching_language, fee_vnd, next_start"
)
PG_ONLINE = (
    "last_end, category, audiences, weekdays, times_of_day, teaching_language, "
    "fee_vnd, next_start, latitude, longitude"
)
PG_FINDER = (
    "locale, last_end, category, audiences, weekdays, times_of_day, "
    "teaching_language, mode, fee_vnd, next_start, latitude, longitude"
)


def _indexes(vendor, extra):
    """The covering indexes' statements, with ``extra`` columns appended."""
    if vendor == "sqlite":
        return [
            "DROP INDEX IF EXISTS search_cie_finder",
            f"CREATE INDEX search_cie_finder ON {TABLE} ({SQLITE_FINDER}{extra})",
            "DROP INDEX IF EXISTS search_cie_near",
            f"CREATE INDEX search_cie_near ON {TABLE} ({SQLITE_NEAR}{extra})",
        ]
    return [
        "DROP INDEX IF EXISTS search_cie_online",
        f"CREATE INDEX search_cie_online ON {TABLE} (locale, mode, page_id) "
        f"INCLUDE ({PG_ONLINE}{extra})",
        "DROP INDEX IF EXISTS search_cie_finder_pg",
        f"CREATE INDEX search_cie_finder_pg ON {TABLE} (page_id) "
        f"INCLUDE ({PG_FINDER}{extra})",
    ]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    run = schema_editor.execute
    run(f"ALTER TABLE {TABLE} ADD COLUMN facets BIGINT NOT NULL DEFAULT 0")
    if vendor == "sqlite":
        run("DROP TRIGGER IF EXISTS search_course_fts_au")
        run(TRIGGER.format(of=f"OF {TEXT} ", table=TABLE))
    run(f"UPDATE {TABLE} SET facets = {_fill_expression()}")  # noqa: S608 - ours
    for statement in _indexes(vendor, ", facets"):
        run(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    run = schema_editor.execute
    for statement in _indexes(vendor, ""):
        run(statement)
    if vendor == "sqlite":
        run("DROP TRIGGER IF EXISTS search_course_fts_au")
        run(TRIGGER.format(of="", table=TABLE))
    run(f"ALTER TABLE {TABLE} DROP COLUMN facets")


class Migration(migrations.Migration):
    dependencies = [("search", "0012_entries_per_locale")]
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward)],
            state_operations=[
                migrations.AddField(
                    model_name="courseindexentry",
                    name="facets",
                    field=models.BigIntegerField(default=0),
                )
            ],
        )
    ]
