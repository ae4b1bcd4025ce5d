import gc
import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bench import measure
from search.engines.sqlite import REBUILD_HASH_BYTES

PARTS = ("finder", "pages", "admin", "writes", "rawload")


def raw_bulk_load():
    """The limit for index building: copying the same entry rows into a fresh
    table and building the same full-text index, with no Python in between."""
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            "CREATE TABLE bench_entry_copy AS SELECT * FROM search_courseindexentry"
        )
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE bench_fts USING fts5(title_exact, "
                "title_folded, body_exact, body_folded, fts_tags, tokenize='ascii')"
            )
            # The same in-memory buffer as the rebuild's full-text pass, so the
            # limit is the engine's best bulk load, not its default one (at tier
            # M this pass took 32.2 s with the default and 19.7 s with it).
            cursor.execute(
                "INSERT INTO bench_fts(bench_fts, rank) VALUES ('hashsize', %s)",
                [REBUILD_HASH_BYTES],
            )
            cursor.execute(
                "INSERT INTO bench_fts(rowid, title_exact, title_folded, body_exact, "
                "body_folded, fts_tags) SELECT page_id, title_exact, title_folded, "
                "body_exact, body_folded, fts_tags FROM bench_entry_copy"
            )
        else:
            cursor.execute(
                "CREATE INDEX bench_copy_gin ON bench_entry_copy USING gin(tsv_folded)"
            )
            cursor.execute(
                "CREATE INDEX bench_copy_gin2 ON bench_entry_copy USING gin(tsv_exact)"
            )
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_entry_copy")
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE bench_fts")
    return round(seconds, 2)


class Command(BaseCommand):
    help = "Run the in-process benchmarks and write them as JSON (see bench/)."

    def add_arguments(self, parser):
        parser.add_argument("--json", dest="json_path", required=True)
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--import-courses", type=int, default=1000)
        parser.add_argument("--publish-courses", type=int, default=60)
        parser.add_argument(
            "--only",
            default=",".join(PARTS),
            help=f"comma-separated parts to run, among {', '.join(PARTS)}; the "
            "writes and the import change the data, so leave them out to compare "
            "finder and page figures run after run",
        )

    def handle(self, json_path, runs, import_courses, publish_courses, only, **options):
        parts = {p.strip() for p in only.split(",") if p.strip()}
        unknown = parts - set(PARTS)
        if unknown:
            raise CommandError(f"unknown parts: {', '.join(sorted(unknown))}")
        # As a served process does (portal/wsgi.py): what loading made is left
        # out of the collector's full passes, which otherwise paused one call
        # in every few dozen for 60-90 ms, in the finder and in its limits.
        gc.freeze()
        results = {"vendor": connection.vendor, "scale": measure.scale_counts()}
        if "finder" in parts:
            self.stderr.write("finder…")
            results["finder"] = measure.finder_figures(runs)
        if "pages" in parts:
            self.stderr.write("queries and time per page…")
            results["queries_per_page"] = measure.queries_per_page()
            results["pages"] = measure.page_figures(runs)
        if "admin" in parts:
            self.stderr.write("admin…")
            results["admin"] = measure.admin_figures(max(5, runs // 3))
        if "writes" in parts:
            self.stderr.write("writes…")
            with transaction.atomic():
                results["writes"] = measure.writes_figures()
            results["writes"]["publish_series"] = measure.publish_series_figures(
                publish_courses
            )
            results["writes"]["catalogue_import"] = measure.import_figures(
                import_courses
            )
        if "rawload" in parts:
            self.stderr.write("raw bulk load…")
            results["index_limit_raw_bulk_load_seconds"] = raw_bulk_load()
        with open(json_path, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=1, default=str)
