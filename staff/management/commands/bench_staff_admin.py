import json
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale

from bench.measure import timed
from centres.models import CentrePage
from staff.models import StaffGroup, StaffScope
from staff.services import staff_add, staff_groups_backfill


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Time the admin views centre staff use most (page explorer of their "
        "centre, their centre's edit view, the dashboard) with every staff group "
        "present, then with only 10 groups (inside a transaction that is rolled "
        "back). Run against a database filled by generate_scale_data; creates the "
        "missing groups first (ensure_staff_groups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15)
        parser.add_argument("--json", dest="json_path", default="")

    def handle(self, runs, json_path, **options):
        started = time.perf_counter()
        counts = staff_groups_backfill()
        backfill_seconds = time.perf_counter() - started
        centre = (
            CentrePage.objects.filter(locale=Locale.get_default())
            .order_by("-numchild", "pk")
            .first()
        )
        user, _created = staff_add(centre, "bench-centre-staff", "bench@example.vn")
        urls = {
            "page_explorer_centre": reverse("wagtailadmin_explore", args=[centre.pk]),
            "page_explorer_province": reverse(
                "wagtailadmin_explore", args=[centre.get_parent().pk]
            ),
            "centre_edit": reverse("wagtailadmin_pages:edit", args=[centre.pk]),
            "dashboard": reverse("wagtailadmin_home"),
        }
        result = {
            "backfill": {**counts, "seconds": round(backfill_seconds, 2)},
            "groups_all": self._measure(user, urls, runs),
        }
        try:
            with transaction.atomic():
                keep = set(user.groups.values_list("pk", flat=True))
                keep |= set(
                    StaffGroup.objects.filter(scope=StaffScope.PROVINCE)
                    .order_by("pk")
                    .values_list("group_id", flat=True)[:3]
                )
                others = Group.objects.exclude(pk__in=keep).order_by("pk")
                keep |= set(others.values_list("pk", flat=True)[: 10 - len(keep)])
                Group.objects.exclude(pk__in=keep).delete()
                result["groups_10"] = self._measure(user, urls, runs)
                raise Rollback
        except Rollback:
            pass
        for name in urls:
            a = result["groups_all"][name]["p50"]
            b = result["groups_10"][name]["p50"]
            result.setdefault("ratio_p50", {})[name] = round(a / b, 2) if b else None
        get_user_model().objects.filter(pk=user.pk).delete()
        text = json.dumps(result, indent=1)
        if json_path:
            with open(json_path, "w", encoding="utf-8") as fh:
                fh.write(text)
        self.stdout.write(text)

    def _measure(self, user, urls, runs):
        client = Client()
        client.force_login(user)
        figures = {"groups": Group.objects.count()}
        for name, url in urls.items():
            status = client.get(url).status_code
            if status != 200:
                raise CommandError(
                    f"{url} answered {status}: run with DJANGO_SETTINGS_MODULE="
                    "bench.settings (its ALLOWED_HOSTS accept the test client)"
                )
            figures[name] = {
                "status": status,
                **timed(lambda u=url: client.get(u), runs),
            }
        return figures
