from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from search.engines import get_engine
from search.services import course_index_next_sessions_refresh
from search.spelling import titles_running_refresh


class Command(BaseCommand):
    help = (
        "Move each finder entry's next class forward once it has ended, in batches "
        "of 1,000, count again the running courses of the titles autocomplete "
        "suggests once one of them has ended, then merge the segments the "
        "full-text index's writes left (SQLite). The finder moves at most "
        "FINDER_REFRESH_LIMIT entries a minute itself: run this from cron every "
        "minute or few."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--merge-seconds",
            type=float,
            default=30.0,
            help="Stop merging after about this many seconds; the next run goes on.",
        )

    def handle(self, merge_seconds, **options):
        if merge_seconds < 0:
            raise CommandError(_("--merge-seconds must be 0 or more."))
        count = course_index_next_sessions_refresh()
        self.stdout.write(
            _("Refreshed the next class of %(count)d courses.") % {"count": count}
        )
        titles = titles_running_refresh()
        if titles:
            self.stdout.write(
                _("Counted again the running courses of %(count)s titles.")
                % {"count": number_format(titles)}
            )
        steps, done = get_engine().merge_pending(merge_seconds)
        if steps:
            message = (
                _("Merged the full-text index's segments in %(steps)s steps.")
                if done
                else _(
                    "Merged the full-text index's segments in %(steps)s steps; "
                    "the next run goes on."
                )
            )
            self.stdout.write(message % {"steps": number_format(steps)})
