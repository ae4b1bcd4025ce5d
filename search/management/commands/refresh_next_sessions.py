from django.core.management.base import BaseCommand

from search.services import course_index_next_sessions_refresh


class Command(BaseCommand):
    help = (
        "Move each finder entry's next class forward once it has ended (the finder "
        "also does this itself at most once a minute; run this from cron to keep "
        "idle sites current)."
    )

    def handle(self, **options):
        count = course_index_next_sessions_refresh()
        self.stdout.write(f"Refreshed the next class of {count} courses.")
