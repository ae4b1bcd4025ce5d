"""Facet counts added up from grouped candidates (search.engines.database), checked
against their definition on random candidates: a value's count is the total that
choosing it, in place of its dimension's current choice, would give. The
candidates are grouped as the database groups them: by their stored facet
number, with how many of each group start this week and this month."""

import random
import sqlite3

import pytest

from courses.fields import WEEKDAY_CODES
from search.engines.database import (
    _CODED,
    _KEY_FIELDS,
    FACET_KEY,
    FACET_TALLY,
    _facet_counts,
    _tally_counts,
    _unpacked,
    facet_key,
)
from search.finder import (
    AUDIENCE_SLUGS,
    CATEGORY_SLUGS,
    MODES,
    TIMES_OF_DAY,
    language_codes,
)

UNIVERSE = {
    "category": set(CATEGORY_SLUGS),
    "audience": set(AUDIENCE_SLUGS),
    "weekday": set(WEEKDAY_CODES),
    "time_of_day": set(TIMES_OF_DAY),
    "language": set(language_codes()),
    "mode": set(MODES),
    "free": {"true"},
    "starts_within": {"week", "month"},
}


def _candidates(seed, size=3000, offers=150):
    """Random candidates: what each offers to the facets (one of ``offers``
    combinations, so that groups hold several), and whether its next class is
    this week and this month (either may be without the other)."""
    rnd = random.Random(seed)  # noqa: S311 - test data
    pool = [
        (
            rnd.choice([*CATEGORY_SLUGS, "retired-category"]),
            rnd.randrange(1 << len(AUDIENCE_SLUGS)),
            rnd.randrange(1 << len(WEEKDAY_CODES)),
            rnd.randrange(1 << len(TIMES_OF_DAY)),
            rnd.choice(["vi", "en", "km"]),
            rnd.choice(MODES),
            rnd.randrange(2),
        )
        for _ in range(offers)
    ]
    return [
        (*rnd.choice(pool), rnd.randrange(2), rnd.randrange(2)) for _ in range(size)
    ]


def _key(category, audiences, weekdays, times, language, mode, fee_vnd):
    return facet_key(
        category=category,
        audiences=audiences,
        weekdays=weekdays,
        times_of_day=times,
        teaching_language=language,
        mode=mode,
        fee_vnd=fee_vnd,
    )


def _tally(candidates):
    """Tally rows as FACET_TALLY gives them: (key, week, month, count)."""
    rows = {}
    for candidate in candidates:
        key = _key(*candidate[:6], 0 if candidate[6] else 20_000)
        week, month, count = rows.get(key, (0, 0, 0))
        rows[key] = (
            week + candidate[7],
            month + candidate[8],
            count + 1,
        )
    return [(key, *sums) for key, sums in rows.items()]


def _offers(candidate, dim, value):
    category, audiences, weekdays, times, language, mode, free, week, month = candidate
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


def _total(candidates, selected):
    return sum(
        1
        for candidate in candidates
        if all(
            any(_offers(candidate, dim, v) for v in values & UNIVERSE[dim])
            for dim, values in selected.items()
            if values & UNIVERSE[dim]
        )
    )


@pytest.mark.parametrize(
    "selected",
    [
        {},
        {"starts_within": {"week"}},
        {"free": {"true"}},
        {"weekday": {"mo", "we"}, "time_of_day": {"morning"}},
        {
            "starts_within": {"week"},
            "category": {CATEGORY_SLUGS[1]},
            "mode": {"online"},
        },
        {"starts_within": {"month"}, "audience": {AUDIENCE_SLUGS[0]}},
        {"language": {"km", "xx"}},
        {"language": {"xx"}},
    ],
)
def test_each_count_is_the_total_that_choosing_the_value_gives(selected):
    candidates = _candidates(seed=len(selected))
    rows = _tally(candidates)
    assert len(rows) <= 150 < len(candidates)
    full = {dim: set(selected.get(dim, ())) for dim in UNIVERSE}
    total, counts = _tally_counts(rows, full, UNIVERSE)
    assert total == _total(candidates, full)
    for dim, values in UNIVERSE.items():
        for value in values:
            expected = _total(candidates, {**full, dim: {value}})
            assert counts[dim].get(value, 0) == expected, (dim, value)


def test_the_stored_number_splits_back_into_the_entrys_values():
    """facet_key packs the bit sets, the free flag and the positions of the
    category, language and mode; _unpacked gives each back. A bit beyond its
    field stays out of the next one, and a value the lists do not have comes
    back as none."""
    beyond = 1 << 16
    values = [
        ("digital-skills", 0b101, 0b1000001, 0b100, "vi", "online", 0),
        ("life-skills", beyond | 0b1, 0, 0b011, "hmn", "blended", 50_000),
        ("retired", (1 << len(AUDIENCE_SLUGS)) - 1, 0b1111111, 0b111, "xx", "?", 0),
    ]
    assert _unpacked([(_key(*v), 1, 0, 2) for v in values]) == [
        ("digital-skills", 0b101, 0b1000001, 0b100, "vi", "online", 1, 2, 1, 0),
        ("life-skills", 0b1, 0, 0b011, "hmn", "blended", 0, 2, 1, 0),
        (
            None,
            (1 << len(AUDIENCE_SLUGS)) - 1,
            0b1111111,
            0b111,
            None,
            None,
            1,
            2,
            1,
            0,
        ),
    ]


def test_a_value_added_to_a_list_leaves_the_other_fields_in_place():
    """The lists that grow (audiences, categories, teaching languages, modes)
    have room beyond their values: one added at the end of its list changes
    no other field of the numbers already stored. Weekdays, times of day and
    the free flag are fixed."""
    masks = {name: mask for name, _shift, mask, _values in _KEY_FIELDS}
    for name, values, _width in FACET_KEY:
        room = masks[name] if name in _CODED else masks[name].bit_length()
        growing = name in _CODED or name == "audiences"
        assert room > len(values) if growing else room == len(values), name
    assert sum(width for _n, _v, width in FACET_KEY) < 63


def test_the_tally_counts_each_number_and_horizon():
    """FACET_TALLY, evaluated by SQLite in memory, sums each stored number's
    candidates and those whose next class is before each horizon (a course
    with no next class is before neither)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE b (facets, next_start)")
    db.executemany(
        "INSERT INTO b VALUES (?, ?)",
        [(7, "2030-01-08"), (7, "2030-02-01"), (7, None), (9, "2030-03-01")],
    )
    rows = db.execute(
        f"SELECT {FACET_TALLY.replace('%s', '?')}",  # noqa: S608 - ours
        ["2030-01-14", "2030-02-07"],
    ).fetchall()
    assert sorted(rows) == [(7, 1, 2, 3), (9, 0, 0, 1)]


@pytest.mark.parametrize("horizon", [None, "week", "month"])
def test_the_sums_without_a_filter_are_the_groups_sums(horizon):
    """Without a filter, _tally_counts adds up the tally rows' numbers as they
    stand; the groups' general loop gives the same counts, down to the values
    the lists do not have."""
    rows = _tally(_candidates(seed=7, size=2000, offers=300))
    selected = {"starts_within": {horizon}} if horizon else {}
    expected = _facet_counts(_unpacked(rows), selected, UNIVERSE)
    assert _tally_counts(rows, selected, UNIVERSE) == expected
    assert expected[0] > 0
