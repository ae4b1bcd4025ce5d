import logging
import time

from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections
from django.utils.translation import ngettext

from staff.jobs import import_jobs_run_queued

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the background spreadsheet imports queued in the admin (files of more "
        "than STAFF_IMPORT_BACKGROUND_ROWS records), oldest first. Without --once it "
        "keeps looking for new jobs: run it beside gunicorn in production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="run the jobs queued now, then stop"
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help="seconds between looks for new jobs (default 2)",
        )

    def handle(self, once, interval, **options):
        while True:
            try:
                ran = import_jobs_run_queued()
            except OperationalError:
                # The database is away or (SQLite) busy with another writer: the
                # jobs stay queued for the next look.
                if once:
                    raise
                logger.warning("Import jobs: database unavailable", exc_info=True)
                ran = 0
            if once:
                self.stdout.write(
                    ngettext(
                        "Ran %(count)d import job.", "Ran %(count)d import jobs.", ran
                    )
                    % {"count": ran}
                )
                return
            close_old_connections()
            if not ran:
                time.sleep(interval)
