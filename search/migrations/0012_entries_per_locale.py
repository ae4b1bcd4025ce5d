"""The vocabulary counts each language's entries (as the word
search.spelling.ENTRIES, which no text holds), so the finder can estimate the
share of them a text's words are in; and PostgreSQL gets a (locale, page_id)
index, from which it finds where the newest entries of a language begin
(search.engines.postgresql.PostgreSQLEngine.newest_since) and reads only those
entries' full-text matches for a frequent text.
"""

from django.db import migrations

COUNT = (
    "INSERT INTO search_searchterm (locale, term, documents) "
    "SELECT locale, '', COUNT(*) FROM search_courseindexentry GROUP BY locale"
)
UNCOUNT = "DELETE FROM search_searchterm WHERE term = ''"
INDEX = "search_cie_locale_page"


def create(apps, schema_editor):
    schema_editor.execute(UNCOUNT)
    schema_editor.execute(COUNT)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON search_courseindexentry (locale, page_id)"
        )


def drop(apps, schema_editor):
    schema_editor.execute(UNCOUNT)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0011_sqlite_near_me_index")]
    operations = [migrations.RunPython(create, drop)]
