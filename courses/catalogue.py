"""The catalogue format (docs/catalogue-format.md): parsing, validation, import and
export. Validation reads the whole file before anything is written, so one bad
record means nothing is written, and every problem is reported at once."""

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from centres.models import CentrePage, Province, validate_in_vietnam
from centres.selectors import PlaceAmbiguous, PlaceNotFound, commune_find, province_find
from centres.services import centre_upsert, richtext_to_text
from courses.fields import WEEKDAY_CODES
from courses.models import (
    Audience,
    Category,
    CoursePage,
    CurriculumPage,
    Level,
    Mode,
    teaching_language_choices,
)
from courses.schedule import (
    LOCAL_TZ,
    MAX_OCCURRENCES,
    TooManyOccurrences,
    expand,
    local_date,
)
from courses.services import course_upsert, curriculum_upsert
from portal.services import page_latest
from search.text import strip_control_characters

SECTIONS = ("curricula", "centres", "courses")
# What the import command's summary and the admin's import call each section.
SECTION_LABELS = {
    "curricula": gettext_lazy("Curricula"),
    "centres": gettext_lazy("Centres"),
    "courses": gettext_lazy("Courses"),
}
CANCELLATION_KEYS = {"date", "reason", "moved_to", "translations"}
REASON_MAX_LENGTH = 200
# Texts without a database limit (descriptions, how to join, opening hours...)
# stop at Excel's limit for one cell, so that everything an import accepts can be
# exported to a spreadsheet and read back (docs/catalogue-format.md).
TEXT_MAX_LENGTH = 32767
# Dates and times outside these years are refused: the portal plans classes, and
# a year like 0001 or 9999 overflows when converted between time zones.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# The translated texts' database limits (the course summary is limited by the
# model; page titles by Wagtail).
TITLE_MAX_LENGTH = 255
COURSE_SUMMARY_MAX_LENGTH = 500
PLACE_MAX_LENGTH = 200


@dataclass
class Problem:
    """One thing wrong with the file, located by section, index, code and field."""

    message: str
    section: str = ""
    index: int | None = None
    code: str = ""
    field: str = ""

    def __str__(self):
        # The section and field are the file's own keys, as written there.
        where = []
        if self.section:
            where.append(f"{self.section}[{self.index}]")
        if self.code:
            where.append(_("code %(code)s") % {"code": repr(self.code)})
        if self.field:
            where.append(_("field %(field)s") % {"field": repr(self.field)})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), per section and action."""

    counts: dict = field(
        default_factory=lambda: {
            s: {"created": 0, "updated": 0, "unchanged": 0} for s in SECTIONS
        }
    )
    problems: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self):
        return not self.problems

    def summary(self):
        """Return the counts as one line in the active language, the sections
        named as the admin's import names them (``SECTION_LABELS``)."""
        parts = [
            _(
                "%(section)s: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged"
            )
            % {"section": SECTION_LABELS[section], **c}
            for section, c in self.counts.items()
            if any(c.values())
        ]
        return "; ".join(parts) or _("nothing to import")


class CatalogueError(Exception):
    """The file cannot be imported; ``problems`` lists every reason."""

    def __init__(self, problems):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class TooDeep(ValueError):
    """JSON nested more deeply than Python's decoder can follow."""


def json_loads(text):
    """Return ``json.loads(text)``; raises json.JSONDecodeError for malformed JSON
    and TooDeep (not RecursionError, which would escape as a crash) for JSON nested
    too deeply to decode. A catalogue never nests more than five levels."""
    try:
        return json.loads(text)
    except RecursionError:
        raise TooDeep from None


def _control_characters_stripped(data):
    """Strip the control characters from every text of decoded JSON ``data`` (a
    dict), in place (``search.text.strip_control_characters``): no page holds
    them, so a text differing from the portal's by them alone is unchanged.
    A loop, not recursion: the file may nest as deeply as the decoder allows."""
    containers = [data]
    while containers:
        container = containers.pop()
        keys = (
            container.keys() if isinstance(container, dict) else range(len(container))
        )
        for key in keys:
            value = container[key]
            if isinstance(value, str):
                container[key] = strip_control_characters(value)
            elif isinstance(value, dict | list):
                containers.append(value)


def catalogue_parse(text, source_name="catalogue"):
    """Return the decoded catalogue from JSON ``text``, its texts without control
    characters; raises CatalogueError naming the line and column of malformed
    JSON."""
    try:
        data = json_loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueError(
            [
                Problem(
                    _(
                        "%(file)s: malformed JSON at line %(line)d, column "
                        "%(column)d: %(reason)s"
                    )
                    % {
                        "file": source_name,
                        "line": exc.lineno,
                        "column": exc.colno,
                        "reason": exc.msg,
                    }
                )
            ]
        ) from None
    except TooDeep:
        raise CatalogueError(
            [
                Problem(
                    _("%(file)s: the JSON is nested too deeply.")
                    % {"file": source_name}
                )
            ]
        ) from None
    if not isinstance(data, dict):
        raise CatalogueError([Problem(_("The file must hold a JSON object."))])
    _control_characters_stripped(data)
    unknown = set(data) - set(SECTIONS)
    problems = [
        Problem(_("unknown top-level key %(key)s") % {"key": _shown(key)})
        for key in sorted(unknown)
    ]
    for section in SECTIONS:
        if not isinstance(data.get(section, []), list):
            problems.append(
                Problem(_("%(key)s must be a list") % {"key": _shown(section)})
            )
    if problems:
        raise CatalogueError(problems)
    return data


class _Checker:
    """Validates one record and collects its problems."""

    def __init__(self, section, index, record, problems):
        self.section, self.index, self.problems = section, index, problems
        self.record = record if isinstance(record, dict) else {}
        code = self.record.get("code", "") if self.record else ""
        self.code = code if isinstance(code, str) else ""
        if not isinstance(record, dict):
            self.fail("", _("each record must be a JSON object"))

    def fail(self, field_name, message):
        self.problems.append(
            Problem(message, self.section, self.index, self.code, field_name)
        )

    def text(self, name, required=False, max_length=TEXT_MAX_LENGTH):
        value = self.record.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(name, _("must be text"))
            return ""
        value = value.strip()
        if required and not value:
            self.fail(name, _("is required"))
        self.check_length(name, value, max_length)
        return value

    def check_length(self, name, value, max_length):
        """Report ``value`` when it is longer than ``max_length``; returns whether
        it fits."""
        if len(value) > max_length:
            self.fail(
                name,
                _("is longer than %(max)d characters (%(length)d)")
                % {"max": max_length, "length": len(value)},
            )
            return False
        return True

    def integer(self, name, default, minimum=0, allow_null=False):
        value = self.record.get(name, default)
        if value is None and allow_null:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, _("must be a whole number"))
            return default
        if value < minimum:
            self.fail(name, _("must be at least %(min)d") % {"min": minimum})
        return value

    def number(self, name):
        value = self.record.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(name, _("must be a number"))
            return None
        return float(value)

    def choice(self, name, choices, default):
        value = self.record.get(name, default)
        if not isinstance(value, str) or value not in choices:
            self.fail(
                name,
                _("unknown value %(value)s; expected one of %(choices)s")
                % {"value": _shown(value), "choices": ", ".join(sorted(choices))},
            )
        return value

    def translations(self, max_lengths):
        """Return the record's translations, ``{language: {key: text}}``, of the
        keys of ``max_lengths`` (key -> longest text allowed)."""
        value = self.record.get("translations", {})
        if not isinstance(value, dict):
            self.fail("translations", _("must be an object keyed by language code"))
            return {}
        languages = {code for code, _n in settings.WAGTAIL_CONTENT_LANGUAGES}
        result = {}
        for code, texts in value.items():
            if code not in languages or code == settings.LANGUAGE_CODE:
                self.fail(f"translations.{code}", _("unknown translation language"))
                continue
            if not isinstance(texts, dict) or not all(
                isinstance(v, str) for v in texts.values()
            ):
                self.fail(f"translations.{code}", _("must map field names to text"))
                continue
            for key in sorted(set(texts) - set(max_lengths)):
                self.fail(f"translations.{code}.{key}", _("is not a translated field"))
            result[code] = {}
            for key, text in texts.items():
                if key in max_lengths and self.check_length(
                    f"translations.{code}.{key}", text.strip(), max_lengths[key]
                ):
                    result[code][key] = text.strip()
        return result


def _shown(value, limit=60):
    """Return ``value`` as a message shows it: quoted, and cut when long (a
    50,000-character cell would otherwise be repeated in the report)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _in_range(day):
    """Return ``day`` (a date or datetime); raises ValueError outside the years
    FIRST_YEAR to LAST_YEAR."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(day)
    return day


def _parse_local_datetime(value):
    if not isinstance(value, str):
        raise ValueError
    moment = _in_range(dt.datetime.fromisoformat(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return moment


def _parse_date(value):
    if not isinstance(value, str):
        raise ValueError
    return _in_range(dt.date.fromisoformat(value))


def _years():
    return {"first": FIRST_YEAR, "last": LAST_YEAR}


class _Context:
    """Reference data loaded once per validation."""

    def __init__(self, data):
        self.provinces = list(Province.objects.all())
        self.communes = {}
        source = Locale.get_default()
        self.categories = {c.slug: c for c in Category.objects.filter(locale=source)}
        self.audiences = {a.slug: a for a in Audience.objects.filter(locale=source)}
        self.curricula_in_file = _codes(data.get("curricula", []))
        self.centres_in_file = _codes(data.get("centres", []))

    def communes_of(self, province):
        if province.pk not in self.communes:
            self.communes[province.pk] = list(province.communes.all())
        return self.communes[province.pk]


def _codes(records):
    """Return the set of the text codes of ``records`` (a code of another type is
    reported by the record's validation)."""
    return {
        r["code"]
        for r in records
        if isinstance(r, dict) and isinstance(r.get("code"), str)
    }


def _check_duplicates(section, records, problems):
    seen = {}
    for index, record in enumerate(records):
        code = record.get("code") if isinstance(record, dict) else None
        if not isinstance(code, str):
            continue
        if code in seen:
            problems.append(
                Problem(
                    _("duplicate code (also %(where)s)")
                    % {"where": f"{section}[{seen[code]}]"},
                    section,
                    index,
                    code,
                    "code",
                )
            )
        elif code:
            seen[code] = index


def _validate_curriculum(c):
    modules = c.record.get("modules", [])
    clean_modules = []
    if not isinstance(modules, list):
        c.fail("modules", _("must be a list"))
        modules = []
    for i, module in enumerate(modules):
        if not isinstance(module, dict) or not isinstance(module.get("title"), str):
            c.fail(f"modules[{i}]", _("needs a title"))
            continue
        hours = module.get("hours", 1)
        if isinstance(hours, bool) or not isinstance(hours, int) or hours < 1:
            c.fail(f"modules[{i}].hours", _("must be a whole number of at least 1"))
            continue
        outcomes = module.get("outcomes", "")
        if not isinstance(outcomes, str):
            c.fail(f"modules[{i}].outcomes", _("must be text"))
            continue
        if not (
            c.check_length(f"modules[{i}].title", module["title"], TITLE_MAX_LENGTH)
            and c.check_length(f"modules[{i}].outcomes", outcomes, TEXT_MAX_LENGTH)
        ):
            continue
        clean_modules.append(
            {"title": module["title"], "hours": hours, "outcomes": outcomes}
        )
    return {
        "code": c.text("code", required=True, max_length=40),
        "title": c.text("title", required=True, max_length=TITLE_MAX_LENGTH),
        "summary": c.text("summary"),
        "total_hours": c.integer("total_hours", 0),
        "modules": clean_modules,
        "translations": c.translations(
            {"title": TITLE_MAX_LENGTH, "summary": TEXT_MAX_LENGTH}
        ),
    }


def _validate_centre(c, ctx):
    result = {
        "code": c.text("code", required=True, max_length=32),
        "name": c.text("name", required=True, max_length=TITLE_MAX_LENGTH),
        "address": c.text("address", max_length=255),
        "phone": c.text("phone", max_length=32),
        "email": c.text("email", max_length=254),
        "opening_hours": c.text("opening_hours"),
        "description": c.text("description"),
        "translations": c.translations(
            {"name": TITLE_MAX_LENGTH, "description": TEXT_MAX_LENGTH}
        ),
    }
    if result["email"]:
        try:
            validate_email(result["email"])
        except ValidationError:
            c.fail("email", _("is not a valid email address"))
    facilities = c.record.get("facilities", {})
    if not isinstance(facilities, dict) or not all(
        k in ("computers", "wifi", "step_free") and isinstance(v, bool)
        for k, v in facilities.items()
    ):
        c.fail("facilities", _("must map computers, wifi and step_free to true/false"))
        facilities = {}
    result["facilities"] = facilities
    lat, lon = c.number("latitude"), c.number("longitude")
    if lat is not None and lon is not None:
        try:
            validate_in_vietnam(lat, lon)
        except ValidationError:
            c.fail(
                "latitude",
                _("coordinates %(lat)s, %(lon)s are outside Vietnam")
                % {"lat": lat, "lon": lon},
            )
    result["latitude"], result["longitude"] = lat, lon
    province_name = c.text("province", required=True, max_length=100)
    commune_name = c.text("commune", required=True, max_length=100)
    if province_name:
        try:
            province = province_find(province_name, ctx.provinces)
        except PlaceNotFound:
            c.fail(
                "province",
                _("unknown province %(name)s") % {"name": _shown(province_name)},
            )
            return result
        if commune_name:
            try:
                result["commune"] = commune_find(
                    commune_name, province, ctx.communes_of(province)
                )
            except PlaceAmbiguous as exc:
                names = ", ".join(sorted(x.name for x in exc.candidates))
                c.fail(
                    "commune",
                    _("%(name)s is ambiguous in %(province)s: %(candidates)s")
                    % {
                        "name": _shown(commune_name),
                        "province": province.name,
                        "candidates": names,
                    },
                )
            except PlaceNotFound:
                c.fail(
                    "commune",
                    _("unknown commune %(name)s in %(province)s")
                    % {"name": _shown(commune_name), "province": province.name},
                )
    return result


def _validate_sessions(c):
    sessions = c.record.get("sessions")
    # An empty list is a course whose classes are not planned yet: the admin saves
    # such drafts, so their export must import back.
    if not isinstance(sessions, list):
        c.fail("sessions", _("must be a list"))
        return []
    result = []
    for i, raw in enumerate(sessions):
        name = f"sessions[{i}]"
        if not isinstance(raw, dict):
            c.fail(name, _("must be an object"))
            continue
        try:
            start = _parse_local_datetime(raw.get("start"))
            end = _parse_local_datetime(raw.get("end"))
        except (ValueError, TypeError):
            c.fail(
                name,
                _(
                    "start and end must be dates and times like 2027-01-05T18:00, "
                    "in the years %(first)d to %(last)d"
                )
                % _years(),
            )
            continue
        if end <= start:
            c.fail(f"{name}.end", _("ends before it starts"))
            continue
        place = raw.get("place", "")
        if place is None:
            place = ""
        if not isinstance(place, str):
            c.fail(f"{name}.place", _("must be text"))
            continue
        if not c.check_length(f"{name}.place", place.strip(), PLACE_MAX_LENGTH):
            continue
        repeat = raw.get("repeat") or {}
        session = {
            "start": start,
            "end": end,
            "place": place.strip(),
            "repeat_weekdays": "",
            "repeat_until": None,
            "repeat_count": None,
            "repeat_interval": 1,
        }
        if not isinstance(repeat, dict):
            c.fail(f"{name}.repeat", _("must be an object"))
            continue
        if repeat:
            days = repeat.get("weekdays")
            if (
                not isinstance(days, list)
                or not days
                or any(d not in WEEKDAY_CODES for d in days)
            ):
                c.fail(
                    f"{name}.repeat.weekdays",
                    _("must list days as %(days)s")
                    % {"days": ", ".join(WEEKDAY_CODES)},
                )
                continue
            session["repeat_weekdays"] = ",".join(d for d in WEEKDAY_CODES if d in days)
            until, count = repeat.get("until"), repeat.get("count")
            if (until is None) == (count is None):
                c.fail(f"{name}.repeat", _("needs exactly one of until or count"))
                continue
            if until is not None:
                try:
                    session["repeat_until"] = _parse_date(until)
                except (TypeError, ValueError):
                    c.fail(
                        f"{name}.repeat.until",
                        _(
                            "must be a date like 2027-03-30, in the years %(first)d "
                            "to %(last)d"
                        )
                        % _years(),
                    )
                    continue
                if session["repeat_until"] < start.astimezone(LOCAL_TZ).date():
                    c.fail(f"{name}.repeat.until", _("ends before the first session"))
                    continue
            else:
                if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                    c.fail(f"{name}.repeat.count", _("must be a whole number ≥ 1"))
                    continue
                session["repeat_count"] = count
            interval = repeat.get("interval", 1)
            if (
                isinstance(interval, bool)
                or not isinstance(interval, int)
                or not (1 <= interval <= 52)
            ):
                c.fail(f"{name}.repeat.interval", _("must be a whole number 1–52"))
                continue
            session["repeat_interval"] = interval
            try:
                classes = expand(
                    start,
                    end,
                    session["repeat_weekdays"],
                    session["repeat_until"],
                    session["repeat_count"],
                    interval,
                )
            except TooManyOccurrences:
                c.fail(
                    f"{name}.repeat",
                    _("gives more than %(max)d classes") % {"max": MAX_OCCURRENCES},
                )
                continue
            except OverflowError:
                classes = None
            if classes is None or classes[-1][0].year > LAST_YEAR:
                c.fail(
                    f"{name}.repeat",
                    _("repeats beyond the year %(last)d") % _years(),
                )
                continue
        result.append(session)
    return result


def _class_days(c, sessions):
    """Return a Counter of the days with classes, or None when some session was
    invalid (the days are then unknown and not checked)."""
    raw = c.record.get("sessions")
    if not isinstance(raw, list) or len(raw) != len(sessions):
        return None
    return Counter(
        local_date(start)
        for s in sessions
        for start, _end in expand(
            s["start"],
            s["end"],
            s["repeat_weekdays"],
            s["repeat_until"],
            s["repeat_count"],
            s["repeat_interval"],
        )
    )


def _validate_moved_to(c, name, value, day, days):
    if not isinstance(value, dict) or set(value) != {"start", "end"}:
        c.fail(name, _("must be an object with start and end"))
        return None
    try:
        start = _parse_local_datetime(value["start"])
        end = _parse_local_datetime(value["end"])
    except (ValueError, TypeError):
        c.fail(
            name,
            _(
                "start and end must be dates and times like 2027-01-16T18:00, "
                "in the years %(first)d to %(last)d"
            )
            % _years(),
        )
        return None
    if end <= start:
        c.fail(f"{name}.end", _("ends before it starts"))
        return None
    if days is not None and days[day] > 1:
        c.fail(
            name,
            _("%(day)s has several classes: cancel the day instead") % {"day": day},
        )
        return None
    return start, end


def _validate_cancellations(c, sessions):
    """Return the cleaned cancelled or moved classes of a course record."""
    raw = c.record.get("cancellations", [])
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.fail("cancellations", _("must be a list"))
        return []
    days = _class_days(c, sessions)
    languages = {code for code, _n in settings.WAGTAIL_CONTENT_LANGUAGES}
    result, seen = [], set()
    for i, item in enumerate(raw):
        name = f"cancellations[{i}]"
        if not isinstance(item, dict):
            c.fail(name, _("must be an object"))
            continue
        for key in sorted(set(item) - CANCELLATION_KEYS):
            c.fail(f"{name}.{key}", _("is not a cancellation field"))
        try:
            day = _parse_date(item.get("date"))
        except (TypeError, ValueError):
            c.fail(
                f"{name}.date",
                _("must be a date like 2027-01-14, in the years %(first)d to %(last)d")
                % _years(),
            )
            continue
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            c.fail(f"{name}.reason", _("is required"))
            continue
        if not c.check_length(f"{name}.reason", reason.strip(), REASON_MAX_LENGTH):
            continue
        if day in seen:
            c.fail(f"{name}.date", _("%(day)s is listed twice") % {"day": day})
            continue
        seen.add(day)
        if days is not None and day not in days:
            c.fail(
                f"{name}.date",
                _("no class of this course is planned on %(day)s") % {"day": day},
            )
            continue
        record = {"date": day, "reason": reason.strip(), "translations": {}}
        if item.get("moved_to") is not None:
            moved = _validate_moved_to(
                c, f"{name}.moved_to", item["moved_to"], day, days
            )
            if moved is None:
                continue
            record["new_start"], record["new_end"] = moved
        translations = item.get("translations", {})
        if not isinstance(translations, dict):
            c.fail(
                f"{name}.translations", _("must be an object keyed by language code")
            )
            continue
        for code, texts in translations.items():
            where = f"{name}.translations.{code}"
            if code not in languages or code == settings.LANGUAGE_CODE:
                c.fail(where, _("unknown translation language"))
            elif (
                not isinstance(texts, dict)
                or set(texts) != {"reason"}
                or not isinstance(texts["reason"], str)
                or not texts["reason"].strip()
            ):
                c.fail(where, _('must be {"reason": text}'))
            elif c.check_length(where, texts["reason"].strip(), REASON_MAX_LENGTH):
                record["translations"][code] = texts["reason"].strip()
        result.append(record)
    return result


def _validate_course(c, ctx):
    languages = {code for code, _label in teaching_language_choices()}
    result = {
        "code": c.text("code", required=True, max_length=40),
        "title": c.text("title", required=True, max_length=TITLE_MAX_LENGTH),
        "summary": c.text("summary", max_length=COURSE_SUMMARY_MAX_LENGTH),
        "description": c.text("description"),
        "instructor": c.text("instructor", max_length=200),
        "how_to_join": c.text("how_to_join"),
        "level": c.choice("level", set(Level.values), "beginner"),
        "mode": c.choice("mode", set(Mode.values), "in_person"),
        "teaching_language": c.choice("teaching_language", languages, "vi"),
        "fee_vnd": c.integer("fee_vnd", 0),
        "capacity": c.integer("capacity", None, minimum=1, allow_null=True),
        "sessions": _validate_sessions(c),
        "translations": c.translations(
            {
                "title": TITLE_MAX_LENGTH,
                "summary": COURSE_SUMMARY_MAX_LENGTH,
                "description": TEXT_MAX_LENGTH,
                "how_to_join": TEXT_MAX_LENGTH,
            }
        ),
    }
    result["cancellations"] = _validate_cancellations(c, result["sessions"])
    centre = c.text("centre", required=True, max_length=32)
    if (
        centre
        and centre not in ctx.centres_in_file
        and not CentrePage.objects.filter(
            code=centre, locale=Locale.get_default()
        ).exists()
    ):
        c.fail("centre", _("unknown centre %(code)s") % {"code": _shown(centre)})
    result["centre_code"] = centre
    category = c.text("category", required=True, max_length=40)
    if category and category not in ctx.categories:
        c.fail("category", _("unknown category %(slug)s") % {"slug": _shown(category)})
    result["category"] = ctx.categories.get(category)
    audiences = c.record.get("audiences", [])
    if not isinstance(audiences, list):
        c.fail("audiences", _("must be a list of audience slugs"))
        audiences = []
    for slug in audiences:
        if not isinstance(slug, str) or slug not in ctx.audiences:
            c.fail("audiences", _("unknown audience %(slug)s") % {"slug": _shown(slug)})
    result["audiences"] = [ctx.audiences[s] for s in audiences if s in ctx.audiences]
    curriculum = c.text("curriculum", max_length=40)
    if (
        curriculum
        and curriculum not in ctx.curricula_in_file
        and not (
            CurriculumPage.objects.filter(
                code=curriculum, locale=Locale.get_default()
            ).exists()
        )
    ):
        c.fail(
            "curriculum",
            _("unknown curriculum %(code)s") % {"code": _shown(curriculum)},
        )
    result["curriculum_code"] = curriculum or None
    return result


def catalogue_references_check(data):
    """Return the Problems of the codes by which catalogue ``data`` (as
    ``catalogue_parse`` returns it) names its records and their centres: each
    must be text, a course's centre is required and must be in the file or the
    portal. The admin checks these before what the user may write, which needs
    them (centre codes are public, so an unknown one may be named as such)."""
    problems = []
    centres_in_file = _codes(data.get("centres", []))
    unknown = []
    for section in SECTIONS:
        for index, record in enumerate(data.get(section, [])):
            if not isinstance(record, dict):
                continue
            c = _Checker(section, index, record, problems)
            c.text("code", required=True, max_length=40)
            if section == "centres":
                c.text("province", max_length=100)
                c.text("commune", max_length=100)
            if section != "courses":
                continue
            c.text("category", max_length=40)
            c.text("curriculum", max_length=40)
            centre = c.text("centre", required=True, max_length=32)
            if centre and centre not in centres_in_file:
                unknown.append((c, centre))
    existing = set(
        CentrePage.objects.filter(
            locale=Locale.get_default(), code__in={code for _c, code in unknown}
        ).values_list("code", flat=True)
    )
    for c, centre in unknown:
        if centre not in existing:
            c.fail("centre", _("unknown centre %(code)s") % {"code": _shown(centre)})
    return problems


def catalogue_validate(data):
    """Return the cleaned records of ``data`` by section; raises CatalogueError
    listing every problem found."""
    problems = []
    ctx = _Context(data)
    cleaned = {}
    validators = {
        "curricula": lambda c: _validate_curriculum(c),
        "centres": lambda c: _validate_centre(c, ctx),
        "courses": lambda c: _validate_course(c, ctx),
    }
    for section in SECTIONS:
        records = data.get(section, [])
        _check_duplicates(section, records, problems)
        cleaned[section] = [
            validators[section](_Checker(section, index, record, problems))
            for index, record in enumerate(records)
        ]
    if problems:
        raise CatalogueError(problems)
    return cleaned


def catalogue_import(
    text,
    publish=False,
    dry_run=False,
    user=None,
    progress=None,
    source_name="catalogue",
):
    """Import the catalogue JSON ``text`` all or nothing.

    Returns an ImportReport. Raises CatalogueError (nothing written) when the file
    is malformed or any record is invalid. With ``dry_run`` everything is applied
    inside a transaction that is then rolled back, so the counts are exact.
    ``progress(n)`` is called after each record.
    """
    data = catalogue_parse(text, source_name)
    cleaned = catalogue_validate(data)
    report = ImportReport(dry_run=dry_run)
    from centres.services import site_setup
    from portal.tasks import tasks_deferred

    # Wagtail's admin search and reference indexes: once per page, at the end.
    with transaction.atomic():
        with tasks_deferred():
            site_setup()
            for record in cleaned["curricula"]:
                action = curriculum_upsert(record, publish, user)
                report.counts["curricula"][action] += 1
                if progress:
                    progress(1)
            for record in cleaned["centres"]:
                action = centre_upsert(record, publish, user)
                report.counts["centres"][action] += 1
                if progress:
                    progress(1)
            source = Locale.get_default()
            for record in cleaned["courses"]:
                record["centre"] = CentrePage.objects.get(
                    code=record.pop("centre_code"), locale=source
                )
                code = record.pop("curriculum_code")
                record["curriculum"] = (
                    CurriculumPage.objects.get(code=code, locale=source)
                    if code
                    else None
                )
                action = course_upsert(record, publish, user)
                report.counts["courses"][action] += 1
                if progress:
                    progress(1)
        if dry_run:
            transaction.set_rollback(True)
    return report


def catalogue_size(text):
    """Return the number of records in catalogue ``text`` (0 when malformed)."""
    try:
        data = json_loads(text)
    except (json.JSONDecodeError, TooDeep):
        return 0
    if not isinstance(data, dict):
        return 0
    return sum(len(data.get(s, [])) for s in SECTIONS if isinstance(data.get(s), list))


def _local_iso(moment):
    local = moment.astimezone(LOCAL_TZ)
    return local.strftime("%Y-%m-%dT%H:%M" + (":%S" if local.second else ""))


def _translation_texts(page, keys, locales):
    result = {}
    for translation in page.get_translations().select_related("locale").specific():
        code = translation.locale.language_code
        if code not in locales:
            continue
        latest = page_latest(translation)
        texts = {}
        for key in keys:
            if key == "name":
                texts["name"] = latest.title
            elif key == "description":
                text = richtext_to_text(latest.description)
                if text:
                    texts["description"] = text
            elif getattr(latest, key, ""):
                texts[key] = getattr(latest, key)
        result[code] = texts
    return result


def catalogue_export(centres=None):
    """Return the catalogue (a dict in the import format) of ``centres`` (a queryset
    of source-language CentrePages; default: all) with their courses and the
    curricula those courses follow. Exports each page's latest revision, so an
    exported file imports back unchanged."""
    source = Locale.get_default()
    languages = {code for code, _n in settings.WAGTAIL_CONTENT_LANGUAGES} - {
        source.language_code
    }
    if centres is None:
        centres = CentrePage.objects.filter(locale=source)
    centres = centres.select_related("commune__province").order_by("code")
    out = {"curricula": [], "centres": [], "courses": []}
    curricula = {}
    for centre_page in centres:
        centre = page_latest(centre_page)
        record = {
            "code": centre.code,
            "name": centre.title,
            "province": centre.commune.province.name,
            "commune": centre.commune.name,
            "address": centre.address,
            "latitude": centre.latitude,
            "longitude": centre.longitude,
            "phone": centre.phone,
            "email": centre.email,
            "opening_hours": centre.opening_hours,
            "facilities": {
                "computers": centre.has_computers,
                "wifi": centre.has_wifi,
                "step_free": centre.step_free_access,
            },
            "description": richtext_to_text(centre.description),
        }
        texts = _translation_texts(centre_page, ("name", "description"), languages)
        if texts:
            record["translations"] = texts
        out["centres"].append(record)
        courses = CoursePage.objects.child_of(centre_page).order_by("code")
        for course_page in courses:
            course = page_latest(course_page)
            if course.curriculum_id:
                curricula[course.curriculum_id] = course.curriculum
            record = {
                "code": course.code,
                "centre": centre.code,
                "title": course.title,
                "summary": course.summary,
                "description": richtext_to_text(course.description),
                "category": course.category.slug,
                "audiences": sorted(a.slug for a in course.audiences.all()),
                "level": course.level,
                "teaching_language": course.teaching_language,
                "mode": course.mode,
                "fee_vnd": course.fee_vnd,
                "capacity": course.capacity,
                "instructor": course.instructor,
                "how_to_join": course.how_to_join,
                "curriculum": course.curriculum.code if course.curriculum else None,
                "sessions": [_session_record(s) for s in course.sessions.all()],
            }
            cancellations = list(course.cancellations.all())
            if cancellations:
                reasons = _cancellation_translations(course_page, languages)
                record["cancellations"] = [
                    _cancellation_record(c, reasons.get(c.date, {}))
                    for c in cancellations
                ]
            texts = _translation_texts(
                course_page,
                ("title", "summary", "description", "how_to_join"),
                languages,
            )
            if texts:
                record["translations"] = texts
            out["courses"].append(record)
    for curriculum in sorted(curricula.values(), key=lambda c: c.code):
        latest = page_latest(curriculum)
        out["curricula"].append(
            {
                "code": latest.code,
                "title": latest.title,
                "summary": latest.summary,
                "total_hours": latest.total_hours,
                "modules": [dict(block.value) for block in latest.modules],
                **(
                    {"translations": t}
                    if (
                        t := _translation_texts(
                            curriculum, ("title", "summary"), languages
                        )
                    )
                    else {}
                ),
            }
        )
    return out


def _session_record(session):
    record = {
        "start": _local_iso(session.start),
        "end": _local_iso(session.end),
        "place": session.place,
    }
    if session.repeat_weekdays:
        repeat = {"weekdays": session.repeat_weekdays.split(",")}
        if session.repeat_until:
            repeat["until"] = session.repeat_until.isoformat()
        else:
            repeat["count"] = session.repeat_count
        if session.repeat_interval != 1:
            repeat["interval"] = session.repeat_interval
        record["repeat"] = repeat
    return record


def _cancellation_translations(page, locales):
    """Return ``{date: {language: reason}}`` for the reasons the translations of
    ``page`` (latest revisions) give in their own words."""
    source = {c.date: c.reason for c in page_latest(page).cancellations.all()}
    result = {}
    for translation in page.get_translations().select_related("locale").specific():
        code = translation.locale.language_code
        if code not in locales:
            continue
        for c in page_latest(translation).cancellations.all():
            if c.reason and c.reason != source.get(c.date):
                result.setdefault(c.date, {})[code] = c.reason
    return result


def _cancellation_record(cancellation, reasons):
    record = {"date": cancellation.date.isoformat(), "reason": cancellation.reason}
    if cancellation.is_move:
        record["moved_to"] = {
            "start": _local_iso(cancellation.new_start),
            "end": _local_iso(cancellation.new_end),
        }
    if reasons:
        record["translations"] = {
            code: {"reason": reason} for code, reason in sorted(reasons.items())
        }
    return record
