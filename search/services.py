"""Writes to the finder's index. Every path that changes what a reader can find
(publish, unpublish, move, delete, translation, centre change, rebuild) ends here,
so the index follows publishing at once."""

import datetime as dt
import multiprocessing
import os
import pickle
import uuid
from array import array
from collections import Counter, deque, namedtuple
from types import SimpleNamespace
from typing import NamedTuple

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page

from centres.models import CentrePage
from courses.fields import WEEKDAY_CODES
from courses.models import (
    Audience,
    Category,
    CourseCancellation,
    CoursePage,
    CourseSession,
)
from courses.schedule import LOCAL_TZ, schedule_build
from courses.selectors import next_sessions
from portal.selectors import child_url
from portal.tasks import at_block_end_for
from search.engines.database import facet_key
from search.finder import AUDIENCE_SLUGS, TIMES_OF_DAY, mask, time_of_day
from search.models import PENDING_SETTING, CourseIndexEntry, IndexState
from search.spelling import (
    entry_terms,
    entry_titles,
    terms_change,
    terms_record,
    terms_reset,
    titles_ends_record,
    titles_record,
)
from search.text import analyse, html_words, strip_place_type


def _labels(model, locale_id):
    """Return ``{source id: label in locale}`` for a taxonomy (source label when
    the term is not translated)."""
    rows = list(model.objects.all())
    by_key = {}
    for row in rows:
        if row.locale_id == locale_id or row.translation_key not in by_key:
            by_key[row.translation_key] = row
    return {row.pk: by_key[row.translation_key] for row in rows}


class CentreFacts(NamedTuple):
    """What an entry copies from its course's centre, read once per centre."""

    code: str
    title: str
    url: str
    commune: str
    province: str
    province_code: str
    latitude: float
    longitude: float
    # Where it is, as the body of each of its courses' entries reads it.
    place_words: str

    @classmethod
    def of(cls, centre, url):
        """The facts of ``centre``, its values as ``CENTRE_VALUES`` reads them,
        at ``url``."""
        return cls(
            centre["code"],
            centre["title"],
            url,
            centre["commune__name"],
            centre["commune__province__name"],
            centre["commune__province__code"],
            centre["latitude"],
            centre["longitude"],
            " ".join(
                [
                    centre["title"],
                    centre["commune__name"],
                    strip_place_type(centre["commune__province__name"]),
                ]
            ),
        )


# What ``EntryBuilder.prime`` reads of each centre page.
CENTRE_VALUES = (
    "path",
    "slug",
    "code",
    "title",
    "latitude",
    "longitude",
    "commune__name",
    "commune__province__name",
    "commune__province__code",
)


# One entry as plain values, in the entry table's column order: what publishing
# and the rebuild insert, without a model instance per row (search.spelling
# reads the same attributes from these as from CourseIndexEntry objects).
ENTRY_FIELDS = CourseIndexEntry._meta.concrete_fields
EntryRow = namedtuple("EntryRow", [f.attname for f in ENTRY_FIELDS])


class _SessionRow(NamedTuple):
    """A CourseSession's schedule as read by ``values_list`` (the rebuild)."""

    start: dt.datetime
    end: dt.datetime
    repeat_weekdays: str
    repeat_until: dt.date
    repeat_count: int
    repeat_interval: int
    place: str

    occurrences = CourseSession.occurrences


class _Batch(NamedTuple):
    """What ``EntryBuilder.read`` reads for a range of course pages: their
    values, and their audience ids, sessions and cancellations by page id."""

    courses: list
    audiences: dict
    sessions: dict
    cancellations: dict


class EntryBuilder:
    """Builds index entries, caching centres and taxonomies so that a batch of
    courses costs a constant number of queries.

    ``build`` takes a CoursePage (a publish); ``read`` then ``built`` take a
    batch of pages as plain values (the rebuild, where making model instances
    and reversing URLs per course was most of the time). Both end in ``_row``.
    """

    def __init__(self, now=None):
        self._centres = {}
        self._parent_urls = {}  # by path: the province pages, kept for good
        self._labels = {}
        self.now = now or timezone.now()
        # Cancelled classes do not count, moved ones count at their new time.
        # Which pages have any is read once per builder (few pages have any).
        self._pages_with_changes = CoursePage.pages_with_schedule_changes()
        # Audiences in the taxonomy's order, whichever way they were read.
        self._audience_rank = {
            pk: rank
            for rank, pk in enumerate(Audience.objects.values_list("pk", flat=True))
        }

    def prime(self, paths):
        """Load the centres at ``paths`` (their materialised paths) in one query,
        as values: making a page instance of each and asking Wagtail for its URL
        was a quarter of reading a batch."""
        missing = set(paths) - set(self._centres)
        if not missing:
            return
        centres = list(
            CentrePage.objects.filter(path__in=missing).values(*CENTRE_VALUES)
        )
        parents = {centre["path"][: -Page.steplen] for centre in centres}
        unknown = parents - set(self._parent_urls)
        for page in Page.objects.filter(path__in=unknown):
            self._parent_urls[page.path] = page.url or ""
        for centre in centres:
            parent_url = self._parent_urls.get(centre["path"][: -Page.steplen], "")
            self._centres[centre["path"]] = CentreFacts.of(
                centre, child_url(parent_url, centre["slug"])
            )

    def forget(self):
        """Drop cached centres, so memory stays flat over a long rebuild."""
        self._centres.clear()

    def centre(self, course_path):
        parent_path = course_path[: -Page.steplen]
        if parent_path not in self._centres:
            self.prime([parent_path])
        return self._centres[parent_path]

    def labels(self, model, locale_id):
        key = (model, locale_id)
        if key not in self._labels:
            self._labels[key] = _labels(model, locale_id)
        return self._labels[key]

    def build(self, course):
        """Return the EntryRow of live ``course`` (a specific CoursePage)."""
        changes = course.pk in self._pages_with_changes
        return self._row(
            course,
            self.centre(course.path),
            locale=course.locale.language_code,
            url=course.url or "",
            curriculum=course.curriculum.title if course.curriculum_id else "",
            translation_key=course.translation_key,
            audience_ids=[a.pk for a in course.audiences.all()],
            timing=self.timing(course.schedule(with_changes=changes)),
        )

    def read(self, first, last):
        """Read what the entries of the live course pages with ids from ``first``
        to ``last`` are built from: five queries over that range of ids. The
        builder then holds the batch's centres and the labels of its locales,
        so ``built`` needs no database (the rebuild runs it in worker
        processes)."""
        audiences, sessions, cancellations = {}, {}, {}
        through = CoursePage.audiences.through.objects.filter(
            coursepage_id__gte=first, coursepage_id__lte=last
        )
        for page_id, audience_id in through.values_list("coursepage_id", "audience_id"):
            audiences.setdefault(page_id, []).append(audience_id)
        for page_id, *fields in (
            CourseSession.objects.filter(page_id__gte=first, page_id__lte=last)
            .order_by("page_id", "sort_order")
            .values_list("page_id", *_SessionRow._fields)
        ):
            sessions.setdefault(page_id, []).append(_SessionRow(*fields))
        changed = {pk for pk in self._pages_with_changes if first <= pk <= last}
        for change in CourseCancellation.objects.filter(page_id__in=changed):
            cancellations.setdefault(change.page_id, []).append(change)
        courses = [
            SimpleNamespace(**values)
            for values in CoursePage.objects.live()
            .filter(pk__gte=first, pk__lte=last)
            .order_by("pk")
            # The translation key as its text: making a UUID of each and
            # pickling it cost more than any other column (entries_prepared
            # writes both forms alike).
            .values(*COURSE_VALUES, key=Cast("translation_key", TextField()))
        ]
        self.prime({c.path[: -Page.steplen] for c in courses})
        for locale_id in {c.locale_id for c in courses}:
            self.labels(Category, locale_id)
            self.labels(Audience, locale_id)
        return _Batch(courses, audiences, sessions, cancellations)

    def built(self, batch):
        """The EntryRows of a batch ``read`` returned, without a query."""
        rows, timings = [], {}
        for course in batch.courses:
            centre = self.centre(course.path)
            schedule = tuple(batch.sessions.get(course.pk, ()))
            if course.pk in batch.cancellations:
                timing = self.timing(
                    schedule_build(schedule, batch.cancellations[course.pk])
                )
            elif schedule in timings:  # a translation has its source's sessions
                timing = timings[schedule]
            else:
                # Without changes every class takes place as its session says:
                # no Occurrences to make and sort (a quarter of building a batch).
                timing = timings[schedule] = self.classes_timing(
                    [pair for session in schedule for pair in session.occurrences()]
                )
            rows.append(
                self._row(
                    course,
                    centre,
                    locale=course.locale__language_code,
                    url=child_url(centre.url, course.slug),
                    curriculum=course.curriculum__title or "",
                    translation_key=course.key,
                    audience_ids=batch.audiences.get(course.pk, []),
                    timing=timing,
                )
            )
        return rows

    def timing(self, occurrences):
        """``classes_timing`` of a schedule's Occurrences."""
        return self.classes_timing(
            [(o.start, o.end) for o in occurrences if not o.cancelled]
        )

    def classes_timing(self, classes):
        """``(weekdays mask, times of day mask, last end, (start, end) of the
        next class or None)`` of the ``(start, end)`` pairs of the classes that
        take place, in any order."""
        upcoming = min(((s, e) for s, e in classes if e >= self.now), default=None)
        weekdays = times = 0
        for start, _end in classes:
            local = start.astimezone(LOCAL_TZ)
            weekdays |= _WEEKDAY_BITS[local.weekday()]
            times |= _HOUR_BITS[local.hour]
        return (
            weekdays,
            times,
            max((end for _s, end in classes), default=None),
            upcoming,
        )

    def _row(
        self,
        course,
        centre,
        *,
        locale,
        url,
        curriculum,
        translation_key,
        audience_ids,
        timing,
    ):
        """The entry of ``course`` (a CoursePage or its values) in ``centre`` (its
        CentreFacts) as an EntryRow. ``translation_key`` is a UUID or its text."""
        category = self.labels(Category, course.locale_id)[course.category_id]
        audiences = self.labels(Audience, course.locale_id)
        audience_ids = sorted(audience_ids, key=self._audience_rank.__getitem__)
        weekdays, times_of_day, last_end, upcoming = timing
        body = " ".join(
            [
                course.summary,
                html_words(course.description),
                curriculum,
                category.name,
                " ".join(audiences[pk].name for pk in audience_ids),
                centre.place_words,
            ]
        )
        title_exact, title_folded = analyse(course.title, locale)
        body_exact, body_folded = analyse(body, locale)
        offered = {
            "category": category.slug,
            "audiences": mask(
                [audiences[pk].slug for pk in audience_ids], AUDIENCE_SLUGS
            ),
            "weekdays": weekdays,
            "times_of_day": times_of_day,
            "teaching_language": course.teaching_language,
            "mode": course.mode,
            "fee_vnd": course.fee_vnd,
        }
        return EntryRow(
            page_id=course.pk,
            locale=locale,
            translation_key=translation_key,
            code=course.code,
            title=course.title,
            url=url,
            centre_code=centre.code,
            centre_name=centre.title,
            centre_url=centre.url,
            commune=centre.commune,
            province_code=centre.province_code,
            province=centre.province,
            latitude=centre.latitude,
            longitude=centre.longitude,
            **offered,
            facets=facet_key(**offered),
            last_end=last_end,
            next_start=upcoming[0] if upcoming else None,
            next_end=upcoming[1] if upcoming else None,
            title_exact=title_exact,
            title_folded=title_folded,
            body_exact=body_exact,
            body_folded=body_folded,
        )


# What ``EntryBuilder.read`` reads of each course page.
COURSE_VALUES = (
    "pk",
    "path",
    "slug",
    "locale_id",
    "locale__language_code",
    "code",
    "title",
    "summary",
    "description",
    "curriculum__title",
    "category_id",
    "teaching_language",
    "mode",
    "fee_vnd",
)


TIMES = list(TIMES_OF_DAY)
# The weekdays and times of day masks' bits by weekday number (Monday 0) and by
# local hour, as search.finder.mask sets them.
_WEEKDAY_BITS = [mask([code], WEEKDAY_CODES) for code in WEEKDAY_CODES]
_HOUR_BITS = [
    mask([time_of_day(dt.datetime(2000, 1, 1, hour, tzinfo=LOCAL_TZ))], TIMES)
    for hour in range(24)
]


def _rows_per_statement():
    """As many entries as one SQLite INSERT may bind."""
    import sqlite3

    connection.ensure_connection()
    variables = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, variables // len(ENTRY_FIELDS))


def entries_prepared(rows):
    """EntryRows as lists of what the database takes for each column: a
    translation key as text, and on SQLite datetimes as UTC text, as Django
    writes them (PostgreSQL's COPY takes datetimes as they are). The rebuild
    runs this in its worker processes: on its inserting thread, Django's
    conversion of each value was 11 s of tier M's rebuild."""
    database = connections[DEFAULT_DB_ALIAS]
    sqlite = database.vendor == "sqlite"
    adapt = database.ops.adapt_datetimefield_value
    # What that does with the aware datetimes the builder makes, without its
    # checks per value (2 million values at tier M).
    zone = database.timezone if settings.USE_TZ else None
    datetimes = _columns_of("DateTimeField") if sqlite else []
    keys = _columns_of("UUIDField")
    prepared = []
    for row in rows:
        values = list(row)
        for i in datetimes:
            value = values[i]
            if value is None:
                continue
            if zone is not None and value.tzinfo is not None:
                values[i] = str(value.astimezone(zone).replace(tzinfo=None))
            else:
                values[i] = adapt(value)
        for i in keys:
            if isinstance(values[i], uuid.UUID):
                values[i] = values[i].hex if sqlite else str(values[i])
        prepared.append(values)
    return prepared


def _columns_of(internal_type):
    return [
        i
        for i, field in enumerate(ENTRY_FIELDS)
        if field.get_internal_type() == internal_type
    ]


def entries_insert(rows, table=None):
    """Insert entries into the entry table (or ``table``, one of its shape): what
    bulk_create does, without a model instance per row. ``rows`` are EntryRows
    or what ``entries_prepared`` made of them. PostgreSQL takes them with COPY;
    SQLite with as many rows per statement as it binds (every statement makes
    its full-text index write a segment: one row per statement was 8 times
    slower than bulk_create's 32)."""
    if rows and isinstance(rows[0], EntryRow):
        rows = entries_prepared(rows)
    quote_name = connection.ops.quote_name
    table = quote_name(table or CourseIndexEntry._meta.db_table)
    columns = ", ".join(quote_name(f.column) for f in ENTRY_FIELDS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        row_marks = "(" + ", ".join(["%s"] * len(ENTRY_FIELDS)) + ")"
        size = _rows_per_statement()
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            marks = ", ".join([row_marks] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {marks}",  # noqa: S608 - names are ours
                [value for row in chunk for value in row],
            )


def _engine():
    from search.engines import get_engine

    return get_engine()


def entries_changed_mark():
    """Mark the entries as changed by the caller's transaction (every write to
    them calls this), so that what a process computed from them before is no
    longer used (search.models.IndexState).

    SQLite gives the index a new state token in the transaction: its writers
    already wait for one another, the database being locked for each
    writer's transaction. PostgreSQL's writers do not, and a lock on the one
    row taken in the middle of a transaction (an import's, or a publish's)
    could deadlock with the row locks taken after it. There the transaction
    gets its own pending token (a setting that ends with it), which its own
    reads see and a rollback takes away, and the state token is replaced once
    it has committed, in a statement of its own."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting(%s, true), set_config(%s, %s, true)",
                [PENDING_SETTING, PENDING_SETTING, uuid.uuid4().hex],
            )
            (pending, _new) = cursor.fetchone()
        # One replacement a transaction (an import publishes many courses). A
        # rolled-back savepoint takes back both its setting and its callback.
        if not pending:
            transaction.on_commit(_token_replaced, robust=True)
    else:
        _token_replaced()


def _token_replaced():
    table = connection.ops.quote_name(IndexState._meta.db_table)
    with connection.cursor() as cursor:
        # The row may be gone (a test's flush); an upsert puts it back.
        cursor.execute(
            f"INSERT INTO {table} (id, token) VALUES (1, %s) "  # noqa: S608 - our table's name
            "ON CONFLICT (id) DO UPDATE SET token = excluded.token",
            [uuid.uuid4().hex],
        )


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
        entries_insert(entries)
        terms_change(entries, before)
        entries_changed_mark()
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
        removed = entries_words(page_ids) + list(deleted_entries)
        CourseIndexEntry.objects.filter(page_id__in=page_ids).delete()
        terms_change([], removed)
        entries_changed_mark()
        _engine().entries_changed([], set(page_ids))


def _index_pages(page_ids):
    course_index_update(list(Page.objects.filter(pk__in=page_ids)))


def _course_index_update_soon(pages):
    """Index ``pages`` at once, or inside an import (``portal.tasks.
    tasks_deferred``) with every other page the import changes, when it ends.

    On SQLite every statement that writes entries makes FTS5 write a segment
    of its own, and at tier M merging those took 210 ms a course on average:
    an import wrote 1.3 rows a second (BENCHMARKS, session 26). Gathered, an
    import's entries are written in as few statements as SQLite binds rows."""
    if not at_block_end_for(_index_pages, [page.pk for page in pages if page]):
        course_index_update(pages)


def page_changed(page):
    """Re-index what ``page`` affects: itself if it is a course, its courses if it
    is a centre (a renamed or moved centre changes every result line)."""
    specific_class = page.specific_class
    if specific_class is CoursePage:
        _course_index_update_soon([page])
    elif specific_class is not None and specific_class.__name__ == "CentrePage":
        _course_index_update_soon(list(CoursePage.objects.child_of(page)))


def subtree_changed(page):
    """Re-index every course at or under ``page`` (after a move or unpublish)."""
    _course_index_update_soon(
        list(CoursePage.objects.descendant_of(page, inclusive=True))
    )


def rebuild_jobs():
    """How many worker processes build the rebuild's entries: the
    FINDER_REBUILD_JOBS setting, by default one more than the processors (0:
    none, the entries are built in the rebuild's own process). The one more
    keeps the processors busy while a worker waits for the database or for
    its batch to be taken: at tier M on SQLite, with two processors, three
    workers rebuilt in 93.9 and 96.2 s, two in 101.1 and 99.2 s."""
    jobs = getattr(settings, "FINDER_REBUILD_JOBS", None)
    return max(0, int((os.cpu_count() or 0) + 1 if jobs is None else jobs))


def _batch_built(payload):
    """Build a pickled ``(builder, batch)``: the rows and their vocabulary counts.
    Runs in a worker process (or in this one), and never touches the database."""
    return _rows_counted(*pickle.loads(payload))  # noqa: S301 - pickled by us


def _rows_counted(builder, batch):
    """A batch's page ids, its entries as the database takes them, and their
    vocabulary and title counts."""
    rows = builder.built(batch)
    return (
        [row.page_id for row in rows],
        entries_prepared(rows),
        entry_terms(rows),
        entry_titles(rows),
    )


def _batches_built(builder, ranges, jobs, own=False):
    """Yield what ``_rows_counted`` returns for each ``(first, last)`` range of
    ids, in order, built by ``jobs`` forked worker processes while this thread
    inserts the ones before. With 0 jobs, or a single batch, this thread reads
    and builds them itself.

    ``own``: each worker reads its batches on a database connection of its
    own (``_reader_started``), so this process only inserts. Otherwise this
    thread reads each batch on the caller's connection, and sees what the
    caller's transaction wrote (a test, an import), and hands it to a worker.
    At tier M on SQLite, reading and handing over the batches was 36 of the
    rebuild's 106 s on this thread, while the workers waited for them."""
    if jobs < 1 or len(ranges) <= 1:
        for first, last in ranges:
            yield _read_built(builder, first, last)
        return
    # Forked before any thread starts, so workers start at once with the
    # modules loaded; they leave through os._exit, never closing this
    # process's database connections. At most ``ahead`` batches are built
    # ahead of the inserts, so memory stays flat.
    ahead = 2 * jobs if own else jobs
    with multiprocessing.get_context("fork").Pool(
        jobs,
        initializer=_reader_started if own else None,
        initargs=(builder,) if own else (),
    ) as pool:
        pending = deque()
        for first, last in ranges:
            if own:
                pending.append(pool.apply_async(_range_built, (first, last)))
            else:
                pending.append(_batch_read(builder, first, last, pool))
            if len(pending) > ahead:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _batch_read(builder, first, last, pool):
    """Read a batch and hand it to a worker; return the pending result."""
    builder.forget()
    # Pickled now: the builder changes with the next batch it reads.
    payload = pickle.dumps((builder, builder.read(first, last)))
    return pool.apply_async(_batch_built, (payload,))


# In a worker process that reads its own batches: the builder, and the
# connections it was forked with (kept, never used or closed).
_reader = {"builder": None, "inherited": []}


def _reader_started(builder):
    """Start a worker process that reads its own batches with ``builder``.
    The connections it was forked with are the rebuild's, inside its
    transaction: closing one would end the parent's session (PostgreSQL) or
    touch its database file's state (SQLite), so they are kept unused, and
    each alias gets a new connection of the same settings, opened on its
    first query. It sees what is committed, as the rebuild does outside a
    transaction: the rebuild holds the index, so no publish commits
    meanwhile (``course_index_rebuild``)."""
    _reader["builder"] = builder
    for alias in connections:
        inherited = connections[alias]
        _reader["inherited"].append(inherited)
        connections[alias] = inherited.copy()


def _read_built(builder, first, last):
    """Read and build the batch of ids ``first`` to ``last`` with ``builder``,
    its cached centres dropped first, so memory stays flat."""
    builder.forget()
    return _rows_counted(builder, builder.read(first, last))


def _range_built(first, last):
    """``_read_built`` in a worker that reads its own batches."""
    return _read_built(_reader["builder"], first, last)


def _reads_in_workers():
    """Whether the rebuild's workers read their own batches: only outside a
    transaction (inside one, the caller's writes are seen only on its
    connection), and not from an in-memory SQLite database, which no other
    process can open."""
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def course_index_rebuild(progress=None, batch_size=500, limit=None, jobs=None):
    """Rebuild the whole index from the live course pages. Returns the count.

    ``progress(n)`` is called after each batch. ``limit`` indexes only the first
    courses (the benchmark compares memory at two sizes). ``jobs`` worker
    processes build the entries (``rebuild_jobs()`` by default).
    """
    engine = _engine()
    builder = EntryBuilder()
    terms, titles = Counter(), Counter()
    # Outside a transaction the workers read their own batches; inside one
    # (a test, an import), this thread reads them on the caller's connection.
    own = _reads_in_workers()
    try:
        with transaction.atomic():
            table = engine.rebuild_start()
            if table is None:
                CourseIndexEntry.objects.all().delete()
            # Read once the engine holds the index (PostgreSQL locks it): a course
            # published just before is in the list, and one published after waits
            # and then writes its entry into the rebuilt index.
            # 8 bytes an id, where a list and its int objects took 36 (and the
            # batches' lists 8 more): the list grew with the catalogue.
            ids = array(
                "q",
                CoursePage.objects.live()
                .order_by("pk")
                .values_list("pk", flat=True)
                .iterator(chunk_size=10_000),
            )
            ids = ids[:limit] if limit else ids
            ranges = [
                (ids[i], ids[min(i + batch_size, len(ids)) - 1])
                for i in range(0, len(ids), batch_size)
            ]
            terms_reset()
            for page_ids, rows, batch_terms, batch_titles in _batches_built(
                builder, ranges, rebuild_jobs() if jobs is None else jobs, own
            ):
                entries_insert(rows, table)
                terms.update(batch_terms)
                titles.update(batch_titles)
                engine.entries_changed(page_ids, set())
                if progress:
                    progress(len(rows))
            terms_record(terms)
            titles_record(titles)
            engine.rebuild_finish()
            # From the rebuilt entries' index (on PostgreSQL, in place now).
            titles_ends_record()
            entries_changed_mark()
            # Fresh planner statistics: without them PostgreSQL chose a scan of the
            # whole table over the GIN index after a bulk rebuild (719 ms for a
            # query with no hit at tier S).
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {CourseIndexEntry._meta.db_table}")
    finally:
        engine.rebuild_end()
    return len(ids)


def course_index_next_sessions_refresh(now=None, limit=None, batch_size=1000):
    """Move each entry's next class forward when it has ended (``next_end`` before
    ``now``), from the occurrence table; at most ``limit`` entries, those whose
    class ended first, when given. Returns how many rows changed.

    Only courses still running are moved: the finder hides the others (their
    last class has ended), whatever their next class says.

    Each batch is its own transaction. Classes end together (at tier M 30,964
    entries had their next class end at 21:00 on one evening), and every entry
    moved is a whole row written again with its indexes: 0.5 ms on SQLite and
    about 2 ms on PostgreSQL (its GIN indexes written in place, migration
    0016), so that evening took 14 and 39 s. The finder calls
    this at most once a minute with a small ``limit``
    (``FINDER_REFRESH_LIMIT``); ``refresh_next_sessions`` moves every entry,
    from cron. On PostgreSQL the entries another refresh is moving are skipped
    instead of waited for.
    """
    now = now or timezone.now()
    moved = 0
    while limit is None or moved < limit:
        size = batch_size if limit is None else min(batch_size, limit - moved)
        with transaction.atomic():
            stale = CourseIndexEntry.objects.filter(
                next_end__lt=now, last_end__gte=now
            ).order_by("next_end", "page_id")
            if connection.vendor == "postgresql":
                stale = stale.select_for_update(skip_locked=True)
            stale = list(stale.only("page_id", "translation_key")[:size])
            if not stale:
                break
            upcoming = next_sessions({entry.translation_key for entry in stale}, now)
            for entry in stale:
                entry.next_start, entry.next_end = upcoming.get(
                    entry.translation_key, (None, None)
                )
            CourseIndexEntry.objects.bulk_update(stale, ["next_start", "next_end"])
            entries_changed_mark()
        moved += len(stale)
        if len(stale) < size:
            break
    return moved
