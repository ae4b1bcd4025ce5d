import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from staff.services import staff_groups_backfill


class Command(BaseCommand):
    help = (
        "Create every missing centre, province, national and translators staff "
        "group, collection and permission in bulk (after bulk-inserted centres, "
        "e.g. the benchmark's generate_scale_data). Idempotent."
    )

    def handle(self, **options):
        started = time.perf_counter()
        counts = staff_groups_backfill()
        seconds = time.perf_counter() - started
        self.stdout.write(
            _(
                "Created %(provinces)d province and %(centres)d centre groups and "
                "%(permissions)d page permissions in %(seconds).1f s."
            )
            % {
                "provinces": counts["provinces"],
                "centres": counts["centres"],
                "permissions": counts["page_permissions"],
                "seconds": seconds,
            }
        )
