import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from bench.generator import ScaleDataGenerator
from search.engines.sqlite import full_text_statistics_forget
from search.services import course_index_rebuild


class Command(BaseCommand):
    help = (
        "Generate a synthetic national dataset with bulk inserts: N centres with M "
        "courses each (about 10 classes per course) in the given locales, then build "
        "the finder's index. Tier S: --centres 3321 --courses-per-centre 30; "
        "tier M: --centres 11000 --courses-per-centre 30."
    )

    def add_arguments(self, parser):
        parser.add_argument("--centres", type=int, required=True)
        parser.add_argument("--courses-per-centre", type=int, required=True)
        parser.add_argument("--locales", default="vi,en")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--no-index", action="store_true", help="skip building the finder's index"
        )

    def handle(
        self,
        centres,
        courses_per_centre,
        locales,
        seed,
        no_progress,
        no_index,
        **options,
    ):
        languages = [code.strip() for code in locales.split(",") if code.strip()]
        if not languages or languages[0] != "vi":
            raise CommandError("--locales must start with vi, the source language")
        if centres < 1 or courses_per_centre < 0:
            raise CommandError("--centres must be ≥ 1 and --courses-per-centre ≥ 0")
        pages = centres * (1 + courses_per_centre) * len(languages)
        with tqdm(
            total=pages,
            unit="page",
            file=self.stderr._out,
            disable=no_progress,
            desc="pages",
        ) as bar:
            report = ScaleDataGenerator(
                centres, courses_per_centre, languages, seed=seed, progress=bar.update
            ).run()
        self.stdout.write(
            f"Generated {report.centres} centres, {report.courses} courses, "
            f"{report.pages} pages and {report.occurrences} occurrences in "
            f"{report.seconds:.1f} s ({report.rate:.0f} pages/s)."
        )
        # Planner statistics for the bulk-loaded tables: without them SQLite
        # walked every page of a language for a province's centres (its LIKE
        # cannot use the path index, and it preferred a range over 341,000
        # pages to 80 lookups by key), and PostgreSQL scanned tables.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            if connection.vendor == "sqlite":
                # Not of the full-text index, still empty: its statistics would
                # make SQLite scan FTS5's tables where it reads a range by key.
                full_text_statistics_forget(cursor)
        self.stdout.write(
            f"Took planner statistics in {time.perf_counter() - started:.1f} s."
        )
        if not no_index:
            with tqdm(
                unit="course", file=self.stderr._out, disable=no_progress, desc="index"
            ) as bar:
                started = time.perf_counter()
                count = course_index_rebuild(progress=bar.update)
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"Indexed {count} courses in {seconds:.1f} s "
                f"({count / seconds if seconds else 0:.0f} courses/s)."
            )
