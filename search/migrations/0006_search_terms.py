"""The vocabulary of the finder's index, for the "similar spellings" fallback
(search.spelling), with each database's own trigram index over it.

SQLite: an FTS5 table with the ``trigram`` tokenizer, holding each word between
``^`` and ``$`` so that the start and end of a short syllable count as trigrams
("hok" shares "^ho" with "hoc"), kept in step by triggers.

PostgreSQL: the ``pg_trgm`` extension (a trusted extension, so the database
owner may create it) and a GIN index with ``gin_trgm_ops``; pg_trgm pads words
with spaces itself.
"""

from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE search_term_trigrams USING fts5(padded, tokenize='trigram')",
    """CREATE TRIGGER search_term_trigrams_ai AFTER INSERT ON search_searchterm
    BEGIN
      INSERT INTO search_term_trigrams(rowid, padded)
      VALUES (new.id, '^' || new.term || '$');
    END""",
    """CREATE TRIGGER search_term_trigrams_ad AFTER DELETE ON search_searchterm
    BEGIN
      DELETE FROM search_term_trigrams WHERE rowid = old.id;
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_term_trigrams_ad",
    "DROP TRIGGER IF EXISTS search_term_trigrams_ai",
    "DROP TABLE IF EXISTS search_term_trigrams",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS search_term_trgm"]


def record_existing(apps, schema_editor):
    """Fill the vocabulary from an index built before it existed (the words of
    each entry's analysed title and body, as search.spelling.entry_terms counts
    them)."""
    from collections import Counter

    Entry = apps.get_model("search", "CourseIndexEntry")
    Term = apps.get_model("search", "SearchTerm")
    counts = Counter()
    rows = Entry.objects.values_list("locale", "title_folded", "body_folded")
    for locale, title, body in rows.iterator(chunk_size=2000):
        counts.update(
            (locale, word)
            for word in set(title.split()) | set(body.split())
            if 2 <= len(word) <= 64 and not word.isdigit()
        )
    Term.objects.bulk_create(
        [Term(locale=loc, term=term, documents=n) for (loc, term), n in counts.items()],
        batch_size=2000,
    )


def run(statements):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0005_sqlite_finder_covering_index")]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
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
                ("term", models.CharField(max_length=64)),
                ("documents", models.PositiveIntegerField(default=1)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("locale", "term"), name="search_term_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
        migrations.RunPython(record_existing, migrations.RunPython.noop),
    ]
