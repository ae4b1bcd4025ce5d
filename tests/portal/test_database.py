"""A PostgreSQL connection reads timestamps with psycopg's compiled loader
(portal.database) and gets what Django's own loader gives."""

import datetime as dt

import pytest
from django.db import connection

from courses.models import CourseOccurrence, CoursePage
from courses.schedule import LOCAL_TZ

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL only: SQLite has no timestamptz loader",
    ),
]

LITERALS = [
    "2026-06-01 03:04:05.123456+07",
    "2030-01-07 08:30:00+07",
    "1999-12-31 23:59:59.999999+00",
    "2026-03-29 02:30:00-05:30",
    "0001-01-01 00:00:00+00",
]


def _select(cursor):
    columns = ", ".join(f"%s::timestamptz AS t{i}" for i in range(len(LITERALS)))
    cursor.execute(f"SELECT {columns}, NULL::timestamptz", LITERALS)
    return cursor.fetchone()


def test_the_connection_reads_timestamps_with_the_compiled_loader():
    from psycopg.pq import Format

    from portal.database import TIMESTAMPTZ, utc_loader

    with connection.cursor() as cursor:
        raw = cursor.cursor
        oid = raw.adapters.types[TIMESTAMPTZ].oid
        assert raw.adapters.get_loader(oid, Format.TEXT) is utc_loader()
        assert connection.connection.info.parameter_status("TimeZone") == "UTC"


def test_every_value_is_what_djangos_loader_gives():
    from django.db.backends.postgresql.psycopg_any import register_tzloader

    with connection.cursor() as cursor:
        ours = _select(cursor)
    with connection.cursor() as cursor:
        register_tzloader(connection.timezone, cursor.cursor)
        django = _select(cursor)
    assert ours == django
    for a, b in zip(ours[:-1], django[:-1], strict=True):
        assert a.tzinfo == b.tzinfo == dt.UTC
        assert (a.year, a.microsecond, a.utcoffset()) == (
            b.year,
            b.microsecond,
            b.utcoffset(),
        )
    assert ours[0] == dt.datetime(2026, 5, 31, 20, 4, 5, 123456, tzinfo=dt.UTC)
    assert ours[-1] is None


def test_a_class_written_in_vietnam_time_reads_back_the_same():
    start = dt.datetime(2027, 3, 2, 18, 30, 0, 250000, tzinfo=LOCAL_TZ)
    course = CoursePage.objects.first()
    occurrence = CourseOccurrence.objects.create(
        course=course,
        translation_key=course.translation_key,
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    read = CourseOccurrence.objects.get(pk=occurrence.pk)
    assert read.start == start and read.start.tzinfo == dt.UTC
    assert read.end - read.start == dt.timedelta(hours=2)
