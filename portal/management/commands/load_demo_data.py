"""Build the demo portal, offline and repeatably, through the catalogue import (the
same services every other write path uses)."""

import datetime as dt
import json
import random
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.models import CentrePage, Commune
from centres.services import site_setup
from courses.catalogue import catalogue_import
from courses.models import CoursePage
from courses.schedule import LOCAL_TZ
from portal import demo_content as content
from portal.models import HomePage
from portal.services import home_featured_set
from portal.tasks import tasks_deferred

FEATURED_CURRICULUM = "KNS-SO-CB-2025"
CENTRES_PER_PROVINCE = 6
COURSES_PER_CENTRE = 5
START_TIMES = {
    "morning": (dt.time(8, 0), dt.time(7, 30)),
    "afternoon": (dt.time(14, 0), dt.time(15, 0)),
    "evening": (dt.time(19, 0), dt.time(18, 30)),
}
WEEKDAY_PAIRS = [["mo", "we"], ["tu", "th"], ["we", "fr"], ["sa"], ["su"], ["th"]]


def demo_catalogue(today, seed=2026, centres_per_province=CENTRES_PER_PROVINCE):
    """Return the demo catalogue (import format) for ``today``: deterministic for a
    given seed and date, with sessions spread over the coming weeks."""
    rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not secrets
    catalogue = {"curricula": content.CURRICULA, "centres": [], "courses": []}
    for province_code in content.CENTRE_PROVINCES:
        communes = list(
            Commune.objects.filter(province__code=province_code)
            .select_related("province")
            .order_by("code")
        )
        for commune in rng.sample(communes, min(centres_per_province, len(communes))):
            centre = _centre(commune, rng)
            catalogue["centres"].append(centre)
            catalogue["courses"].extend(_courses(centre, province_code, today, rng))
    return catalogue


def _centre(commune, rng):
    profile = rng.choice(content.CENTRE_PROFILES)
    place = commune.name
    code = f"HTCD-{commune.code}"
    return {
        "code": code,
        "name": f"Trung tâm học tập cộng đồng {place[0].lower()}{place[1:]}",
        "province": commune.province.code,
        "commune": commune.name,
        "address": f"{rng.choice(content.STREETS)}, {commune.name}",
        "latitude": round(commune.latitude + rng.uniform(-0.01, 0.01), 5),
        "longitude": round(commune.longitude + rng.uniform(-0.01, 0.01), 5),
        "phone": f"0{rng.randint(200, 299)} {rng.randint(3000000, 3999999)}",
        "email": f"tthtcd.{commune.code}@example.edu.vn",
        "opening_hours": profile["opening_hours"],
        "facilities": {
            "computers": profile["has_computers"],
            "wifi": profile["has_wifi"],
            "step_free": profile["step_free_access"],
        },
        "description": profile["description"].format(commune=place),
        "translations": {
            "en": {
                "name": f"{place} Community Learning Centre",
                "description": profile["description_en"].format(commune=place),
            }
        },
        "_places": profile["places"],
    }


def _courses(centre, province_code, today, rng):
    fitting = [
        t
        for t in content.COURSE_TEMPLATES
        if not t.get("regions") or province_code in t["regions"]
    ]
    digital = [
        t for t in fitting if t.get("curriculum") == content.CURRICULA[0]["code"]
    ]
    chosen = [rng.choice(digital)] if digital else []
    others = [t for t in fitting if t not in chosen]
    chosen += rng.sample(others, min(COURSES_PER_CENTRE - len(chosen), len(others)))
    courses = []
    for number, template in enumerate(chosen, start=1):
        hours = template["hours_per_session"]
        start_time = rng.choice(START_TIMES[template["time_of_day"]])
        first_day = today + dt.timedelta(days=rng.randint(-14, 28))
        weekdays = rng.choice(WEEKDAY_PAIRS)
        start = dt.datetime.combine(first_day, start_time)
        end = start + dt.timedelta(minutes=int(hours * 60))
        course = {
            "code": f"{centre['code']}-{number:02d}",
            "centre": centre["code"],
            "title": template["title"],
            "summary": template["summary"],
            "description": template["description"],
            "category": template["category"],
            "audiences": template["audiences"],
            "level": template["level"],
            "mode": template["mode"],
            "teaching_language": template["teaching_language"],
            "fee_vnd": template["fee_vnd"],
            "capacity": template["capacity"],
            "instructor": template["instructor_role"],
            "how_to_join": (
                "Đăng ký trực tiếp tại trung tâm hoặc gọi số điện thoại của trung "
                "tâm. Mang theo điện thoại (nếu có)."
            ),
            "curriculum": template.get("curriculum"),
            "sessions": [
                {
                    "start": start.isoformat(timespec="minutes"),
                    "end": end.isoformat(timespec="minutes"),
                    "repeat": {
                        "weekdays": weekdays,
                        "count": template["sessions_count"],
                    },
                    "place": rng.choice(centre["_places"]),
                }
            ],
        }
        if "translations" in template:
            course["translations"] = template["translations"]
        courses.append(course)
    return courses


class Command(BaseCommand):
    help = "Load the demo portal: provinces, about 70 centres, 350 courses, sessions."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, seed, **options):
        # All or nothing, with Wagtail's indexes updated once per page at the end.
        with transaction.atomic(), tasks_deferred():
            home = site_setup()
            today = timezone.now().astimezone(LOCAL_TZ).date()
            catalogue = demo_catalogue(
                today,
                seed,
                getattr(settings, "DEMO_CENTRES_PER_PROVINCE", CENTRES_PER_PROVINCE),
            )
            for centre in catalogue["centres"]:
                centre.pop("_places")
            report = catalogue_import(json.dumps(catalogue), publish=True)
            self._featured(home)
        self.stdout.write(_("Demo data: %(summary)s") % {"summary": report.summary()})
        self._admin_login()

    def _featured(self, home):
        """Feature four different basic-digital-skills courses, each from a
        different province, preferring ones translated to English."""
        source = home.locale
        courses = CoursePage.objects.live().filter(
            locale=source, curriculum__code=FEATURED_CURRICULUM
        )
        province_of = dict(
            CentrePage.objects.filter(locale=source).values_list(
                "path", "commune__province__code"
            )
        )
        english = set(
            CoursePage.objects.filter(locale__language_code="en").values_list(
                "translation_key", flat=True
            )
        )
        by_province, titles = {}, set()
        for course in sorted(
            courses, key=lambda c: (c.translation_key not in english, c.code)
        ):
            province = province_of[course.path[: -CoursePage.steplen]]
            if province not in by_province and course.title not in titles:
                by_province[province] = course
                titles.add(course.title)
        chosen = [by_province[code] for code in sorted(by_province)[:4]]
        home_featured_set(HomePage.objects.get(pk=home.pk), chosen, publish=True)

    def _admin_login(self):
        username = getattr(settings, "DEMO_ADMIN_USERNAME", None)
        if not username:
            return
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            return
        password = secrets.token_urlsafe(9)
        user_model.objects.create_superuser(username, "admin@example.invalid", password)
        self.stdout.write(
            self.style.SUCCESS(
                _("Admin login for %(url)s (shown once): %(username)s / %(password)s")
                % {
                    "url": "http://127.0.0.1:8000/admin/",
                    "username": username,
                    "password": password,
                }
            )
        )
