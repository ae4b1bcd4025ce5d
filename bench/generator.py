"""A synthetic but realistic national dataset, loaded fast.

Pages are written with bulk inserts, not one Wagtail save per page, yet the result
is a valid Wagtail site: materialised paths, depths and child counts follow
treebeard's rules, every page has a live revision whose content is its own
serialised data, translations share a translation_key, and occurrences and the
finder's index are built by the same services every other write path uses
(``course_occurrences_refresh`` is replaced by an equivalent bulk expansion; the
finder index by ``course_index_rebuild``).

Real provinces and communes, coordinates inside each commune's area, course titles
drawn from the demo vocabulary (portal/demo_content.py) with categories and
curricula, about ten classes per course.
"""

import datetime as dt
import json
import random
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from treebeard.numconv import NumConv
from wagtail.models import Locale, Page, Revision

from centres.models import CentrePage, Commune, ProvincePage
from centres.services import site_setup, text_to_richtext
from courses.models import (
    Audience,
    Category,
    CourseOccurrence,
    CoursePage,
    CourseSession,
    CurriculumPage,
)
from courses.schedule import LOCAL_TZ, expand
from courses.services import curriculum_upsert
from portal import demo_content as content
from search.text import ascii_slug

STEPLEN = Page.steplen
_numconv = NumConv(Page.alphabet)
WEEKDAY_SETS = ["mo,we", "tu,th", "we,fr", "sa", "su", "mo,th", "tu,fr"]
START_TIMES = {"morning": (8, 0), "afternoon": (14, 0), "evening": (19, 0)}
SUFFIXES = ["", " – lớp 1", " – lớp 2", " (buổi tối)", " – khóa mới", " nâng cao"]
CLASSES_PER_COURSE = 10


def _step(n):
    return _numconv.int2str(n).rjust(STEPLEN, "0")


@dataclass
class Report:
    centres: int = 0
    courses: int = 0
    pages: int = 0
    occurrences: int = 0
    seconds: float = 0.0

    @property
    def rate(self):
        return self.pages / self.seconds if self.seconds else 0.0


class _Tree:
    """Allocates child paths under parents, as treebeard's add_child would."""

    def __init__(self):
        self.next_step = {}
        self.added = {}

    def child_path(self, parent):
        if parent.pk not in self.next_step:
            last = parent.get_last_child()
            self.next_step[parent.pk] = (
                _numconv.str2int(last.path[-STEPLEN:]) + 1 if last else 1
            )
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] = step + 1
        self.added[parent.pk] = self.added.get(parent.pk, 0) + 1
        return parent.path + _step(step)

    def save_counts(self):
        for pk, n in self.added.items():
            Page.objects.filter(pk=pk).update(numchild=F("numchild") + n)


def _insert(model, rows):
    """Insert ``rows`` (dicts of column -> value) into ``model``'s own table."""
    if not rows:
        return
    columns = list(rows[0])
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names are ours
        qn(model._meta.db_table),
        ", ".join(qn(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    fields = {f.attname: f for f in model._meta.concrete_fields}
    prepare = [fields[c].get_db_prep_save for c in columns]
    values = [
        [
            prep(value, connection)
            for prep, value in zip(prepare, row.values(), strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


class ScaleDataGenerator:
    """Generates ``centres`` centres with ``courses_per_centre`` courses each in the
    given locales (the first is the source language)."""

    def __init__(
        self,
        centres,
        courses_per_centre,
        locales=("vi", "en"),
        seed=1,
        now=None,
        progress=None,
        batch_centres=200,
    ):
        self.n_centres = centres
        self.per_centre = courses_per_centre
        self.languages = list(locales)
        self.rng = random.Random(seed)  # noqa: S311 - repeatable data, not secrets
        self.now = now or timezone.now()
        self.progress = progress or (lambda n: None)
        self.batch_centres = batch_centres
        self.tree = _Tree()

    # -- setup ----------------------------------------------------------------

    def _prepare(self):
        site_setup()
        for curriculum in content.CURRICULA:
            curriculum_upsert(curriculum, publish=True)
        self.locales = {
            code: Locale.objects.get(language_code=code) for code in self.languages
        }
        self.source = self.locales[self.languages[0]]
        self.province_pages = {
            (p.province_id, p.locale_id): p
            for p in ProvincePage.objects.filter(locale__in=self.locales.values())
        }
        self.categories = {
            c.slug: c.pk for c in Category.objects.filter(locale=self.source)
        }
        self.audiences = {
            a.slug: a.pk for a in Audience.objects.filter(locale=self.source)
        }
        self.curricula = {
            c.code: c.pk for c in CurriculumPage.objects.filter(locale=self.source)
        }
        self.ct = {
            model: ContentType.objects.get_for_model(model).pk
            for model in (CentrePage, CoursePage, Page)
        }
        self.communes = list(
            Commune.objects.select_related("province").order_by(
                "province__code", "code"
            )
        )
        self.code_prefix = "G"

    # -- rows -----------------------------------------------------------------

    def _page_row(self, model, parent, title, slug, translation_key, locale):
        path = self.tree.child_path(parent)
        return {
            "path": path,
            "depth": parent.depth + 1,
            "numchild": 0,
            "translation_key": translation_key,
            "locale_id": locale.pk,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": self.now,
            "last_published_at": self.now,
            "expired": False,
            "locked": False,
            "title": title,
            "draft_title": title,
            "slug": slug,
            "content_type_id": self.ct[model],
            "url_path": f"{parent.url_path}{slug}/",
            "latest_revision_created_at": self.now,
            "show_in_menus": False,
            "seo_title": "",
            "search_description": "",
        }

    def _courses_for(self, commune):
        fitting = [
            t
            for t in content.COURSE_TEMPLATES
            if not t.get("regions") or commune.province.code in t["regions"]
        ]
        return [self.rng.choice(fitting) for _ in range(self.per_centre)]

    def run(self):
        """Generate everything; returns a Report."""
        started = timezone.now()
        report = Report()
        self._prepare()
        for first in range(0, self.n_centres, self.batch_centres):
            count = min(self.batch_centres, self.n_centres - first)
            with transaction.atomic():
                pages = self._batch(first, count, report)
            self.progress(pages)
        self.tree.save_counts()
        report.seconds = (timezone.now() - started).total_seconds()
        return report

    def _batch(self, first, count, report):
        centre_rows, centre_extra = [], []
        for index in range(first, first + count):
            commune = self.communes[index % len(self.communes)]
            key = uuid.uuid4()
            code = f"{self.code_prefix}{index + 1:06d}"
            place = commune.name[0].lower() + commune.name[1:]
            name = f"Trung tâm học tập cộng đồng {place}"
            if index >= len(self.communes):
                name += f" – điểm {index // len(self.communes) + 1}"
            profile = self.rng.choice(content.CENTRE_PROFILES)
            lat = commune.latitude + self.rng.uniform(-0.02, 0.02)
            lon = commune.longitude + self.rng.uniform(-0.02, 0.02)
            for language, locale in self.locales.items():
                parent = self.province_pages[(commune.province_id, locale.pk)]
                title = (
                    name
                    if language == "vi"
                    else (
                        f"{commune.name} Community Learning Centre"
                        + (
                            f" ({index // len(self.communes) + 1})"
                            if index >= len(self.communes)
                            else ""
                        )
                    )
                )
                row = self._page_row(
                    CentrePage,
                    parent,
                    title,
                    ascii_slug(f"{code} {commune.name}"),
                    key,
                    locale,
                )
                description = profile[
                    "description" if language == "vi" else "description_en"
                ].format(commune=commune.name)
                centre_rows.append(row)
                centre_extra.append(
                    {
                        "code": code,
                        "commune_id": commune.pk,
                        "address": f"{self.rng.choice(content.STREETS)}, "
                        f"{commune.name}",
                        "latitude": round(lat, 5),
                        "longitude": round(lon, 5),
                        "phone": f"0{self.rng.randint(200, 299)} "
                        f"{self.rng.randint(3000000, 3999999)}",
                        "email": "",
                        "opening_hours": profile["opening_hours"],
                        "has_computers": profile["has_computers"],
                        "has_wifi": profile["has_wifi"],
                        "step_free_access": profile["step_free_access"],
                        "description": text_to_richtext(description),
                        "_commune": commune,
                        "_places": profile["places"],
                    }
                )
        centres = self._create_pages(CentrePage, centre_rows, centre_extra)
        report.centres += count
        course_rows, course_extra = [], []
        sessions, occurrences = [], []
        by_key = {}
        for centre in centres:
            by_key.setdefault(centre["translation_key"], []).append(centre)
        for group in by_key.values():
            commune = group[0]["_commune"]
            for number, template in enumerate(self._courses_for(commune), start=1):
                key = uuid.uuid4()
                code = f"{group[0]['code']}-{number:02d}"
                session = self._session(template, group[0]["_places"])
                suffix = self.rng.choice(SUFFIXES)
                for centre in group:
                    language = self._language(centre["locale_id"])
                    texts = template
                    if language != "vi":
                        texts = {
                            **template,
                            **template.get("translations", {}).get(language, {}),
                        }
                    title = texts["title"] + (suffix if language == "vi" else "")
                    parent = _PageRef(centre)
                    course_rows.append(
                        self._page_row(
                            CoursePage,
                            parent,
                            title,
                            ascii_slug(f"{code} {title}")[:80],
                            key,
                            self.locales[language],
                        )
                    )
                    course_extra.append(
                        {
                            "code": code,
                            "summary": texts["summary"],
                            "description": text_to_richtext(texts["description"]),
                            "category_id": self.categories[template["category"]],
                            "level": template["level"],
                            "teaching_language": template["teaching_language"],
                            "mode": template["mode"],
                            "fee_vnd": template["fee_vnd"],
                            "capacity": template["capacity"],
                            "instructor": template["instructor_role"],
                            "how_to_join": "Đăng ký tại trung tâm.",
                            "curriculum_id": self.curricula.get(
                                template.get("curriculum")
                            ),
                            "_audiences": [
                                self.audiences[a] for a in template["audiences"]
                            ],
                            "_session": session,
                        }
                    )
        courses = self._create_pages(CoursePage, course_rows, course_extra)
        audience_rows = []
        for course in courses:
            session = course["_session"]
            sessions.append({"page_id": course["id"], "sort_order": 0, **session})
            audience_rows += [
                {"coursepage_id": course["id"], "audience_id": a}
                for a in course["_audiences"]
            ]
            if course["locale_id"] == self.source.pk:
                occurrences += [
                    {
                        "course_id": course["id"],
                        "translation_key": course["translation_key"],
                        "start": start,
                        "end": end,
                        "place": session["place"],
                    }
                    for start, end in expand(
                        session["start"],
                        session["end"],
                        session["repeat_weekdays"],
                        None,
                        session["repeat_count"],
                        1,
                    )
                ]
        _insert(CourseSession, sessions)
        _insert(CoursePage.audiences.through, audience_rows)
        _insert(CourseOccurrence, occurrences)
        self._revisions(centres, CentrePage)
        self._revisions(courses, CoursePage)
        report.courses += len(course_rows) // len(self.locales)
        report.occurrences += len(occurrences)
        report.pages += len(centres) + len(courses)
        return len(centres) + len(courses)

    def _language(self, locale_id):
        return next(c for c, loc in self.locales.items() if loc.pk == locale_id)

    def _session(self, template, places):
        first = self.now.astimezone(LOCAL_TZ).date() + dt.timedelta(
            days=self.rng.randint(-21, 35)
        )
        hour, minute = START_TIMES[template["time_of_day"]]
        start = dt.datetime.combine(first, dt.time(hour, minute), tzinfo=LOCAL_TZ)
        end = start + dt.timedelta(minutes=int(template["hours_per_session"] * 60))
        days = self.rng.choice(WEEKDAY_SETS)
        return {
            "start": start,
            "end": end,
            "repeat_weekdays": days,
            "repeat_interval": 1,
            "repeat_until": None,
            "repeat_count": CLASSES_PER_COURSE,
            "place": self.rng.choice(places),
        }

    def _create_pages(self, model, rows, extras):
        """Insert the page rows and their ``model`` rows; returns merged dicts with
        ids."""
        objects = Page.objects.bulk_create([Page(**row) for row in rows])
        merged = []
        child_rows = []
        for obj, row, extra in zip(objects, rows, extras, strict=True):
            own = {k: v for k, v in extra.items() if not k.startswith("_")}
            child_rows.append({"page_ptr_id": obj.pk, **own})
            merged.append({**row, **extra, "id": obj.pk})
        _insert(model, child_rows)
        return merged

    def _revisions(self, pages, model):
        """Give every page a live revision holding its serialised content."""
        base_ct = self.ct[Page]
        revisions = []
        for page in pages:
            data = {k: v for k, v in page.items() if not k.startswith("_")}
            data.update(
                pk=page["id"],
                locale=page["locale_id"],
                content_type=page["content_type_id"],
            )
            if model is CoursePage:
                data["audiences"] = page["_audiences"]
                data["sessions"] = [
                    dict(page["_session"], pk=None, page=page["id"], sort_order=0)
                ]
                data["images"] = []
            else:
                data["photos"] = []
            data["wagtail_admin_comments"] = []
            revisions.append(
                Revision(
                    content_type_id=page["content_type_id"],
                    base_content_type_id=base_ct,
                    object_id=str(page["id"]),
                    created_at=self.now,
                    object_str=page["title"],
                    # The JSON round trip stores dates and UUIDs as Wagtail does.
                    content=json.loads(json.dumps(data, cls=DjangoJSONEncoder)),
                )
            )
        Revision.objects.bulk_create(revisions, batch_size=1000)
        cases = [(r.object_id, r.pk) for r in revisions]
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE wagtailcore_page SET latest_revision_id = %s, "
                "live_revision_id = %s WHERE id = %s",
                [(pk, pk, int(object_id)) for object_id, pk in cases],
            )


class _PageRef:
    """The few attributes of a freshly inserted page that its children need."""

    def __init__(self, row):
        self.pk = row["id"]
        self.path = row["path"]
        self.depth = row["depth"]
        self.url_path = row["url_path"]

    def get_last_child(self):
        return None
