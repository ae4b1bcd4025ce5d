import datetime as dt

import pytest

from courses.schedule import (
    LOCAL_TZ,
    MAX_OCCURRENCES,
    TooManyOccurrences,
    expand,
    room_clashes,
    schedule_build,
)


def local(*args):
    return dt.datetime(*args, tzinfo=LOCAL_TZ)


def starts(pairs):
    return [start.strftime("%a %Y-%m-%d %H:%M") for start, _end in pairs]


def test_one_off_session_is_one_occurrence():
    start, end = local(2027, 1, 5, 18), local(2027, 1, 5, 19, 30)
    assert expand(start, end) == [(start, end)]


def test_weekly_repetition_crosses_month_and_year_end():
    pairs = expand(
        local(2026, 12, 29, 18),
        local(2026, 12, 29, 19, 30),
        "tu,th",
        until=dt.date(2027, 1, 12),
    )
    assert starts(pairs) == [
        "Tue 2026-12-29 18:00",
        "Thu 2026-12-31 18:00",
        "Tue 2027-01-05 18:00",
        "Thu 2027-01-07 18:00",
        "Tue 2027-01-12 18:00",
    ]
    assert all(end - start == dt.timedelta(minutes=90) for start, end in pairs)


def test_count_includes_the_first_session():
    pairs = expand(local(2027, 2, 26, 8), local(2027, 2, 26, 10), "fr", count=3)
    assert starts(pairs) == [
        "Fri 2027-02-26 08:00",
        "Fri 2027-03-05 08:00",
        "Fri 2027-03-12 08:00",
    ]


def test_every_second_week():
    pairs = expand(
        local(2027, 1, 4, 19), local(2027, 1, 4, 21), "mo", count=3, interval=2
    )
    assert starts(pairs) == [
        "Mon 2027-01-04 19:00",
        "Mon 2027-01-18 19:00",
        "Mon 2027-02-01 19:00",
    ]


def test_times_stay_in_vietnam_wall_clock_time():
    utc_start = dt.datetime(2027, 1, 5, 11, 0, tzinfo=dt.UTC)  # 18:00 in Hanoi
    pairs = expand(utc_start, utc_start + dt.timedelta(hours=1), "tu", count=2)
    assert [s.astimezone(LOCAL_TZ).hour for s, _e in pairs] == [18, 18]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"until": dt.date(2035, 1, 1)},
        {"count": MAX_OCCURRENCES + 1},
    ],
)
def test_too_many_occurrences_is_refused(kwargs):
    with pytest.raises(TooManyOccurrences):
        expand(local(2027, 1, 4, 7), local(2027, 1, 4, 8), "mo,tu,we,th,fr", **kwargs)


def test_every_second_week_across_the_year_end():
    pairs = expand(
        local(2030, 12, 23, 14), local(2030, 12, 23, 16), "mo,fr", count=5, interval=2
    )
    assert starts(pairs) == [
        "Mon 2030-12-23 14:00",
        "Fri 2030-12-27 14:00",
        "Mon 2031-01-06 14:00",
        "Fri 2031-01-10 14:00",
        "Mon 2031-01-20 14:00",
    ]


class Session:
    def __init__(self, start, end, place="", **repeat):
        self.start, self.end, self.place, self.repeat = start, end, place, repeat

    def occurrences(self):
        return expand(self.start, self.end, **self.repeat)


class Change:
    def __init__(self, date, reason="", new_start=None, new_end=None):
        self.date, self.reason = date, reason
        self.new_start, self.new_end = new_start, new_end


def test_schedule_cancels_and_moves_classes():
    weekly = Session(
        local(2030, 12, 31, 18),
        local(2030, 12, 31, 19),
        "Phòng 1",
        weekdays="tu",
        count=3,
    )
    changes = [
        Change(dt.date(2031, 1, 7), "họp thôn"),
        Change(
            dt.date(2031, 1, 14),
            "mất điện",
            local(2031, 1, 15, 18),
            local(2031, 1, 15, 19),
        ),
    ]
    first, cancelled, moved = schedule_build([weekly], changes)
    assert (first.start, first.cancelled, first.moved) == (
        local(2030, 12, 31, 18),
        False,
        False,
    )
    assert cancelled.cancelled and cancelled.note == "họp thôn"
    assert cancelled.start == local(2031, 1, 7, 18)
    assert moved.moved and not moved.cancelled
    assert (moved.start, moved.original_start) == (
        local(2031, 1, 15, 18),
        local(2031, 1, 14, 18),
    )
    assert moved.original_date == dt.date(2031, 1, 14)


def test_room_clashes_need_the_same_room_and_overlapping_times():
    mine = schedule_build(
        [
            Session(local(2031, 1, 6, 8), local(2031, 1, 6, 10), "Phòng 1"),
            Session(local(2031, 1, 6, 9), local(2031, 1, 6, 11), " phòng  1 "),
            Session(local(2031, 1, 6, 9), local(2031, 1, 6, 11), "Phòng 2"),
            Session(local(2031, 1, 6, 9), local(2031, 1, 6, 11), ""),
        ]
    )
    clashes = room_clashes(mine)
    assert [(a.session, b.session) for a, b in clashes] == [(1, 0)]
    theirs = schedule_build(
        [Session(local(2031, 1, 6, 10), local(2031, 1, 6, 12), "PHÒNG 2")]
    )
    assert [(a.session, b.place) for a, b in room_clashes(mine[2:], theirs)] == [
        (2, "PHÒNG 2")
    ]
    # Back to back is not a clash.
    assert (
        room_clashes(
            mine[:1],
            schedule_build(
                [Session(local(2031, 1, 6, 10), local(2031, 1, 6, 11), "Phòng 1")]
            ),
        )
        == []
    )
