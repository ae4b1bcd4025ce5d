import datetime as dt

import pytest

from courses.schedule import LOCAL_TZ, MAX_OCCURRENCES, TooManyOccurrences, expand


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
