"""Writes to the finder's index. Every path that changes what a reader can find
(publish, unpublish, move, delete, translation, centre change, rebuild) ends here,
so the index follows publishing at once."""

from collections import Counter

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from courses.fields import WEEKDAY_CODES
from courses.models import Audience, Category, CoursePage
from courses.schedule import LOCAL_TZ
from search.finder import AUDIENCE_SLUGS, TIMES_OF_DAY, mask, time_of_day
from search.models import CourseIndexEntry
from search.spelling import (
    entry_terms,
    entry_titles,
    terms_change,
    terms_record,
    terms_reset,
    titles_record,
)
from search.text import analyse, strip_place_type


def _labels(model, locale_id):
    """Return ``{source id: label in locale}`` for a taxonomy (source label when
    the term is not translated)."""
    rows = list(model.objects.all())
    by_key = {}
    for row in rows:
        if row.locale_id == locale_id or row.translation_key not in by_key:
            by_key[row.translation_key] = row
    return {row.pk: by_key[row.translation_key] for row in rows}


class EntryBuilder:
    """Builds CourseIndexEntry rows, caching centres and taxonomies so a rebuild
    does a constant number of queries per batch."""

    def __init__(self, now=None):
        self._centres = {}
        self._labels = {}
        self.now = now or timezone.now()

    def prime(self, courses):
        """Load the centres of ``courses`` in one query (a rebuild batch)."""
        paths = {c.path[: -c.steplen] for c in courses} - set(self._centres)
        for centre in (
            Page.objects.filter(path__in=paths)
            .specific()
            .select_related("commune__province")
        ):
            self._centres[centre.path] = centre

    def forget(self):
        """Drop cached centres, so memory stays flat over a long rebuild."""
        self._centres.clear()

    def centre(self, course):
        parent_path = course.path[: -course.steplen]
        if parent_path not in self._centres:
            centre = (
                Page.objects.filter(path=parent_path)
                .specific()
                .select_related("commune__province")
                .first()
            )
            self._centres[parent_path] = centre
        return self._centres[parent_path]

    def labels(self, model, locale_id):
        key = (model, locale_id)
        if key not in self._labels:
            self._labels[key] = _labels(model, locale_id)
        return self._labels[key]

    def build(self, course):
        """Return the unsaved entry for live ``course`` (a specific CoursePage)."""
        centre = self.centre(course)
        province = centre.commune.province
        category = self.labels(Category, course.locale_id)[course.category_id]
        audiences = self.labels(Audience, course.locale_id)
        audience_ids = [a.pk for a in course.audiences.all()]
        # Cancelled classes do not count, moved ones count at their new time. Which
        # pages have any is read once per builder (constant queries per batch).
        if not hasattr(self, "_pages_with_changes"):
            self._pages_with_changes = CoursePage.pages_with_schedule_changes()
        occurrences = [
            (occurrence.start, occurrence.end)
            for occurrence in course.schedule(
                with_changes=course.pk in self._pages_with_changes
            )
            if not occurrence.cancelled
        ]
        upcoming = min(((s, e) for s, e in occurrences if e >= self.now), default=None)
        days = [
            WEEKDAY_CODES[start.astimezone(LOCAL_TZ).weekday()]
            for start, _e in occurrences
        ]
        body = " ".join(
            [
                course.summary,
                strip_tags(course.description),
                course.curriculum.title if course.curriculum_id else "",
                category.name,
                " ".join(audiences[pk].name for pk in audience_ids),
                centre.title,
                centre.commune.name,
                strip_place_type(province.name),
            ]
        )
        title_exact, title_folded = analyse(course.title)
        body_exact, body_folded = analyse(body)
        return CourseIndexEntry(
            page_id=course.pk,
            locale=course.locale.language_code,
            translation_key=course.translation_key,
            code=course.code,
            title=course.title,
            url=course.url or "",
            centre_code=centre.code,
            centre_name=centre.title,
            centre_url=centre.url or "",
            commune=centre.commune.name,
            province_code=province.code,
            province=province.name,
            latitude=centre.latitude,
            longitude=centre.longitude,
            category=category.slug,
            audiences=mask([audiences[pk].slug for pk in audience_ids], AUDIENCE_SLUGS),
            weekdays=mask(days, WEEKDAY_CODES),
            times_of_day=mask(
                [time_of_day(start) for start, _e in occurrences], list(TIMES_OF_DAY)
            ),
            teaching_language=course.teaching_language,
            mode=course.mode,
            fee_vnd=course.fee_vnd,
            last_end=max((end for _s, end in occurrences), default=None),
            next_start=upcoming[0] if upcoming else None,
            next_end=upcoming[1] if upcoming else None,
            title_exact=title_exact,
            title_folded=title_folded,
            body_exact=body_exact,
            body_folded=body_folded,
        )


def _engine():
    from search.engines import get_engine

    return get_engine()


def course_index_update(pages):
    """Index the given course pages as they are now: live ones are (re)written,
    others removed. Returns the number of entries written."""
    pages = [p for p in pages if p is not None]
    if not pages:
        return 0
    builder = EntryBuilder()
    live = [
        p.specific
        for p in Page.objects.filter(pk__in=[p.pk for p in pages])
        .live()
        .type(CoursePage)
        .select_related("locale")
    ]
    entries = [builder.build(p) for p in live]
    gone = {p.pk for p in pages} - {p.pk for p in live}
    with transaction.atomic():
        replaced = gone | {e.page_id for e in entries}
        before = entries_words(replaced)
        CourseIndexEntry.objects.filter(page_id__in=replaced).delete()
        CourseIndexEntry.objects.bulk_create(entries)
        terms_change(entries, before)
        _engine().entries_changed([e.page_id for e in entries], gone)
    return len(entries)


def entries_words(page_ids):
    """The entries of ``page_ids`` with the fields the vocabulary counts."""
    return list(
        CourseIndexEntry.objects.filter(page_id__in=page_ids).only(
            "locale", "title", "title_folded", "body_folded"
        )
    )


def course_index_remove(page_ids, deleted_entries=()):
    """Remove the given pages from the index (a delete or an unpublish).

    ``deleted_entries`` are entries the database already removed with their page
    (the cascade of a delete), read before it: their words leave the vocabulary.
    """
    with transaction.atomic():
        removed = CourseIndexEntry.objects.filter(page_id__in=page_ids)
        terms_change([], entries_words(page_ids) + list(deleted_entries))
        removed.delete()
        _engine().entries_changed([], set(page_ids))


def page_changed(page):
    """Re-index what ``page`` affects: itself if it is a course, its courses if it
    is a centre (a renamed or moved centre changes every result line)."""
    specific_class = page.specific_class
    if specific_class is CoursePage:
        course_index_update([page])
    elif specific_class is not None and specific_class.__name__ == "CentrePage":
        course_index_update(list(CoursePage.objects.child_of(page)))


def subtree_changed(page):
    """Re-index every course at or under ``page`` (after a move or unpublish)."""
    course_index_update(list(CoursePage.objects.descendant_of(page, inclusive=True)))


def course_index_rebuild(progress=None, batch_size=500, limit=None):
    """Rebuild the whole index from the live course pages. Returns the count.

    ``progress(n)`` is called after each batch. ``limit`` indexes only the first
    courses (the benchmark compares memory at two sizes).
    """
    engine = _engine()
    builder = EntryBuilder()
    ids = list(CoursePage.objects.live().order_by("pk").values_list("pk", flat=True))
    ids = ids[:limit] if limit else ids
    terms, titles = Counter(), Counter()
    with transaction.atomic():
        CourseIndexEntry.objects.all().delete()
        terms_reset()
        engine.rebuild_start()
        for start in range(0, len(ids), batch_size):
            batch = (
                CoursePage.objects.filter(pk__in=ids[start : start + batch_size])
                .select_related("locale", "category", "curriculum")
                .prefetch_related("audiences", "sessions")
            )
            batch = list(batch)
            builder.forget()
            builder.prime(batch)
            entries = [builder.build(page) for page in batch]
            CourseIndexEntry.objects.bulk_create(entries)
            terms.update(entry_terms(entries))
            titles.update(entry_titles(entries))
            engine.entries_changed([e.page_id for e in entries], set())
            if progress:
                progress(len(entries))
        terms_record(terms)
        titles_record(titles)
        engine.rebuild_finish()
        # Fresh planner statistics: without them PostgreSQL chose a scan of the
        # whole table over the GIN index after a bulk rebuild (719 ms for a
        # query with no hit at tier S).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {CourseIndexEntry._meta.db_table}")
    return len(ids)


def course_index_next_sessions_refresh(now=None):
    """Move each entry's next class forward when it has ended (``next_end`` before
    ``now``), from the occurrence table. Returns how many rows changed.

    The finder calls this at most once a minute before searching, and
    ``refresh_next_sessions`` can run it from cron; between two refreshes a class
    that just ended may still show as next for up to a minute.
    """
    from courses.models import CourseOccurrence

    now = now or timezone.now()
    stale = list(
        CourseIndexEntry.objects.filter(next_end__lt=now).only(
            "page_id", "translation_key"
        )
    )
    if not stale:
        return 0
    keys = {entry.translation_key for entry in stale}
    upcoming = {}
    for key, start, end in (
        CourseOccurrence.objects.filter(
            translation_key__in=keys, end__gte=now, cancelled=False
        )
        .order_by("translation_key", "start")
        .values_list("translation_key", "start", "end")
    ):
        upcoming.setdefault(key, (start, end))
    for entry in stale:
        entry.next_start, entry.next_end = upcoming.get(
            entry.translation_key, (None, None)
        )
    CourseIndexEntry.objects.bulk_update(
        stale, ["next_start", "next_end"], batch_size=1000
    )
    return len(stale)
