"""PostgreSQL: the Vietnamese entries by page id, in their own index.

A text in more entries than FINDER_RANKED_CANDIDATES is ranked among its
newest matches in the reader's language (search.engines.database), read
backwards in page id order. PostgreSQL walked the primary key for it and read
every language's rows: for "tin" at tier M, 29,616 rows (14,808 of them
English) to keep 5,000 Vietnamese matches, 61-70 ms. The (locale, page_id)
index of migration 0012 reads only the Vietnamese ones, but the planner took
it for a random walk of the table, because Vietnamese and English rows
alternate (a correlation of 0.5 for the language). Read through this index,
whose order is the table's, the same 5,000 took 25-26 ms: half the rows, and
few enough to stay in shared buffers.

Only for Vietnamese, the language every centre writes in and most readers
read; readers of other languages keep the primary key's walk.
"""

from django.db import migrations

INDEX = "search_cie_vi_newest"


def run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0016_postgresql_gin_without_pending_list")]
    operations = [
        migrations.RunPython(
            run(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_courseindexentry "
                "(page_id) WHERE locale = 'vi'"
            ),
            run(f"DROP INDEX IF EXISTS {INDEX}"),
        )
    ]
