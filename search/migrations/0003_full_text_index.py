"""The database engines' full-text index over CourseIndexEntry.

SQLite: an FTS5 table with external content (the entry table) kept in step by
triggers. The ``ascii`` tokenizer splits on spaces only, because the text is
already analysed by search.text (unicode61 would shred Khmer syllables).

PostgreSQL: generated tsvector columns (title weighted A, body B) over the same
analysed text with the ``simple`` configuration, and GIN indexes.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_course_fts USING fts5(
        title_exact, title_folded, body_exact, body_folded,
        content='search_courseindexentry', content_rowid='page_id',
        tokenize='ascii')""",
    """CREATE TRIGGER search_course_fts_ai AFTER INSERT ON search_courseindexentry
    BEGIN
      INSERT INTO search_course_fts(rowid, title_exact, title_folded, body_exact,
        body_folded)
      VALUES (new.page_id, new.title_exact, new.title_folded, new.body_exact,
        new.body_folded);
    END""",
    """CREATE TRIGGER search_course_fts_ad AFTER DELETE ON search_courseindexentry
    BEGIN
      INSERT INTO search_course_fts(search_course_fts, rowid, title_exact,
        title_folded, body_exact, body_folded)
      VALUES ('delete', old.page_id, old.title_exact, old.title_folded,
        old.body_exact, old.body_folded);
    END""",
    """CREATE TRIGGER search_course_fts_au AFTER UPDATE ON search_courseindexentry
    BEGIN
      INSERT INTO search_course_fts(search_course_fts, rowid, title_exact,
        title_folded, body_exact, body_folded)
      VALUES ('delete', old.page_id, old.title_exact, old.title_folded,
        old.body_exact, old.body_folded);
      INSERT INTO search_course_fts(rowid, title_exact, title_folded, body_exact,
        body_folded)
      VALUES (new.page_id, new.title_exact, new.title_folded, new.body_exact,
        new.body_folded);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_course_fts_au",
    "DROP TRIGGER IF EXISTS search_course_fts_ad",
    "DROP TRIGGER IF EXISTS search_course_fts_ai",
    "DROP TABLE IF EXISTS search_course_fts",
]

POSTGRESQL = [
    """ALTER TABLE search_courseindexentry
       ADD COLUMN tsv_exact tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('simple', title_exact), 'A') ||
         setweight(to_tsvector('simple', body_exact), 'B')) STORED,
       ADD COLUMN tsv_folded tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('simple', title_folded), 'A') ||
         setweight(to_tsvector('simple', body_folded), 'B')) STORED""",
    "CREATE INDEX search_cie_tsv_exact ON search_courseindexentry USING gin(tsv_exact)",
    "CREATE INDEX search_cie_tsv_folded ON search_courseindexentry "
    "USING gin(tsv_folded)",
]
POSTGRESQL_REVERSE = [
    "ALTER TABLE search_courseindexentry DROP COLUMN IF EXISTS tsv_exact, "
    "DROP COLUMN IF EXISTS tsv_folded",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0002_initial")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
