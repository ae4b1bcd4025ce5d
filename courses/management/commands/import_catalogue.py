from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from courses.catalogue import CatalogueError, catalogue_import, catalogue_size


class Command(BaseCommand):
    """Its messages are in the active language: Vietnamese, the portal's
    language (settings.LANGUAGE_CODE), unless a caller activates another."""

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
            raise CommandError(
                _("%(path)s: cannot read the file: %(error)s")
                % {"path": path, "error": exc}
            ) from None
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
            count = len(exc.problems)
            raise CommandError(
                ngettext(
                    "%(count)d problem found; nothing was imported.",
                    "%(count)d problems found; nothing was imported.",
                    count,
                )
                % {"count": count}
            ) from None
        bar.close()
        if dry_run:
            self.stdout.write(
                _("Dry run, nothing written. Would import: %(summary)s")
                % {"summary": report.summary()}
            )
        else:
            self.stdout.write(report.summary())
