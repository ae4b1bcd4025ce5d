"""Reads behind the course and curriculum pages, the lists that show courses, the
timetables and the feeds."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from courses.models import (
    Audience,
    Category,
    CourseCancellation,
    CourseOccurrence,
    CoursePage,
)
from courses.schedule import LOCAL_TZ, local_date, schedule_build

UPCOMING_LIMIT = 10
NOTICES_LIMIT = 20
SOON_LIMIT = 8
FEED_LIMIT = 50


def classes_not_over(now):
    """The classes that have not ended at ``now`` and are not cancelled: what a
    course's "next class" is the first of."""
    return CourseOccurrence.objects.filter(end__gte=now, cancelled=False)


def classes_starting(now):
    """The classes that start at ``now`` or later and are not cancelled: what a
    course is chosen for "starting soon" by, and what its card there shows."""
    return CourseOccurrence.objects.filter(start__gte=now, cancelled=False)


def with_next_session(courses, now=None, classes=classes_not_over):
    """Annotate ``courses`` with ``next_start``, ``next_end`` and ``next_place``: the
    first occurrence that has not ended yet (None when the schedule is over),
    or the first of ``classes(now)``."""
    now = now or timezone.now()
    upcoming = (
        classes(now)
        .filter(translation_key=OuterRef("translation_key"))
        .order_by("start")
    )
    return courses.annotate(
        next_start=Subquery(upcoming.values("start")[:1]),
        next_end=Subquery(upcoming.values("end")[:1]),
        next_place=Subquery(upcoming.values("place")[:1]),
    )


def next_sessions(keys, now):
    """The next class of each course (translation key) in ``keys``, as
    ``{key: (start, end)}``, in one query (``with_next_session`` for many
    courses known by key); a course with none is left out."""
    upcoming = {}
    for key, start, end in (
        classes_not_over(now)
        .filter(translation_key__in=keys)
        .order_by("translation_key", "start")
        .values_list("translation_key", "start", "end")
    ):
        upcoming.setdefault(key, (start, end))
    return upcoming


# A national taxonomy's labels in each language are kept in the cache (Redis
# in production): every page that names a course's category or audience read
# them, a query each (0.6 ms on SQLite at tier M, the course page reads both).
# Only national editors change them, and a save or delete of a term forgets
# them at once (courses.signal_handlers); the lifetime bounds what a rolled
# back change could leave behind.
TAXONOMY_LABELS_SECONDS = 600


def _labels_key(model, active, default):
    # ":2": the labels are ``Label``s since they carry their language.
    return f"taxonomy-labels:2:{model._meta.model_name}:{active}:{default}"


class Label(str):
    """A term's label, knowing the language it is written in (``lang``): the
    reader's when the term is translated, else the source language's or the
    term's own. Pages mark a label whose language is not theirs
    (``portal_tags.written_in_attr``)."""

    def __new__(cls, text, lang=None):
        label = super().__new__(cls, text)
        label.lang = lang
        return label


def taxonomy_labels(model=Category):
    """Return ``{id: label in the active locale}`` (each a ``Label``) for every
    term of a national taxonomy (Category or Audience), in every language, from
    the cache or in one query. A term is labelled by its translation in the
    active language, else in the source language, else by its own name: a page
    may hold a term of another language (a translation holds its source's
    terms; an editor once could pick any language's term), and it must still
    be labelled, never fail."""
    active = get_supported_content_language_variant(get_language())
    default = settings.LANGUAGE_CODE
    key = _labels_key(model, active, default)
    labels = cache.get(key)
    if labels is None:
        labels = _taxonomy_labels(model, active, default)
        cache.set(key, labels, TAXONOMY_LABELS_SECONDS)
    return labels


def _taxonomy_labels(model, active, default):
    # Read as values: a model instance and its locale's for each of the
    # taxonomy's terms in several languages were most of the call's time.
    terms = list(
        model.objects.order_by().values_list(
            "pk", "translation_key", "locale__language_code", "name"
        )
    )
    by_language = {default: {}, active: {}}
    for _pk, key, language, name in terms:
        by_language.setdefault(language, {})[key] = name
    labels = {
        key: Label(name, language)
        for language in (default, active)
        for key, name in by_language[language].items()
    }
    return {
        pk: labels[key] if key in labels else Label(name, language)
        for pk, key, language, name in terms
    }


def forget_taxonomy_labels(model):
    """Drop ``model``'s labels in every language from the cache."""
    default = settings.LANGUAGE_CODE
    cache.delete_many(
        [
            _labels_key(model, language, default)
            for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        ]
    )


def course_cards(courses, now=None, classes=classes_not_over):
    """Return ``courses`` as a list ready for display: each annotated with its next
    session (``with_next_session``, among ``classes``) and given
    ``category_label``, in a constant number of queries."""
    cards = list(with_next_session(courses, now, classes))
    labels = taxonomy_labels(Category)
    for card in cards:
        card.category_label = labels.get(card.category_id, "")
    return cards


def upcoming_occurrences(course, now=None, limit=UPCOMING_LIMIT):
    """Return the next ``limit`` classes of ``course`` that have not ended and are
    not cancelled (a moved class is at its new time, ``original_start`` set)."""
    now = now or timezone.now()
    return list(
        classes_not_over(now)
        .filter(translation_key=course.translation_key)
        .order_by("start")[:limit]
    )


@dataclass
class ScheduleNotice:
    """A class that does not take place as planned, for the reader: planned at
    ``planned_start``; ``new_start``/``new_end`` when it was moved, else it is
    cancelled; ``reason`` in the page's language; ``course`` when listed for
    several courses."""

    planned_start: dt.datetime
    planned_end: dt.datetime | None
    reason: str
    new_start: dt.datetime | None = None
    new_end: dt.datetime | None = None
    course: CoursePage | None = None

    @property
    def cancelled(self):
        return self.new_start is None


def _reasons(pages, dates):
    """Return ``{(page id, date): reason}`` for the cancelled or moved classes of
    ``pages`` on ``dates``, as those pages (in their own language) give them."""
    if not pages or not dates:
        return {}
    rows = CourseCancellation.objects.filter(
        page__in=[p.pk for p in pages], date__in=set(dates)
    ).values_list("page_id", "date", "reason")
    return {(page_id, day): reason for page_id, day, reason in rows}


def schedule_notices(courses, now=None, limit=NOTICES_LIMIT):
    """Return the upcoming cancelled and moved classes of ``courses`` (live
    course pages in one language) as ScheduleNotices, soonest planned first, in
    two queries whatever the number of courses."""
    now = now or timezone.now()
    by_key = {course.translation_key: course for course in courses}
    if not by_key:
        return []
    rows = list(
        CourseOccurrence.objects.filter(translation_key__in=list(by_key))
        .filter(Q(cancelled=True) | Q(original_start__isnull=False))
        .filter(Q(end__gte=now) | Q(original_start__gte=now))
        .order_by("start")[: limit * 2]
    )
    rows.sort(key=lambda row: row.original_start or row.start)
    rows = rows[:limit]
    reasons = _reasons(
        list(by_key.values()), [local_date(r.original_start or r.start) for r in rows]
    )
    notices = []
    for row in rows:
        course = by_key[row.translation_key]
        planned = row.original_start or row.start
        reason = reasons.get((course.pk, local_date(planned)), row.note)
        if row.cancelled:
            notices.append(ScheduleNotice(row.start, row.end, reason, course=course))
        else:
            notices.append(
                ScheduleNotice(planned, None, reason, row.start, row.end, course=course)
            )
    return notices


@dataclass
class TimetableEntry:
    """One line of a timetable. ``status`` is "on", "cancelled", "moved_here" (the
    class was moved to this time from ``other_start``) or "moved_away" (moved from
    this time to ``other_start``)."""

    course: CoursePage
    start: dt.datetime
    end: dt.datetime
    place: str
    status: str = "on"
    reason: str = ""
    other_start: dt.datetime | None = None

    @property
    def takes_place(self):
        return self.status in ("on", "moved_here")


def _local_midnight(day):
    return dt.datetime.combine(day, dt.time(0), tzinfo=LOCAL_TZ)


def timetable(courses, first_day, last_day, all_days=False):
    """Return the classes of ``courses`` (live course pages in one language) from
    ``first_day`` to ``last_day`` (Vietnam dates, inclusive) as a list of
    ``(date, [TimetableEntry])`` by day and time. Cancelled classes are listed with
    their reason; a moved class is listed at its new time and, marked
    "moved_away", at its planned time. Days without classes are left out unless
    ``all_days``. Two queries whatever the number of courses."""
    by_key = {course.translation_key: course for course in courses}
    lo, hi = _local_midnight(first_day), _local_midnight(last_day + dt.timedelta(1))
    rows = []
    if by_key:
        rows = list(
            CourseOccurrence.objects.filter(translation_key__in=list(by_key)).filter(
                Q(start__gte=lo, start__lt=hi)
                | Q(original_start__gte=lo, original_start__lt=hi)
            )
        )
    changed = [r for r in rows if r.cancelled or r.original_start]
    reasons = _reasons(
        list(by_key.values()),
        [local_date(r.original_start or r.start) for r in changed],
    )
    entries = []
    for row in rows:
        course = by_key[row.translation_key]
        planned = row.original_start or row.start
        reason = ""
        if row.cancelled or row.original_start:
            reason = reasons.get((course.pk, local_date(planned)), row.note)
        if lo <= row.start < hi:
            status = (
                "cancelled"
                if row.cancelled
                else "moved_here"
                if row.original_start
                else "on"
            )
            entries.append(
                TimetableEntry(
                    course,
                    row.start,
                    row.end,
                    row.place,
                    status,
                    reason,
                    row.original_start,
                )
            )
        if row.original_start and lo <= row.original_start < hi:
            entries.append(
                TimetableEntry(
                    course,
                    row.original_start,
                    row.original_start + (row.end - row.start),
                    row.place,
                    "moved_away",
                    reason,
                    row.start,
                )
            )
    entries.sort(key=lambda e: (e.start, e.course.title))
    by_day = {}
    for entry in entries:
        by_day.setdefault(local_date(entry.start), []).append(entry)
    days = []
    day = first_day
    while day <= last_day:
        if all_days or day in by_day:
            days.append((day, by_day.get(day, [])))
        day += dt.timedelta(1)
    return days


def week_of(now=None):
    """Return the Monday and Sunday (Vietnam dates) of the week holding ``now``."""
    today = local_date(now or timezone.now())
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_of(year, month):
    """Return the first and last day of ``month`` of ``year``."""
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def with_translation_keys(pages, keys):
    """Return ``pages`` (a page queryset) narrowed to the pages of ``keys``.

    The pages of the keys are looked up first and the queryset narrowed by their
    ids: filtering it by key directly let SQLite walk every page under the parent
    (a path range over 341,000 pages at national scale, 200 ms) and test each.
    """
    from wagtail.models import Page

    ids = Page.objects.filter(translation_key__in=list(dict.fromkeys(keys)))
    return pages.filter(pk__in=list(ids.values_list("pk", flat=True)))


def soon_cards(courses, keys, now, limit=SOON_LIMIT):
    """Return up to ``limit`` of ``courses`` (a page queryset) among the courses
    of ``keys`` (translation keys) as course cards for "starting soon", soonest
    first: ``next_start``, ``next_end`` and ``next_place`` are those of the
    course's first class that starts at ``now`` or later.

    ``course_cards`` gives a course the first class that has not ended, the
    right "next class" on a course's own page: in a list of classes that start
    soon, a class that began an hour ago showed under the heading (at 19:49
    every card showed 18:30 or 19:00 that day)."""
    cards = [
        card
        for card in course_cards(
            with_translation_keys(courses, keys), now, classes_starting
        )
        if card.next_start
    ]
    cards.sort(key=lambda card: card.next_start)
    return cards[:limit]


def starting_soon(courses, now=None, limit=SOON_LIMIT):
    """Return up to ``limit`` of ``courses`` (a queryset of live course pages in
    one language) with a class starting at ``now`` or later, as ``soon_cards``,
    in a constant number of queries.

    The coming classes are walked in order of their start, each tested for a
    course of ``courses``, until there are enough: for a province, which holds
    a good share of the courses, that is a few thousand classes. Looked up by
    the courses' keys instead, SQLite read the coming classes of each of Phú
    Thọ's 17,760 courses at tier M and sorted them (96 of the province page's
    185 ms; 5 ms walked in order). For a handful of courses (a centre), the
    lookup by key would be the faster one."""
    now = now or timezone.now()
    soon_keys = (
        classes_starting(now)
        .filter(Exists(courses.filter(translation_key=OuterRef("translation_key"))))
        .order_by("start")
        .values_list("translation_key", flat=True)[: limit * 10]
    )
    return soon_cards(courses, soon_keys, now, limit)


def live_public_page(model, language, **lookup):
    """Return the live page of ``model`` without view restrictions matching
    ``lookup`` in ``language``, else its live public source-language version,
    else None. Feeds and calendars never show a draft or a private page."""
    pages = model.objects.live().public().filter(**lookup).select_related("locale")
    by_language = {page.locale.language_code: page for page in pages}
    return by_language.get(language) or by_language.get(settings.LANGUAGE_CODE)


def courses_recently_published(parent, now=None, limit=FEED_LIMIT):
    """Return the ``limit`` live public courses under ``parent`` (a centre or
    province page) most recently published, newest first, as course cards with
    ``notices`` (their upcoming cancelled or moved classes)."""
    courses = (
        CoursePage.objects.live()
        .public()
        .descendant_of(parent)
        .select_related("locale")
        .order_by("-last_published_at", "pk")[:limit]
    )
    cards = course_cards(courses, now)
    notices = {}
    for notice in schedule_notices(cards, now, limit=limit * 4):
        notices.setdefault(notice.course.pk, []).append(notice)
    for card in cards:
        card.notices = notices.get(card.pk, [])
    return cards


def course_calendar_pages(centre, ids=None):
    """Return the live public courses of ``centre`` (only those with ``ids`` when
    given) for a calendar feed, with their sessions and cancelled or moved classes
    loaded."""
    courses = CoursePage.objects.live().public().child_of(centre)
    if ids is not None:
        courses = courses.filter(pk__in=ids)
    return list(courses.order_by("title").prefetch_related("sessions", "cancellations"))


def course_page_context(page, request=None, now=None):
    """Return what the course page shows besides the page's own fields: its centre,
    next classes, changes to the schedule, labels, its calendar links and its
    schema.org description."""
    from centres.models import CentrePage
    from courses.jsonld import course_jsonld, jsonld_script

    now = now or timezone.now()
    # The centre (a course's parent: Wagtail's routing has it already, as a
    # plain page) with its commune and province, in one query.
    centre = CentrePage.objects.select_related("commune__province").get(
        pk=page.get_parent().pk
    )
    rows = list(CourseOccurrence.objects.filter(translation_key=page.translation_key))
    upcoming = [row for row in rows if not row.cancelled and row.end >= now]
    # The page's own cancellations give the reasons in its language; most
    # courses have none, which their occurrences already tell.
    has_changes = any(row.cancelled or row.original_start for row in rows)
    sessions = list(page.sessions.all())
    schedule = schedule_build(sessions, page.cancellations.all() if has_changes else ())
    category_label = taxonomy_labels(Category).get(page.category_id)
    audience_labels = _audience_labels(page)
    return {
        "centre": centre,
        "occurrences": upcoming[:UPCOMING_LIMIT],
        "notices": _notices_from(schedule, now),
        "category_label": category_label,
        "audience_labels": audience_labels,
        "curriculum": _in_locale_of(page, page.curriculum),
        "calendar": calendar_links(request, "course_calendar", page.code),
        "jsonld": jsonld_script(
            course_jsonld(
                page,
                centre,
                request,
                category_label,
                audience_labels,
                sessions=sessions,
                schedule=schedule,
            )
        ),
    }


def _in_locale_of(page, other):
    """Return ``other`` (a page, or None) in ``page``'s language when translated."""
    if other is None or other.locale_id == page.locale_id:
        return other
    return other.get_translation_or_none(page.locale) or other


def _notices_from(schedule, now=None, limit=NOTICES_LIMIT):
    """Return the upcoming cancelled and moved classes of one course's schedule
    (Occurrences, their reasons in the page's language) as ScheduleNotices."""
    now = now or timezone.now()
    notices = [
        ScheduleNotice(o.start, o.end, o.note)
        if o.cancelled
        else ScheduleNotice(o.original_start, None, o.note, o.start, o.end)
        for o in schedule
        if (o.cancelled and o.end >= now)
        or (o.moved and (o.end >= now or o.original_start >= now))
    ]
    notices.sort(key=lambda notice: notice.planned_start)
    return notices[:limit]


def calendar_links(request, url_name, code):
    """Return the ways to take the calendar feed ``url_name`` of ``code`` along,
    in the active language (the page's): ``ics`` (download, opens in the phone's
    calendar), ``webcal`` (subscribe: the calendar app keeps it up to date) and
    ``google`` (subscribe in Google Calendar)."""
    path = reverse(url_name, kwargs={"code": code})
    absolute = request.build_absolute_uri(path) if request else path
    webcal = "webcal://" + absolute.split("://", 1)[-1]
    return {
        "ics": path,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?cid="
        + quote(webcal, safe=""),
    }


def curriculum_page_context(page):
    source_curriculum_ids = list(
        page.get_translations(inclusive=True).values_list("id", flat=True)
    )
    courses = (
        CoursePage.objects.live()
        .filter(locale=page.locale, curriculum_id__in=source_curriculum_ids)
        .order_by("title")
    )
    return {
        "course_count": courses.count(),
        "courses": course_cards(courses[:20]),
        "modules": curriculum_modules(page),
    }


def curriculum_modules(page):
    """Return ``page``'s modules as dicts of ``title``, ``hours`` and
    ``outcomes``, with ``title_lang`` and ``outcomes_lang`` set to Vietnamese
    for a text a translation still holds as its Vietnamese source writes it
    (the same module, by its block id, with the same text): wagtail-localize
    publishes a translation whose modules are not all translated yet with the
    source's text, which the page marks for screen readers."""
    source = {}
    default = settings.LANGUAGE_CODE
    if page.modules and page.locale.language_code != default:
        original = page.get_translation_or_none(
            Locale.objects.get(language_code=default)
        )
        if original is not None:
            source = {block.id: block.value for block in original.modules}
    modules = []
    for block in page.modules:
        value, original = block.value, source.get(block.id)
        module = {name: value.get(name) for name in ("title", "hours", "outcomes")}
        for name in ("title", "outcomes"):
            same = (
                original is not None
                and module[name]
                and original.get(name) == module[name]
            )
            module[f"{name}_lang"] = default if same else None
        modules.append(module)
    return modules


def page_terms(page, attribute):
    """Return the national taxonomy terms ``page`` holds in ``attribute`` (a term,
    such as a course's ``category``, or a many-to-many relation of terms, such
    as its ``audiences``) as ``{"slug", "name"}``, a list for a relation (a
    term held in two languages once), None for no term: what the read API
    gives. Named in the page's language whatever the reader's, as the page
    itself names them (``taxonomy_labels`` in that language): a translation
    holds its Vietnamese source's terms."""
    value = getattr(page, attribute)
    many = hasattr(value, "all")
    terms = list(value.all()) if many else [value] if value is not None else []
    named = {}
    if terms:
        with override(page.locale.language_code):
            labels = taxonomy_labels(type(terms[0]))
        for term in terms:
            named.setdefault(
                term.slug, {"slug": term.slug, "name": labels.get(term.pk, term.name)}
            )
    if many:
        return list(named.values())
    return next(iter(named.values()), None)


def _audience_labels(page):
    """Return the labels of ``page``'s audiences in the active language, each
    once (a page that holds a term in two languages names it once); a term
    deleted since the labels were cached is left out."""
    labels = taxonomy_labels(Audience)
    found = (labels.get(pk) for pk in page.audiences.values_list("pk", flat=True))
    return list(dict.fromkeys(label for label in found if label))
