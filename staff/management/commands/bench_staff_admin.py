import json

from django.core.management.base import BaseCommand

from bench.measure import staff_admin_comparison


class Command(BaseCommand):
    help = (
        "Time the admin views centre staff use most (page explorer of their "
        "centre, their centre's edit view, the dashboard) with every staff group "
        "present, then with only 10 groups (inside a transaction that is rolled "
        "back). Run against a database filled by generate_scale_data; creates the "
        "missing groups first (ensure_staff_groups). `make bench` runs the same "
        "comparison in its admin part."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15)
        parser.add_argument("--json", dest="json_path", default="")

    def handle(self, runs, json_path, **options):
        text = json.dumps(staff_admin_comparison(runs), indent=1)
        if json_path:
            with open(json_path, "w", encoding="utf-8") as fh:
                fh.write(text)
        self.stdout.write(text)
