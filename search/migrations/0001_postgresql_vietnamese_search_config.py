"""On PostgreSQL, a text-search configuration that folds Vietnamese.

The server's default configuration is often ``english``: no folding, and the
Vietnamese syllables "to", "do", "no" are dropped as stop words. ``simple`` plus the
``unaccent`` dictionary folds every tone mark and ``đ`` (shared/guide/search.md).
Creating the extension needs a role allowed to do so; a managed database may need
it created once by its administrator.
"""

from django.db import migrations

CONFIG = "vietnamese_unaccent"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
              ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
          END IF;
        END $$;
        """
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create, drop)]
