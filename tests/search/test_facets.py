"""Facet counts added up from grouped candidates (search.engines.database), checked
against their definition on random groups: a value's count is the total that
choosing it, in place of its dimension's current choice, would give."""

import random
import sqlite3

import pytest

from courses.fields import WEEKDAY_CODES
from search.engines.database import FACET_COLUMNS, _facet_counts, _unpacked
from search.finder import AUDIENCE_SLUGS, CATEGORY_SLUGS, MODES, TIMES_OF_DAY

UNIVERSE = {
    "category": set(CATEGORY_SLUGS),
    "audience": set(AUDIENCE_SLUGS),
    "weekday": set(WEEKDAY_CODES),
    "time_of_day": set(TIMES_OF_DAY),
    "language": {"vi", "en"},
    "mode": set(MODES),
    "free": {"true"},
    "starts_within": {"week", "month"},
}


def _groups(seed, size=400):
    rnd = random.Random(seed)  # noqa: S311 - test data
    return [
        (
            rnd.choice([*CATEGORY_SLUGS, "retired-category"]),
            rnd.randrange(1 << len(AUDIENCE_SLUGS)),
            rnd.randrange(1 << len(WEEKDAY_CODES)),
            rnd.randrange(1 << len(TIMES_OF_DAY)),
            rnd.choice(["vi", "en", "km"]),
            rnd.choice(MODES),
            rnd.randrange(2),
            week := rnd.randrange(2),
            week or rnd.randrange(2),
            rnd.randrange(1, 9),
        )
        for _ in range(size)
    ]


def _offers(group, dim, value):
    category, audiences, weekdays, times, language, mode, free, week, month = group
    bits = {
        "audience": (audiences, AUDIENCE_SLUGS),
        "weekday": (weekdays, WEEKDAY_CODES),
        "time_of_day": (times, list(TIMES_OF_DAY)),
    }
    if dim in bits:
        mask, values = bits[dim]
        return bool(mask >> values.index(value) & 1)
    return {
        "category": category == value,
        "language": language == value,
        "mode": mode == value,
        "free": bool(free),
        "starts_within": bool(week if value == "week" else month),
    }[dim]


def _total(groups, selected):
    return sum(
        group[-1]
        for group in groups
        if all(
            any(_offers(group[:-1], dim, v) for v in values & UNIVERSE[dim])
            for dim, values in selected.items()
            if values & UNIVERSE[dim]
        )
    )


@pytest.mark.parametrize(
    "selected",
    [
        {},
        {"free": {"true"}},
        {"weekday": {"mo", "we"}, "time_of_day": {"morning"}},
        {
            "starts_within": {"week"},
            "category": {CATEGORY_SLUGS[1]},
            "mode": {"online"},
        },
        {"language": {"km", "xx"}},
        {"language": {"xx"}},
    ],
)
def test_each_count_is_the_total_that_choosing_the_value_gives(selected):
    groups = _groups(seed=len(selected))
    full = {dim: set(selected.get(dim, ())) for dim in UNIVERSE}
    total, counts = _facet_counts(groups, full, UNIVERSE)
    assert total == _total(groups, full)
    for dim, values in UNIVERSE.items():
        for value in values:
            expected = _total(groups, {**full, dim: {value}})
            assert counts[dim].get(value, 0) == expected, (dim, value)


def test_packed_groups_split_back_into_their_columns():
    """FACET_COLUMNS packs the bit sets and flags into one number; _unpacked
    gives every column back. A bit that no value stands for (an audience since
    removed) stays out of the other fields. Evaluated by SQLite in memory."""
    stale = 1 << len(AUDIENCE_SLUGS)
    rows = [
        # audiences, weekdays, times_of_day, fee_vnd, next_start
        (0b101, 0b1000001, 0b100, 0, "2030-01-08"),
        (stale | 0b1, 0, 0b011, 50_000, "2030-02-20"),
        ((1 << len(AUDIENCE_SLUGS)) - 1, 0b1111111, 0b111, 0, None),
    ]
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE b (category, audiences, weekdays, times_of_day, "
        "teaching_language, mode, fee_vnd, next_start)"
    )
    db.executemany(
        "INSERT INTO b VALUES ('digital-skills', ?, ?, ?, 'vi', 'online', ?, ?)",
        rows,
    )
    packed = db.execute(
        f"SELECT {FACET_COLUMNS.replace('%s', '?')}, 1 FROM b",  # noqa: S608 - ours
        ["2030-01-14", "2030-02-07"],
    ).fetchall()
    assert _unpacked(packed) == [
        ("digital-skills", 0b101, 0b1000001, 0b100, "vi", "online", 1, 1, 1, 1),
        ("digital-skills", 0b1, 0, 0b011, "vi", "online", 0, 0, 0, 1),
        ("digital-skills", stale - 1, 0b1111111, 0b111, "vi", "online", 1, 0, 0, 1),
    ]
