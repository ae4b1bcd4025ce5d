"""PostgreSQL: write the finder's GIN indexes in place, without a pending list.

By default a GIN index gathers new entries in a pending list, which every
search through the index reads in full, and which is merged into the index only
when it reaches 4 MB (by the writer that fills it) or when the table is
vacuumed. The finder's once-a-minute refresh of each course's next class
(search.services.course_index_next_sessions_refresh) updates ``next_start``,
which several indexes hold, so each refreshed entry writes all its words again:
at tier M the list had grown to 437 pages when the benchmark ran, and a text no
entry holds took 2.05 ms in raw SQL instead of 0.54 ms once it was flushed.
The vocabulary's and the titles' trigram and word indexes gather one too, from
every publish. Without a pending list each write goes straight into the index,
and no read depends on how long ago the table was last vacuumed.

The rebuild (search.engines.postgresql) recreates the entry table's indexes
from their definitions, which carry this setting.
"""

from django.db import migrations

INDEXES = (
    "search_cie_tsv_exact",
    "search_cie_tsv_folded",
    "search_term_trgm",
    "search_title_tsv",
)


def pending_list(off):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            if not off:
                schema_editor.execute(f"ALTER INDEX {index} RESET (fastupdate)")
                continue
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
            # The setting keeps new entries out of the list; what is already
            # in it is merged now.
            schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0015_sqlite_place_tags")]
    operations = [migrations.RunPython(pending_list(True), pending_list(False))]
