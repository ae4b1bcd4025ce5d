from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from search.services import course_index_next_sessions_refresh


class Command(BaseCommand):
    help = (
        "Move each finder entry's next class forward once it has ended, in batches "
        "of 1,000. The finder moves at most FINDER_REFRESH_LIMIT entries a minute "
        "itself: run this from cron every minute or few."
    )

    def handle(self, **options):
        count = course_index_next_sessions_refresh()
        self.stdout.write(
            _("Refreshed the next class of %(count)d courses.") % {"count": count}
        )
