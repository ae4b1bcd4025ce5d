from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from courses.catalogue import CatalogueError, catalogue_import, catalogue_size


class Command(BaseCommand):
    help = (
        "Import centres, courses and curricula from a catalogue JSON file "
        "(docs/catalogue-format.md). All or nothing: one bad record and nothing "
        "is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the catalogue JSON file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check and count what would change, then write nothing",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish new and changed pages (default: save them as drafts)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="hide the progress bar"
        )

    def handle(self, path, dry_run, publish, no_progress, **options):
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read the file: {exc}") from None
        bar = tqdm(
            total=catalogue_size(text),
            unit="record",
            file=self.stderr._out,
            disable=no_progress,
            desc=file.name,
        )
        try:
            report = catalogue_import(
                text,
                publish=publish,
                dry_run=dry_run,
                progress=bar.update,
                source_name=str(path),
            )
        except CatalogueError as exc:
            bar.close()
            for problem in exc.problems:
                self.stderr.write(f"{path}: {problem}")
            raise CommandError(
                f"{len(exc.problems)} problem(s) found; nothing was imported."
            ) from None
        bar.close()
        prefix = "Dry run, nothing written. Would import: " if dry_run else ""
        self.stdout.write(prefix + report.summary())
