"""A centre's "this week" timetable (on a fixed clock), its printable month, and
the province page's courses starting soon."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone, translation

from centres.selectors import centre_week, month_from_text
from tests.courses import schedule_data as data
from tests.courses.schedule_data import local

pytestmark = pytest.mark.django_db


def summary(days):
    return [
        (
            day.isoformat(),
            [
                (f"{e.start.astimezone(e.start.tzinfo):%H:%M}", e.status)
                for e in entries
            ],
        )
        for day, entries in days
    ]


def test_this_week_runs_monday_to_sunday_with_cancellations(tmp_path):
    data.publish_schedule(tmp_path)
    wednesday = local(2031, 1, 15, 10)
    days = centre_week(data.centre(), now=wednesday)
    assert [day for day, _entries in days] == [
        dt.date(2031, 1, 13) + dt.timedelta(days=n) for n in range(7)
    ]
    by_day = dict(days)
    (cancelled,) = by_day[dt.date(2031, 1, 14)]
    assert cancelled.status == "cancelled"
    assert cancelled.reason == data.CANCEL_REASON
    assert cancelled.start == local(2031, 1, 14, 18)
    (thursday,) = by_day[dt.date(2031, 1, 16)]
    assert thursday.status == "on" and thursday.place == "Phòng 1"
    assert all(not by_day[dt.date(2031, 1, d)] for d in (13, 15, 17, 18, 19))


def test_a_moved_class_shows_on_both_days(tmp_path):
    data.publish_schedule(tmp_path)
    days = dict(centre_week(data.centre(), now=local(2030, 12, 30, 7)))
    (away,) = days[dt.date(2031, 1, 2)]
    (here,) = days[dt.date(2031, 1, 3)]
    assert (away.status, away.other_start) == ("moved_away", local(2031, 1, 3, 18))
    assert (here.status, here.other_start) == ("moved_here", local(2031, 1, 2, 18))
    assert here.reason == away.reason == data.MOVE_REASON


def test_the_week_follows_vietnam_time_not_utc(tmp_path):
    data.publish_schedule(tmp_path)
    # Sunday 19 January 23:30 UTC is already Monday 20 January in Vietnam.
    days = centre_week(
        data.centre(), now=dt.datetime(2031, 1, 19, 23, 30, tzinfo=dt.UTC)
    )
    assert days[0][0] == dt.date(2031, 1, 20)


def test_centre_page_shows_this_week_on_a_fixed_clock(client, tmp_path, monkeypatch):
    data.publish_schedule(tmp_path)
    centre = data.centre()
    monkeypatch.setattr(timezone, "now", lambda: local(2031, 1, 15, 10))
    with translation.override("vi"):
        html = client.get(centre.url).content.decode()
    week = html[html.index('id="week-heading"') : html.index('id="courses-heading"')]
    assert "Thứ Hai 13/1" in week and "Chủ nhật 19/1/2031" in week
    assert "Nghỉ: trùng lịch họp thôn" in week
    assert 'class="entry entry--cancelled"' in week
    assert week.count('class="entry entry--on"') == 1
    assert centre.url + "timetable/" in week


def test_english_centre_page_gives_the_translated_reason(client, tmp_path, monkeypatch):
    data.publish_schedule(tmp_path)
    monkeypatch.setattr(timezone, "now", lambda: local(2031, 1, 15, 10))
    html = client.get(data.centre("en").url).content.decode()
    assert "Cancelled: clash with the village meeting" in html
    assert "Tuesday 14 January" in html


def test_printable_timetable_lists_the_month_by_day(client, tmp_path):
    data.publish_schedule(tmp_path)
    centre = data.centre()
    response = client.get(centre.url + "timetable/?month=2031-01")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="printable-timetable"' in html
    assert "0262 3812 999" in html
    assert "01/2031" in html
    days = [
        "Thứ Năm 2/1",
        "Thứ Sáu 3/1",
        "Thứ Hai 6/1",
        "Thứ Ba 7/1",
        "Thứ Năm 9/1",
        "Thứ Bảy 11/1",
        "Thứ Ba 14/1",
        "Thứ Năm 16/1",
        "Thứ Hai 20/1",
        "Thứ Ba 21/1",
        "Thứ Năm 23/1",
    ]
    positions = [html.index(f">{day}<") for day in days]
    assert positions == sorted(positions)
    assert "Thứ Tư 1/1" not in html  # no class that day: left out
    assert "Nghỉ: trùng lịch họp thôn" in html
    assert "?month=2030-12" in html and "?month=2031-02" in html


def test_month_parameter_falls_back_to_this_month():
    assert month_from_text("2031-01") == (2031, 1)
    assert month_from_text("2031-13", now=local(2031, 5, 1)) == (2031, 5)
    assert month_from_text("'; drop", now=local(2031, 5, 1)) == (2031, 5)


def test_printable_timetable_of_a_month_without_classes(client, tmp_path):
    data.publish_schedule(tmp_path)
    html = client.get(data.centre().url + "timetable/?month=2031-06").content.decode()
    assert "Tháng này không có lớp học nào." in html


def test_a_course_named_like_the_timetable_route_stays_reachable(client, tmp_path):
    catalogue = data.catalogue()
    extra = dict(catalogue["courses"][0], code="SCHED-TT", title="Timetable")
    extra.pop("cancellations")
    extra.pop("translations")
    catalogue["courses"].append(extra)
    data.import_catalogue(tmp_path, catalogue)
    html = client.get(data.centre().url + "timetable/").content.decode()
    assert "<h1>Timetable</h1>" in html


def test_province_page_lists_courses_starting_soon(client, tmp_path, monkeypatch):
    course = data.publish_schedule(tmp_path)
    province = data.centre().get_parent()
    monkeypatch.setattr(timezone, "now", lambda: local(2030, 12, 20, 9))
    html = client.get(province.url).content.decode()
    soon = html[html.index('id="upcoming-heading"') :]
    assert course.title in soon
    assert "Thứ Ba 24/12/2030 18:00" in soon


def test_starting_soon_keeps_the_provinces_courses_soonest_first(tmp_path):
    """The province's courses with a coming class, soonest first, and none
    from elsewhere, though Lai Châu's (the finder fixture) start sooner."""
    from courses.models import CourseOccurrence, CoursePage
    from courses.selectors import starting_soon
    from portal.selectors import reader_pages

    course = data.publish_schedule(tmp_path)
    province = data.centre().get_parent()
    now = local(2030, 1, 7, 8, 30)
    # The Vietnamese reader's pages, whichever language a test before left.
    with translation.override("vi"):
        courses = reader_pages(CoursePage, province, descendants=True)
        keys = set(courses.values_list("translation_key", flat=True))
        cards = starting_soon(courses, now)
        assert course.pk in [card.pk for card in cards]
        assert {card.translation_key for card in cards} <= keys
        starts = [card.next_start for card in cards]
        assert starts == sorted(starts)
        coming = CourseOccurrence.objects.filter(start__gte=now, cancelled=False)
        elsewhere = coming.exclude(translation_key__in=keys).order_by("start")
        assert elsewhere[9].start < starts[0]
        # With the limit 1, the province's soonest, though at least ten classes
        # elsewhere come before it.
        assert [card.pk for card in starting_soon(courses, now, limit=1)] == [
            cards[0].pk
        ]
        # Every course of the province with a coming class, up to the limit.
        expected = {o.translation_key for o in coming.filter(translation_key__in=keys)}
        if len(expected) <= 8:
            assert {card.translation_key for card in cards} == expected
        else:
            assert len(cards) == 8


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL table setting"
)
def test_postgresql_walks_the_coming_classes_in_one_process():
    """Migration courses 0006: no parallel workers on the occurrence table,
    whose walk in start order they made ten times slower at tier M."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'courses_courseoccurrence'"
        )
        (options,) = cursor.fetchone()
    assert "parallel_workers=0" in options
