import time

from django.core.management.base import BaseCommand

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
            f"Created {counts['provinces']} province and {counts['centres']} centre "
            f"groups and {counts['page_permissions']} page permissions "
            f"in {seconds:.1f} s."
        )
