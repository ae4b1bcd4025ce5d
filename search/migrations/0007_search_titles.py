"""Distinct course titles per locale for autocomplete, with each database's own
full-text index over their analysed form, filled from the existing entries.

At tier M, autocomplete over the 660,000 entries took 114 ms on SQLite and
757 ms on PostgreSQL (whose GIN index cannot tell title words from body words,
so every entry with a word starting with the prefix was rechecked).
"""

from django.db import migrations, models

SQLITE = [
    """CREATE VIRTUAL TABLE search_title_fts USING fts5(
        title_folded, content='search_searchtitle', content_rowid='id',
        tokenize='ascii', prefix='1 2 3')""",
    """CREATE TRIGGER search_title_fts_ai AFTER INSERT ON search_searchtitle
    BEGIN
      INSERT INTO search_title_fts(rowid, title_folded)
      VALUES (new.id, new.title_folded);
    END""",
    """CREATE TRIGGER search_title_fts_ad AFTER DELETE ON search_searchtitle
    BEGIN
      INSERT INTO search_title_fts(search_title_fts, rowid, title_folded)
      VALUES ('delete', old.id, old.title_folded);
    END""",
    """CREATE TRIGGER search_title_fts_au AFTER UPDATE OF title_folded
    ON search_searchtitle
    BEGIN
      INSERT INTO search_title_fts(search_title_fts, rowid, title_folded)
      VALUES ('delete', old.id, old.title_folded);
      INSERT INTO search_title_fts(rowid, title_folded)
      VALUES (new.id, new.title_folded);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_title_fts_au",
    "DROP TRIGGER IF EXISTS search_title_fts_ad",
    "DROP TRIGGER IF EXISTS search_title_fts_ai",
    "DROP TABLE IF EXISTS search_title_fts",
]
POSTGRESQL = [
    """ALTER TABLE search_searchtitle ADD COLUMN tsv tsvector
       GENERATED ALWAYS AS (to_tsvector('simple', title_folded)) STORED""",
    "CREATE INDEX search_title_tsv ON search_searchtitle USING gin(tsv)",
]
POSTGRESQL_REVERSE = ["ALTER TABLE search_searchtitle DROP COLUMN IF EXISTS tsv"]
BACKFILL = (
    "INSERT INTO search_searchtitle (locale, title, title_folded, courses) "
    "SELECT locale, title, MIN(title_folded), COUNT(*) "
    "FROM search_courseindexentry GROUP BY locale, title"
)


def run(statements):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


def backfill(apps, schema_editor):
    schema_editor.execute(BACKFILL)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_terms")]

    operations = [
        migrations.CreateModel(
            name="SearchTitle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("locale", models.CharField(max_length=8)),
                ("title", models.CharField(max_length=255)),
                ("title_folded", models.TextField()),
                ("courses", models.PositiveIntegerField(default=1)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("locale", "title"), name="search_title_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
