"""PostgreSQL: write the finder's GIN indexes in place, without a pending list.

By default a GIN index gathers new entries in a pending list, which every
search through the index reads in full, and which is merged into the index only
when it reaches 4 MB (by the writer that fills it, a publish or the search
that refreshes next classes) or when the table is vacuumed. The refresh of each
course's next class (search.services.course_index_next_sessions_refresh)
updates ``next_start``, which several indexes hold, so each entry it moves
writes all its words again. At tier M, moving the 22,112 entries whose class
ended within five hours left 346 pages in each list, and a raw search for a
word no entry holds took 0.83 ms instead of 0.30 (session 19: 2.05 against
0.54 ms). The vocabulary's and the titles' indexes gather one too, from every
publish. Without a pending list each write goes straight into the index: no
read depends on how long ago the table was vacuumed, and no writer pays for
merging 4 MB. Writing costs more: 2.03 ms per entry moved against 1.07 ms,
mostly in cron's refresh (a search moves at most FINDER_REFRESH_LIMIT).

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
