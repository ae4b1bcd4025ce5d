"""What the SQLite and PostgreSQL engines share: the whole query over the entry
table (filters, distance, facets, sorting, pages) in portable SQL. A subclass
supplies only the full-text part, against its database's own index.

One search is one statement over one candidate set: the page of results, and the
candidates grouped by the columns the facets count, from which the total and
every facet count are added up. Facet counts for a filter are computed with
every other filter applied, so the reader sees what choosing another value would
give.

A text without a place whose words are in more entries than
settings.FINDER_RANKED_CANDIDATES takes only that many candidates, the newest
(highest page id) first, and says its count is a lower bound
(FinderPage.count_exact). Its facets count among those; with a filter chosen, a
second statement takes the page and count from the newest candidates that pass
every filter. An engine may name where the newest entries that should hold
them begin (``newest_since``), from the share of entries the words are in:
the candidates are looked for there first.

With a place, such a text takes every candidate within reach and, when the
newest online courses of the language say more than that many online courses
hold it (``online_matches``), only the newest that many online ones: the
online courses of the whole country were most of its candidates ("tin học"
near a place at tier M: 21,593 of 21,918), and ranking and counting all of
them took the search over 100 ms. The filters choose among those candidates,
so a filter never leaves out a class within reach. An engine may read the
online ones newest first from a page id on (``online_since``), and one whose
full-text index knows where each course is taught matches the text there
within the place's cells and among the online courses (``near_matches``).
"""

import datetime as dt
import math
import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection
from django.utils import timezone

from courses.fields import WEEKDAY_CODES
from courses.selectors import next_sessions
from search.engines.base import BaseEngine
from search.finder import (
    AUDIENCE_SLUGS,
    CATEGORY_SLUGS,
    HIT_FIELDS,
    MODES,
    TIMES_OF_DAY,
    FinderHit,
    FinderPage,
    language_codes,
)
from search.models import PENDING_SETTING, CourseIndexEntry, IndexState
from search.spelling import (
    ENTRIES,
    counted_term,
    terms_documents,
    titles_running_refresh,
)
from search.text import exact_token, folded_token, singulars_begun, tokens

KM_PER_DEGREE_LATITUDE = 110.574
KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.320
ENTRY_TABLE = CourseIndexEntry._meta.db_table
# Every column a search without text reads from an entry.
FINDER_COLUMNS = (
    "page_id, locale, last_end, category, audiences, weekdays, times_of_day, "
    "teaching_language, mode, fee_vnd, next_start, latitude, longitude, facets"
)


@dataclass
class TextMatch:
    """The full-text part of a search, as SQL fragments with their parameters."""

    # The FROM clause when the engine must choose the join order (it must name
    # the entry table ``e``); its parameters come before the WHERE clause's.
    source: str = ""
    join_params: list = field(default_factory=list)
    where: str = ""
    where_params: list = field(default_factory=list)
    # Columns computed per candidate; ranked by exact DESC, phrase DESC, score ASC.
    score: str = "0"
    score_params: list = field(default_factory=list)
    exact: str = "0"
    exact_params: list = field(default_factory=list)
    phrase: str = "0"
    phrase_params: list = field(default_factory=list)
    # Test the reader's language on each candidate, never through an index: for
    # a few candidates, reading a bitmap of the whole language costs more than
    # it saves (PostgreSQL, search.engines.postgresql).
    locale_per_candidate: bool = False
    # The candidate's page id as the full-text source gives it: candidates are
    # taken newest first (highest id) when the text is frequent
    # (settings.FINDER_RANKED_CANDIDATES).
    newest: str = "e.page_id"
    # The exact-spelling hit of a frequent text's candidates, computed after
    # they are taken (named ``c``, with ``exact_params``), when that is cheaper
    # than the ``exact`` of every match; None: ``exact`` as it is.
    exact_among: str | None = None
    # The exact-spelling hit tested on the candidate's own row (with
    # ``within_params``), for the few candidates within reach of a place,
    # when that is cheaper than ``exact``; None: ``exact``.
    exact_within: str | None = None
    within_params: list = field(default_factory=list)
    # At most how many entries of the reader's language hold the words, by the
    # vocabulary's counts (search.spelling.terms_documents), and the share of
    # its entries estimated to (DatabaseEngine.documents_bound); None: unknown.
    documents: int | None = None
    share: float | None = None
    # How many entries the reader's language has, by the same counts.
    entries: int = 0


# How many more entries a capped text's candidates are looked for in than its
# estimated share says they need (DatabaseEngine.candidates_since): the estimate
# is low for words that go together, but may be high for words that shun each
# other, and the newest entries may hold fewer than their share.
NEWEST_MARGIN = 1.5
# How many of the newest online courses a capped text near a place is matched
# in, to tell whether more online courses than the limit match it
# (DatabaseEngine.online_matches): "tin học" at tier M is in 314 of the newest
# 500 and 21,593 of 32,287; "cơ bản" in 2 and 121.
ONLINE_SAMPLE = 500
# The newest online courses of a language (``{columns}`` of them; parameters:
# the locale, how many), in the order the sample takes them.
ONLINE_NEWEST = (
    f"SELECT {{columns}} FROM {ENTRY_TABLE} WHERE locale = %s "
    "AND mode = 'online' ORDER BY page_id DESC LIMIT %s"
)


def query_groups(text, locale=None, prefix=False):
    """Return the words of ``text`` as groups of ``(exact, folded)`` tokens: one
    group per typed word; a Khmer word (no spaces) becomes several syllables that
    must stay adjacent. Folded as ``locale``'s entries are (search.text.
    analyse), but with ``prefix`` the last word, which is a word's beginning
    (autocomplete): "men" may begin "menu"."""
    words = [parts for parts in map(tokens, (text or "").split()) if parts]
    last = len(words) - 1 if prefix else None
    return [
        (
            [exact_token(p) for p in parts],
            [folded_token(p, None if i == last else locale) for p in parts],
        )
        for i, parts in enumerate(words)
    ]


def autocomplete_groups(prefix, locale):
    """Return ``(complete, last, also)`` for autocomplete's ``prefix`` in
    ``locale``: the groups of its complete words, the group of its last word as
    a word's beginning, and the folded words that last word may also be, as
    ``locale`` holds them (search.text.singulars_begun: English "me" may begin
    "menu" or be "men", which English text holds as "man"). None without a
    word."""
    groups = query_groups(prefix, locale, prefix=True)
    if not groups:
        return None
    *complete, last = groups
    also = []
    if len(last[0]) == 1:  # not Khmer's adjacent syllables
        # An English word's exact token is the word in lower case.
        also = [
            one
            for one in singulars_begun(last[0][0], locale)
            if not one.startswith(last[1][0])
        ]
    return complete, last, also


def groups_matched(groups, counts, entries, unweighted=None):
    """The groups of ``groups`` that a match must test in a language of
    ``entries`` entries: all but the words of one token that every entry holds,
    by the vocabulary's ``counts`` (they filter nothing there, and their lists
    are the longest in the index), and, when given, for which ``unweighted(word)``
    is true. All of them when every group would go, or none could: a group of
    several tokens (a Khmer word) must keep them adjacent, which each token's
    count does not tell."""
    matched = [
        group
        for group in groups
        if len(group[1]) > 1
        or not entries
        or counts.get(group[1][0], 0) < entries
        or (unweighted is not None and not unweighted(group[1][0]))
    ]
    return matched or groups


def _bit(value, universe):
    return 1 << universe.index(value)


# What an entry offers to every facet but "starts within": one number, stored
# with the entry (CourseIndexEntry.facets, written by search.services), so the
# candidates are grouped by one integer column. Grouped by the bit sets, the
# free flag and the category, language and mode columns (computed and text
# keys), near me's 32,600 candidates took 36-38 ms at tier M on SQLite, by the
# stored number 24-26 ms, against 17 ms for their count alone. Bit sets keep
# their masks (search.finder.mask); category, language and mode are their
# position in their list plus one (0: a value the list does not have). Each
# field has room to spare, so a value added at the end of its list leaves the
# other fields where they are; a list reordered, or grown past its field,
# needs ``python manage.py rebuild_course_index``, as the audience masks do.
FACET_KEY = (
    ("audiences", AUDIENCE_SLUGS, 16),
    ("weekdays", WEEKDAY_CODES, 7),
    ("times_of_day", TIMES_OF_DAY, 3),
    ("free", ("true",), 1),
    ("category", CATEGORY_SLUGS, 8),
    ("teaching_language", language_codes(), 8),
    ("mode", MODES, 4),
)
_CODED = {"category", "teaching_language", "mode"}


def _key_fields():
    """FACET_KEY's fields as (name, shift, mask, values: the list of a coded
    field, None for a bit set or flag), checking that each has room."""
    fields, shift = [], 0
    for name, values, width in FACET_KEY:
        # A bit set needs a bit per value; a code, room for the list's length.
        needed = len(values).bit_length() if name in _CODED else len(values)
        if needed > width:
            raise ImproperlyConfigured(
                f"FACET_KEY: {name} needs {needed} bits and has {width}"
            )
        coded = list(values) if name in _CODED else None
        fields.append((name, shift, (1 << width) - 1, coded))
        shift += width
    return fields


_KEY_FIELDS = _key_fields()
# How _unpacked reads each field back: (shift, mask), and for a coded field
# its value by code.
_KEY_PARTS = {
    name: (shift, mask, None if values is None else dict(enumerate(values, 1)))
    for name, shift, mask, values in _KEY_FIELDS
}
# The same in the order the readers of tally rows (_unpacked, _tally_counts)
# unpack them: the bit sets and the flag, then the coded fields.
_KEY_PARTS_READ = tuple(
    _KEY_PARTS[name]
    for name in (
        "audiences",
        "weekdays",
        "times_of_day",
        "free",
        "category",
        "teaching_language",
        "mode",
    )
)


def facet_key(
    *, category, audiences, weekdays, times_of_day, teaching_language, mode, fee_vnd
):
    """The number an entry with these values is grouped by (FACET_KEY)."""
    given = {
        "audiences": audiences,
        "weekdays": weekdays,
        "times_of_day": times_of_day,
        "free": 1 if fee_vnd == 0 else 0,
        "category": category,
        "teaching_language": teaching_language,
        "mode": mode,
    }
    key = 0
    for name, shift, mask, values in _KEY_FIELDS:
        value = given[name]
        if values is not None:
            value = values.index(value) + 1 if value in values else 0
        key |= (value & mask) << shift
    return key


# The tally of the candidates: grouped by their stored number, with how many
# of each group have their next class before the end of this week and of this
# month (the two parameters). A group's rows split between the two horizons in
# a way its sums do not tell, but the finder chooses one horizon at most
# (FinderQuery.starts_within), and for it each group's sum is what passes.
# FACET_GROUPS is its select list, for a FROM clause of one table or subquery.
FACET_GROUPS = (
    "facets, COUNT(*) FILTER (WHERE next_start < %s), "
    "COUNT(*) FILTER (WHERE next_start < %s), COUNT(*)"
)
FACET_TALLY = f"{FACET_GROUPS} FROM b GROUP BY facets"
FACET_NULLS = ", ".join(["NULL"] * 3)


def _unpacked(rows):
    """Tally rows (key, week, month, count) as groups: the columns of _COLUMNS,
    then the count, and how many have their next class this week and this
    month. One expression per group: a loop over the fields for each group
    cost a rare word's search (1,300 groups) about 2 ms."""
    (a, am, _), (w, wm, _), (t, tm, _), (f, _fm, _) = _KEY_PARTS_READ[:4]
    (c, cm, categories), (lg, lm, languages), (m, mm, modes) = _KEY_PARTS_READ[4:]
    return [
        (
            categories.get(k >> c & cm),
            k >> a & am,
            k >> w & wm,
            k >> t & tm,
            languages.get(k >> lg & lm),
            modes.get(k >> m & mm),
            k >> f & 1,
            int(count),
            int(week),
            int(month),
        )
        for k, week, month, count in rows
    ]


_TIMES = list(TIMES_OF_DAY)
# Each dimension's column in a group (_unpacked), the group's count and its
# counts by horizon, and for the bit-set columns the value each bit stands for.
_COLUMNS = {
    "category": 0,
    "audience": 1,
    "weekday": 2,
    "time_of_day": 3,
    "language": 4,
    "mode": 5,
    "free": 6,
}
_COUNT = 7
# Every dimension the facets count, as ``_facet_counts`` gives them.
FACET_DIMENSIONS = (*_COLUMNS, "starts_within")
_HORIZONS = {"week": 8, "month": 9}
_BITS = {"audience": AUDIENCE_SLUGS, "weekday": WEEKDAY_CODES, "time_of_day": _TIMES}


def _soonest(table):
    """The soonest-first order over ``table``'s rows: a next class first, the
    earliest first (every order of the finder ends with it)."""
    return f"CASE WHEN {table}.next_start IS NULL THEN 1 ELSE 0 END, {table}.next_start"


def _universe(dims):
    """Every value of each dimension of ``_dimensions``, as a set."""
    return {dim: {v for v, _s, _p in values} for dim, values in dims.items()}


def _passes(dim, chosen):
    """Return a test of a group for the filter ``chosen`` values of ``dim``."""
    column = _COLUMNS[dim]
    if dim in _BITS:
        mask = sum(_bit(value, _BITS[dim]) for value in chosen)
        return lambda group: group[column] & mask
    if dim == "free":
        return lambda group: group[column]
    chosen = set(chosen)
    return lambda group: group[column] in chosen


def _tally_counts(rows, selected, universe):
    """Return the total and ``{dimension: {value: count}}`` (``_facet_counts``)
    from tally rows (key, week, month, count) as FACET_GROUPS makes them.

    Without a filter, or with only "starts within" (the most common search),
    every row passes, and its count is added to each field of its key as it
    stands: a category, language or mode is named once per code, and a bit set
    split into values once per set, after the sums. Splitting each key into a
    group first (``_unpacked``) cost as much again as the sums (near me's 273
    box groups, SQLite, tier M). With a filter, the groups are tested one by
    one (``_facet_counts``)."""
    chosen = {dim: set(values) & universe[dim] for dim, values in selected.items()}
    horizon = chosen.pop("starts_within", set())
    if any(chosen.values()):
        return _facet_counts(_unpacked(rows), selected, universe)
    if len(horizon) > 1:
        raise ValueError("starts_within takes one value at most")
    # The row's column for the chosen horizon: week 1, month 2, else count 3.
    weight = {"week": 1, "month": 2}[horizon.pop()] if horizon else 3
    (a, am, _), (w, wm, _), (t, tm, _), (f, _fm, _) = _KEY_PARTS_READ[:4]
    (c, cm, categories), (lg, lm, languages), (m, mm, modes) = _KEY_PARTS_READ[4:]
    s0, s1, s2, s3, s4, s5, s6 = sums = [{} for _ in _COLUMNS]
    total = week = month = 0
    for row in rows:
        week += row[1]
        month += row[2]
        n = row[weight]
        if n:
            k = row[0]
            total += n
            # In _COLUMNS order: category, audience, weekday, time of day,
            # language, mode, free. Written out field by field: a loop over
            # the fields took twice as long (session 21, 920 groups: 0.86
            # against 0.47 ms).
            v = k >> c & cm
            s0[v] = s0.get(v, 0) + n
            v = k >> a & am
            s1[v] = s1.get(v, 0) + n
            v = k >> w & wm
            s2[v] = s2.get(v, 0) + n
            v = k >> t & tm
            s3[v] = s3.get(v, 0) + n
            v = k >> lg & lm
            s4[v] = s4.get(v, 0) + n
            v = k >> m & mm
            s5[v] = s5.get(v, 0) + n
            v = k >> f & 1
            s6[v] = s6.get(v, 0) + n
    # The coded columns by value (a code no list has is None, as _unpacked
    # gives it).
    for dim, values in (
        ("category", categories),
        ("language", languages),
        ("mode", modes),
    ):
        column, named = _COLUMNS[dim], {}
        for code, n in sums[column].items():
            value = values.get(code)
            named[value] = named.get(value, 0) + n
        sums[column] = named
    within = {"week": int(week), "month": int(month)}
    return int(total), _by_value(sums, {}, within, universe)


def _facet_counts(groups, selected, universe):
    """Return the total and ``{dimension: {value: count}}`` from ``groups`` (as
    _unpacked gives them): a group's rows count toward the total when they pass
    every selected filter, and toward a dimension's values when they pass every
    filter but that dimension's own (the SQL conditions of _dimensions, value by
    value). "Starts within" takes one value at most: the rows of a group that
    pass it are its count for that horizon.

    Groups are added up by their raw column values first, and bit sets are
    split into values once per distinct set: a frequent word's candidates make
    thousands of groups, and the rare word's few hundred cost about as much as
    its search when each group was split on its own. Without a filter the
    searches add up the tally's rows as they stand (``_tally_counts``); this
    gives the same counts, slower."""
    # A filter's values outside its universe select nothing, as in the SQL.
    chosen = {dim: set(values) & universe[dim] for dim, values in selected.items()}
    horizon = chosen.pop("starts_within", set())
    if len(horizon) > 1:
        raise ValueError("starts_within takes one value at most")
    weight = _HORIZONS[horizon.pop()] if horizon else _COUNT
    tests = [(dim, _passes(dim, values)) for dim, values in chosen.items() if values]
    sums = [{} for _ in _COLUMNS]
    failing_only = {dim: {} for dim, _test in tests}
    total = 0
    within = dict.fromkeys(_HORIZONS, 0)
    for group in groups:
        failing = None
        for dim, test in tests:
            if not test(group):
                if failing:
                    break
                failing = dim
        else:
            n = group[weight]
            if failing:
                if n:
                    into = failing_only[failing]
                    value = group[_COLUMNS[failing]]
                    into[value] = into.get(value, 0) + n
                continue
            for name, column in _HORIZONS.items():
                within[name] += group[column]
            if not n:
                continue
            total += n
            for column, into in enumerate(sums):
                value = group[column]
                into[value] = into.get(value, 0) + n
    return total, _by_value(sums, failing_only, within, universe)


def _by_value(sums, failing_only, within, universe):
    """The facets from each column's counts by its value in a group (``sums``,
    in _COLUMNS order), a failing filter's own counts by value
    (``failing_only``) and the counts by horizon (``within``): a bit set's count
    goes to each value it holds, and only values of the universe are counted."""
    counts = {dim: {} for dim in universe}
    for dim, column in _COLUMNS.items():
        into = counts[dim]
        for part in (sums[column], failing_only.get(dim, {})):
            for value, n in part.items():
                if dim in _BITS:
                    offered = _offered(dim, value)
                elif dim == "free":
                    offered = ["true"] if value else []
                else:
                    offered = [value]
                for v in offered:
                    if v in universe[dim]:
                        into[v] = into.get(v, 0) + n
    counts["starts_within"] = {
        name: n for name, n in within.items() if n and name in universe["starts_within"]
    }
    return counts


# A bit set's values, by dimension and set (at most 2^16 audience sets).
_OFFERED = {dim: {} for dim in _BITS}


def _offered(dim, bits):
    """The values of ``dim`` that the bit set ``bits`` holds."""
    memo = _OFFERED[dim]
    values = memo.get(bits)
    if values is None:
        values = memo[bits] = [v for i, v in enumerate(_BITS[dim]) if bits >> i & 1]
    return values


# The columns the filters test (``DatabaseEngine._dimensions``), which a
# candidate carries only when a filter is chosen: without one, PostgreSQL
# kept "cồng chiêng"'s 2,720 candidates in 1 ms less (tier M).
_FILTER_COLUMNS = (
    "category",
    "audiences",
    "weekdays",
    "times_of_day",
    "teaching_language",
    "mode",
    "fee_vnd",
)


class DatabaseEngine(BaseEngine):
    name = "database"
    # The FROM clause of "near me" (named ``e``; ``{columns}`` stands for the
    # columns it selects; parameters: the locale twice, then the bounding box's
    # latitudes and longitudes), when the engine reads the online courses and
    # the ones in the box in two index ranges. None: the candidates are looked
    # up by key, and the text's own source (SQLite's full-text join) is kept.
    near_source = None
    # The same as two SELECTs (``{columns}``; parameters: the locale, then the
    # locale and the box): the online courses, and the others in the box.
    near_arms = None

    def text_match(self, query):
        """Return the TextMatch for ``query``'s text (None when there is none)."""
        raise NotImplementedError

    @staticmethod
    def documents_bound(query, groups, match):
        """Set ``match.documents`` to at most how many entries of the reader's
        language hold the words of ``groups``, by the vocabulary's counts (the
        rarest word's count when every word must match, their sum when any
        may), ``match.share`` to the share of the language's entries estimated
        to hold them, as if the words were independent (None when the language
        has no entries), and ``match.entries`` to how many entries it has.
        Return the counts, by word (and ENTRIES).

        Words that go together ("tin học") are more often found together than
        that: the estimate is low, never high, for them."""
        words = {token for group in groups for token in group[1]}
        counts = terms_documents(query.locale, words | {ENTRIES})
        entries = counts.get(ENTRIES)
        # A word too long for the vocabulary may still be in entries: as many
        # as the language has, for all the vocabulary tells.
        found = [
            counts.get(word, 0) if counted_term(word) else entries or 0
            for word in words
        ]
        share = None
        if entries:
            missing = 1.0
            for n in found:
                missing *= 1 - min(n, entries) / entries
            share = (
                1 - missing
                if query.any_word
                else math.prod(min(n, entries) / entries for n in found)
            )
        match.documents = sum(found) if query.any_word else min(found)
        match.share, match.entries = share, entries or 0
        return counts

    def newest_since(self, locale, entries, share):
        """Return the page id from which the newest ``entries`` entries of
        ``locale`` on are, for a text in ``share`` of them; None: look among
        every entry, as when the engine's full-text source stops at its newest
        candidates by itself (SQLite), or there are no more entries."""
        return None

    def online_matches(self, query, text):
        """Return ``(matched, entries)``: how many of the newest ONLINE_SAMPLE
        online courses of the reader's language match ``text``, and how many
        online courses the language has."""
        raise NotImplementedError

    def online_since(self, query, text, share, entries):
        """The page id from which the newest online courses matching a capped
        ``text`` near a place are first looked for, read in key order from
        the online courses' index and each matched on its own row, when
        ``share`` of the language's ``entries`` online courses match it (as
        ``online_matches`` tells); None: through the full-text index, as the
        database plans it (and again so when fewer than the limit are found
        from that id on)."""
        return None

    def autocomplete_match(self, complete, last, also=()):
        """Return ``(source, condition, parameter)``: the FROM clause (naming the
        title table ``t``), the full-text condition and its one parameter that
        match titles holding the ``complete`` word groups and a word starting
        with the ``last`` group or one of the words ``also`` (as
        ``autocomplete_groups`` returns them)."""
        raise NotImplementedError

    def autocomplete(self, prefix, locale, limit, now=None):
        groups = autocomplete_groups(prefix, locale)
        if not groups:
            return []
        source, condition, parameter = self.autocomplete_match(*groups)
        now = now or timezone.now()
        _titles_running_refresh(now)
        # Over the distinct titles (search.models.SearchTitle), while one of
        # their courses has a class to come (the finder hides a course once its
        # last class has ended): a column of the title's row. Most taught
        # first: by how many of their courses run (counted again as courses
        # end, at most a minute late).
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT t.title FROM {source} WHERE {condition} AND t.locale = %s "
                "AND t.last_end >= %s ORDER BY t.running DESC, t.title LIMIT %s",
                [
                    parameter,
                    locale,
                    connection.ops.adapt_datetimefield_value(now),
                    limit,
                ],
            )
            return [row[0] for row in cursor.fetchall()]

    # -- conditions ---------------------------------------------------------------

    def _dimensions(self, query, horizons):
        """Return ``{dimension: [(value, sql, params), ...]}`` over the base columns,
        the active filter (OR of the selected values) per dimension, and the
        selected values per dimension."""
        dims = {
            "category": [(v, "b.category = %s", [v]) for v in CATEGORY_SLUGS],
            "audience": [
                (v, f"(b.audiences & {_bit(v, AUDIENCE_SLUGS)}) != 0", [])
                for v in AUDIENCE_SLUGS
            ],
            "weekday": [
                (v, f"(b.weekdays & {_bit(v, WEEKDAY_CODES)}) != 0", [])
                for v in WEEKDAY_CODES
            ],
            "time_of_day": [
                (v, f"(b.times_of_day & {_bit(v, list(TIMES_OF_DAY))}) != 0", [])
                for v in TIMES_OF_DAY
            ],
            "language": [
                (v, "b.teaching_language = %s", [v]) for v in language_codes()
            ],
            "mode": [(v, "b.mode = %s", [v]) for v in MODES],
            "free": [("true", "b.fee_vnd = 0", [])],
            "starts_within": [
                (name, "b.next_start < %s", [horizon])
                for name, horizon in horizons.items()
            ],
        }
        selected = {
            "category": query.categories,
            "audience": query.audiences,
            "weekday": query.weekdays,
            "time_of_day": query.times_of_day,
            "language": query.languages,
            "mode": query.modes,
            "free": ("true",) if query.free else (),
            "starts_within": (
                (query.starts_within,) if query.starts_within != "any" else ()
            ),
        }
        active = {}
        for dim, values in selected.items():
            chosen = [(sql, params) for v, sql, params in dims[dim] if v in values]
            if chosen:
                active[dim] = (
                    "(" + " OR ".join(sql for sql, _p in chosen) + ")",
                    [p for _s, params in chosen for p in params],
                )
        return dims, active, selected

    @staticmethod
    def _and(conditions):
        if not conditions:
            return "1 = 1", []
        return (
            " AND ".join(sql for sql, _p in conditions),
            [p for _s, params in conditions for p in params],
        )

    # -- the search ---------------------------------------------------------------

    def search(self, query, now, facets=True):
        _next_sessions_refresh(now)
        result = FinderPage(query=query)
        text = self.text_match(query) if query.text.strip() else None
        if query.text.strip() and text is None:
            return result  # nothing searchable in the text (only punctuation)
        if text and text.documents == 0:
            # A word of the text is in no entry of the reader's language (the
            # vocabulary follows every write to the index, in its transaction):
            # nothing matches, as the statement would find (at tier M the
            # search took 0.7 ms on SQLite and 3.8 ms on PostgreSQL with it,
            # 0.3 and 0.9 ms without). Answered before any SQL is put
            # together: that took half of SQLite's 0.08 ms.
            if facets:
                result.count = 0
                result.facets = {dim: {} for dim in FACET_DIMENSIONS}
            return result
        # Raw SQL needs the backend's own form of a datetime (UTC text on SQLite).
        adapt = connection.ops.adapt_datetimefield_value
        source = f"{ENTRY_TABLE} e"
        source_params = []
        if text and text.source:
            source, source_params = text.source, text.join_params
        where = [
            # IS TRUE hides the comparison from the planner's index choice.
            "(e.locale = %s) IS TRUE"
            if text and text.locale_per_candidate
            else "e.locale = %s",
            "e.last_end >= %s",
        ]
        params = [query.locale, adapt(now)]
        dist2 = "NULL"
        dist_params = []
        limit = settings.FINDER_RANKED_CANDIDATES
        # A text in more entries than ``limit`` takes only the newest ``limit``
        # that match it; with a place, only the newest ``limit`` online ones,
        # and every one within reach.
        capped = bool(text and text.documents is not None and text.documents > limit)
        parts = None
        if query.near:
            lat0, lon0 = query.near.latitude, query.near.longitude
            ky = KM_PER_DEGREE_LATITUDE
            kx = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(lat0))
            dist2 = (
                "((e.latitude - %s) * %s) * ((e.latitude - %s) * %s) + "
                "((e.longitude - %s) * %s) * ((e.longitude - %s) * %s)"
            )
            dist_params = [lat0, ky, lat0, ky, lon0, kx, lon0, kx]
            r = float(query.radius_km)
            box = [lat0 - r / ky, lat0 + r / ky, lon0 - r / kx, lon0 + r / kx]
            # The bounding box lets the (locale, latitude, longitude) index work;
            # online courses are kept whatever the distance.
            # Two index range scans (the bounding box, and online courses) instead
            # of one OR that would make the database scan every entry.
            if capped:
                # More online courses than ``limit`` should match (from the
                # newest ones): every match within reach, and the newest
                # ``limit`` online ones (``candidates``). Else every match.
                matched, online_entries = self.online_matches(query, text)
                sampled = max(min(ONLINE_SAMPLE, online_entries), 1)
                online_share = matched / sampled
                capped = online_share * online_entries > limit
            if capped:
                parts = self._near_parts(
                    text, query.locale, box, (dist2, [*dist_params, r * r])
                )
            elif self.near_source and not (text and text.source):
                # Without text, only the finder's columns (index-only); with
                # text, the whole rows, which the text is matched in.
                columns = "*" if text else FINDER_COLUMNS
                source = self.near_source.format(columns=columns)
                source_params = [query.locale, query.locale, *box]
            else:
                # With a full-text source, on the match's own rowid, so only
                # the matches near (or online) are looked up as entries: "tin
                # học" near 25 km took 240 instead of 344 ms at tier M on
                # SQLite (143,489 matches, 10,923 near). The unary plus keeps
                # SQLite from handing FTS5 the list as rowids to look up one by
                # one.
                key = f"+{text.newest}" if text and text.source else "e.page_id"
                where.append(
                    f"{key} IN (SELECT page_id FROM {ENTRY_TABLE} WHERE "
                    "locale = %s AND latitude BETWEEN %s AND %s AND longitude "
                    f"BETWEEN %s AND %s UNION ALL SELECT page_id FROM {ENTRY_TABLE} "
                    "WHERE locale = %s AND mode = 'online')"
                )
                params += [query.locale, *box, query.locale]
            if not parts:
                where.append(f"(e.mode = 'online' OR {dist2} <= %s)")
                params += [*dist_params, r * r]
        if text and text.where and not parts:
            where.append(text.where)
            params += text.where_params
        horizons = {
            name: adapt(type(query)(starts_within=name).horizon(now))
            for name in ("week", "month")
        }
        dims, active, selected = self._dimensions(query, horizons)
        all_sql, all_params = self._and(list(active.values()))
        if (
            query.near
            and not text
            and self.near_arms
            and query.effective_sort == "distance"
        ):
            return self._near_by_distance(
                query,
                result,
                (now, box, (dist2, dist_params, r * r)),
                (dims, selected, all_sql.replace("b.", "e."), all_params),
                horizons,
                facets,
            )
        # Only the relevance order reads the rank, the exact spelling and the
        # title phrase; other orders leave them out (FTS5 then computes no
        # bm25 at all).
        ranked = bool(text) and query.effective_sort == "relevance"
        late_exact = ranked and capped and text.exact_among is not None

        def kept(table):
            """The filters' columns of ``table``, when a filter is chosen."""
            return "".join(f"{table}.{c}, " for c in _FILTER_COLUMNS) if active else ""

        def select(part, newest, filtered, since):
            """One SELECT of candidates and its parameters: those meeting
            ``part`` too (a condition and its parameters) when given, the
            newest ``limit`` when ``newest`` (their exact spelling then left to
            ``text.exact_among`` when the engine has one), every filter applied
            when ``filtered``, only from the page id ``since`` on when given."""
            conditions, part_params = where, []
            if part:
                # A part's condition, its parameters, and the full-text
                # source's own parameters for it (None: the text's).
                conditions, part_params = [*where, part[0]], part[1]
            if part and newest and text.where:
                # The online courses near a place. From ``since`` on, read in
                # key order (``online_since``): IS TRUE keeps the match from
                # the planner, which would read every match through the
                # full-text index first.
                match = text.where if since is None else f"({text.where}) IS TRUE"
                conditions = [*conditions, match]
                part_params = [*part_params, *text.where_params]
            late = newest and late_exact
            exact, exact_params = "0", []
            if ranked and not late:
                exact, exact_params = text.exact, text.exact_params
                if part and not newest and text.exact_within:
                    exact, exact_params = text.exact_within, text.within_params
            sql = (
                f"SELECT e.page_id, {kept('e')}e.facets, "
                # Online courses have no distance: reachable from anywhere.
                f"CASE WHEN e.mode = 'online' THEN NULL ELSE {dist2} END AS dist2, "
                "e.next_start AS next_start, "
                f"{text.score if ranked else '0'} AS score, "
                f"{exact} AS exact_hit, "
                f"{text.phrase if ranked else '0'} AS phrase_hit "
                f"FROM {source} "
                f"WHERE {' AND '.join(conditions)}"
            )
            sql_params = [
                *dist_params,
                *(text.score_params if ranked else []),
                *exact_params,
                *(text.phrase_params if ranked else []),
                *(part[2] if part and part[2] else source_params),
                *params,
                *part_params,
            ]
            if since is not None:
                sql += f" AND {text.newest} >= %s"
                sql_params.append(since)
            if filtered:
                sql += f" AND {all_sql.replace('b.', 'e.')}"
                sql_params += all_params
            if newest:
                sql += f" ORDER BY {text.newest} DESC LIMIT {limit:d}"
            return sql, sql_params

        def candidates(filtered, since=None):
            """The CTEs that name the candidates ``b`` (every filter applied
            when ``filtered``; else the facets' candidates; only from the page
            id ``since`` on when given) and their parameters. With ``parts``,
            the newest online ones are named ``c`` too."""
            sql, sql_params = select(parts and parts[1], capped, filtered, since)
            if late_exact:
                newest = (
                    f"SELECT c.page_id, {kept('c')}c.facets, c.dist2, "
                    f"c.next_start, c.score, {text.exact_among} AS "
                    "exact_hit, c.phrase_hit FROM c"
                )
                newest_params = text.exact_params
            else:
                newest, newest_params = "SELECT * FROM c", []
            if parts:
                within, within_params = select(parts[0], False, filtered, None)
                return (
                    f"c AS ({sql}), b AS ({within} UNION ALL {newest})",
                    [*sql_params, *within_params, *newest_params],
                )
            if not late_exact:
                return f"b AS ({sql})", sql_params
            return (
                f"c AS ({sql}), b AS ({newest})",
                [*sql_params, *newest_params],
            )

        def run(filtered, share, horizons=None):
            """Run the statement over the candidates (``candidates(filtered)``)
            and return its page, its tallies and how many online candidates
            it took (None without ``parts``). A capped text's candidates are
            first taken among the newest entries of the language that should
            hold its ``limit`` newest ones, by the share of them expected to
            (the engine's ``newest_since``), and again among all of them when
            those held fewer: so the candidates are the same either way."""
            part = "c" if parts else None
            if parts:
                since = self.online_since(query, text, online_share, online_entries)
            else:
                since = capped and share and self.candidates_since(query, text, share)
            if since:
                ran = self._run(
                    query,
                    *candidates(filtered, since),
                    all_sql,
                    all_params,
                    horizons,
                    part,
                )
                if (ran[2] if parts else _tallied(ran[1])) >= limit:
                    return ran
            return self._run(
                query, *candidates(filtered), all_sql, all_params, horizons, part
            )

        def filtered_page(share):
            """The page and count from the newest candidates that pass every
            filter, so none that pass them are left out for being older."""
            page, tallies, _online = run(True, share)
            result.count = _tallied(tallies)
            result.count_exact = result.count < limit
            return page

        universe = _universe(dims)
        if parts:
            # Every candidate within reach is among them: the filters choose
            # among the candidates, and among the newest online ones.
            page, tallies, online_taken = run(False, None, horizons if facets else None)
            if facets:
                result.count, result.facets = _tally_counts(tallies, selected, universe)
            else:
                result.count = _tallied(tallies)
            if online_taken >= limit:
                # More online courses may match: the count is a lower bound
                # unless the filters leave online courses out.
                result.facets_exact = False
                result.count_exact = bool(query.modes) and "online" not in query.modes
        elif capped and not facets:
            page = filtered_page(text.share)
        elif facets:
            page, tallies, _online = run(False, text and text.share, horizons)
            result.count, result.facets = _tally_counts(tallies, selected, universe)
            if capped and _tallied(tallies) >= limit:
                # The facets count among the newest candidates only.
                result.count_exact = result.facets_exact = False
                if active:
                    # The filters pass ``count`` of the text's ``limit``
                    # candidates: that part of its share.
                    share = text.share and text.share * result.count / limit
                    page = filtered_page(share)
        else:
            page, tallies, _online = run(False, None)
            result.count = _tallied(tallies)
        result.hits = self._hits([row[1:4] for row in page], now)
        return result

    def _near_by_distance(self, query, result, place, filters, horizons, facets):
        """Near me without text, nearest first: each part read on its own.

        The page is the classes within reach nearest first, then the online
        courses (no distance) soonest first: the first from the box's index
        range, sorted and cut at the page's end; the second only when the page
        reaches past them. The count, and the facets when ``facets``, add up
        the two parts' tallies: the classes within reach grouped by stored
        facet number straight from the box's index range, and the online
        courses' tally, which is the same from every place and is kept
        between searches (``_online_counts``). Read as one candidate set,
        which the page sorted and the tally grouped, near me took four times
        as long (SQLite, tier M: 41 ms without facets, 32,600 online
        courses). ``place``: the moment searched at, the bounding box and the
        distance (its SQL, parameters and the radius squared); ``filters``:
        the dimensions, the selected values, the filters' SQL over ``e`` and
        their parameters; ``horizons``: the ends of this week and this month.
        """
        now, box, (dist2, dist_params, reach) = place
        end = connection.ops.adapt_datetimefield_value(now)
        dims, selected, where, where_params = filters
        universe = _universe(dims)
        online_arm, box_arm = (
            arm.format(columns=FINDER_COLUMNS) for arm in self.near_arms
        )
        # Each part as a FROM clause with its WHERE clause, and its parameters.
        online = (
            f"({online_arm}) e WHERE e.last_end >= %s",
            [query.locale, end],
        )
        within = (
            f"({box_arm}) e WHERE e.last_end >= %s AND {dist2} <= %s",
            [query.locale, *box, end, *dist_params, reach],
        )
        soonest = _soonest("e")
        offset = (query.page - 1) * query.page_size
        end_of_page = offset + query.page_size
        with connection.cursor() as cursor:
            count, counts = _online_counts(
                cursor, online, (query.locale, end, horizons), selected, universe
            )
            if facets:  # the part's groups, as FACET_TALLY makes them
                cursor.execute(
                    f"SELECT {FACET_GROUPS} FROM {within[0]} GROUP BY facets",
                    [horizons["week"], horizons["month"], *within[1]],
                )
                near, near_counts = _tally_counts(cursor.fetchall(), selected, universe)
                count += near
                counts = _counts_added(counts, near_counts)
            else:
                cursor.execute(
                    f"SELECT COUNT(*) FROM {within[0]} AND {where}",
                    [*within[1], *where_params],
                )
                count += int(cursor.fetchone()[0])
            # The classes within reach up to the page's end, nearest first.
            cursor.execute(
                f"SELECT e.page_id, {dist2}, e.next_start FROM {within[0]} AND "
                f"{where} ORDER BY {dist2}, {soonest}, e.page_id LIMIT %s",
                [*dist_params, *within[1], *where_params, *dist_params, end_of_page],
            )
            reached = cursor.fetchall()
            page = reached[offset:end_of_page]
            if len(reached) < end_of_page:
                # Fewer classes within reach than the page's end: they are all
                # here, and the online courses follow them.
                cursor.execute(
                    f"SELECT e.page_id, NULL, e.next_start FROM {online[0]} AND "
                    f"{where} ORDER BY {soonest}, e.page_id LIMIT %s OFFSET %s",
                    [
                        *online[1],
                        *where_params,
                        query.page_size - len(page),
                        max(0, offset - len(reached)),
                    ],
                )
                page += cursor.fetchall()
        result.count = count
        if facets:
            result.facets = counts
        result.hits = self._hits(page, now)
        return result

    def candidates_since(self, query, text, share):
        """The page id from which a capped ``text``'s candidates are looked
        for, when they are ``share`` of the language's entries; None: every
        entry."""
        entries = settings.FINDER_RANKED_CANDIDATES / share * NEWEST_MARGIN
        if entries >= text.entries:
            return None
        return self.newest_since(query.locale, math.ceil(entries), share)

    def near_matches(self, text, box):
        """Return the full-text source's parameters that match a capped
        ``text`` only within the cells of the engine's grid covering ``box``
        (the place's bounding box: its latitudes, then longitudes), and only
        among the online courses; None: the engine's full-text index holds no
        place, and the text's matches are looked up in the box's and the
        online courses' index ranges."""
        return None

    def _near_parts(self, text, locale, box, reach):
        """Return the condition, with its parameters, that a capped ``text``'s
        candidates within reach meet (the text's match included), and the one
        its online candidates meet (without it), each with the full-text
        source's parameters when the part has its own (``near_matches``):
        ``box`` is the place's bounding box (its latitudes, then longitudes),
        ``reach`` the distance's condition (the squared distance within the
        radius squared) and its parameters. Through the box's and the online
        courses' index ranges when the text has its own source (as in
        ``search``), else on the entry's own columns."""
        matches = self.near_matches(text, box) if text.source else None
        if matches:
            # The full-text index keeps the text to the box's cells and to the
            # online courses: the box and the mode are tested on each match.
            within = "e.latitude BETWEEN %s AND %s AND e.longitude BETWEEN %s AND %s"
            online = ("e.mode = 'online'", [], [matches[1]])
            box_params = list(box)
        elif text.source:
            key = f"+{text.newest}"
            within = (
                f"{key} IN (SELECT page_id FROM {ENTRY_TABLE} WHERE locale = %s "
                "AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s)"
            )
            online = (
                f"{key} IN (SELECT page_id FROM {ENTRY_TABLE} WHERE locale = %s "
                "AND mode = 'online')",
                [locale],
                None,
            )
            box_params = [locale, *box]
        else:
            within = "e.latitude BETWEEN %s AND %s AND e.longitude BETWEEN %s AND %s"
            # The language plainly too, even when ``search`` tests it on each
            # candidate: the online courses' index begins with it.
            online = ("e.locale = %s AND e.mode = 'online'", [locale], None)
            box_params = list(box)
        within = f"{within} AND e.mode <> 'online' AND {reach[0]} <= %s"
        within_params = [*box_params, *reach[1]]
        if text.where:
            # The online courses match the text in ``search``'s ``select``,
            # which may keep it from the planner.
            within += f" AND {text.where}"
            within_params += text.where_params
        return (within, within_params, matches and [matches[0]]), online

    def _run(
        self, query, ctes, ctes_params, all_sql, all_params, horizons=None, part=None
    ):
        """Run one search statement over the candidates ``b`` that ``ctes``
        name: return the page of rows passing ``all_sql`` (the filters), in
        order, the tally rows (the candidates grouped by every facet column
        when ``horizons``, the ends of "this week" and "this month", are given,
        else the count of those passing the filters), and how many rows the CTE
        named ``part`` holds (None without it)."""
        offset = (query.page - 1) * query.page_size
        if horizons:
            # Candidates grouped by their stored facet number (FACET_TALLY,
            # columns 6 to 9 of the statement below): a few thousand groups for
            # 50,000 candidates, from which Python adds up the total and each
            # facet's counts. One window sum per facet value (about forty) cost
            # more than the search.
            tally = (FACET_TALLY, [horizons["week"], horizons["month"]])
        else:
            tally = (
                f"{FACET_NULLS}, COUNT(*) FROM b WHERE {all_sql}",
                all_params,
            )
        # One statement over one candidate set (the CTE is evaluated once,
        # because it is used twice): the page of rows matching every filter,
        # numbered in order, then the counts.
        order = self._order(query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH {ctes} "
                "SELECT 0, p.page_id, p.dist2, p.next_start, "
                f"ROW_NUMBER() OVER (ORDER BY {order.replace('b.', 'p.')}), "
                f"{FACET_NULLS}, NULL FROM (SELECT * FROM b WHERE {all_sql} "
                f"ORDER BY {order} LIMIT %s OFFSET %s) p "
                f"UNION ALL SELECT 1, NULL, NULL, NULL, NULL, {tally[0]}"
                + (
                    f" UNION ALL SELECT 2, NULL, NULL, NULL, NULL, {FACET_NULLS}, "
                    f"COUNT(*) FROM {part}"
                    if part
                    else ""
                ),
                [
                    *ctes_params,
                    *all_params,
                    query.page_size,
                    offset,
                    *tally[1],
                ],
            )
            rows = cursor.fetchall()
        page = sorted((row for row in rows if row[0] == 0), key=lambda r: r[4])
        sizes = [int(row[-1]) for row in rows if row[0] == 2]
        return (
            page,
            [row[5:] for row in rows if row[0] == 1],
            sizes[0] if sizes else None,
        )

    def _order(self, query):
        sort = query.effective_sort
        soonest = _soonest("b")
        # Online courses have no distance (dist2 NULL): after the classes within
        # reach, by distance and in the same tier of relevance.
        online_last = "CASE WHEN b.dist2 IS NULL THEN 1 ELSE 0 END"
        if sort == "distance" and query.near:
            return f"{online_last}, b.dist2, {soonest}, b.page_id"
        if sort == "relevance" and query.text.strip():
            # With a place, a class within reach comes before an online course
            # that matches the text in the same tier (exact spelling, title
            # phrase): the reader asked for classes near them, and the online
            # courses of the whole country are kept after them.
            reach = f"{online_last}, " if query.near else ""
            return f"b.exact_hit DESC, b.phrase_hit DESC, {reach}b.score, b.page_id"
        return f"{soonest}, b.page_id"

    def _hits(self, rows, now):
        """The result lines of ``rows`` (page id, squared distance, next class).
        A next class that ended before ``now`` (its entry not yet moved
        forward: the finder moves FINDER_REFRESH_LIMIT entries a minute) is
        replaced by the course's next one from the occurrence table."""
        # Only what a result shows: an entry's analysed text and tsvectors are
        # most of its 4 kB. Read as plain rows: through the ORM (its query
        # compiled, twenty model instances) twenty lines took 0.70 ms on
        # SQLite and 0.97 ms on PostgreSQL at tier M, against 0.16 and 0.42.
        ids = [r[0] for r in rows]
        entries = {}
        if ids:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {', '.join(_HIT_COLUMNS)} FROM {ENTRY_TABLE} "  # noqa: S608 - our columns
                    f"WHERE page_id IN ({', '.join(['%s'] * len(ids))})",
                    ids,
                )
                for values in cursor.fetchall():
                    entry = SimpleNamespace(
                        **dict(zip(_HIT_COLUMNS, values, strict=True))
                    )
                    entries[entry.page_id] = entry
        now = _aware(now)
        ended = {
            page_id: uuid.UUID(str(entry.translation_key))
            for page_id, entry in entries.items()
            if entry.next_end is not None and _moment(entry.next_end) < now
        }
        upcoming = next_sessions(set(ended.values()), now) if ended else {}
        hits = []
        for page_id, dist2, next_start in rows:
            entry = entries[page_id]
            if page_id in ended:
                next_start = upcoming.get(ended[page_id], (None, None))[0]
            hits.append(
                FinderHit(
                    code=entry.code,
                    title=entry.title,
                    url=entry.url,
                    locale=entry.locale,
                    centre_code=entry.centre_code,
                    centre_name=entry.centre_name,
                    centre_url=entry.centre_url,
                    distance_km=math.sqrt(dist2) if dist2 is not None else None,
                    next_session=_moment(next_start),
                    fee_vnd=entry.fee_vnd,
                    category=entry.category,
                    teaching_language=entry.teaching_language,
                    mode=entry.mode,
                    commune=entry.commune,
                    province=entry.province,
                )
            )
        return hits


# What ``DatabaseEngine._hits`` reads of an entry.
_HIT_COLUMNS = ("page_id", *HIT_FIELDS, "next_end", "translation_key")
_DATETIME = CourseIndexEntry._meta.get_field("next_end")


# Near me's online courses, tallied per process: {(database, language): (the
# ends of this week and month; the index's state token, read before the tally;
# the moment tallied at and the last moment the tally holds for, in the
# database's own form; the tally rows; {filters chosen: (count, facets)})}. One
# tally per language: a new week's replaces the last one's.
_ONLINE_TALLIES = {}
# Filter choices kept per tally (the first ones asked, most often none).
_ONLINE_CHOICES = 64


def _index_token(cursor):
    """The index's state token (search.models.IndexState) and, on
    PostgreSQL, this transaction's pending one; None when the row is missing
    (a test's flush; the next write puts it back)."""
    table = IndexState._meta.db_table
    if connection.vendor == "postgresql":
        cursor.execute(
            f"SELECT token || ':' || COALESCE(current_setting(%s, true), '') "  # noqa: S608 - our table's name
            f"FROM {table} WHERE id = 1",
            [PENDING_SETTING],
        )
    else:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 - our table's name
    row = cursor.fetchone()
    return row[0] if row else None


def _online_counts(cursor, online, state, selected, universe):
    """The count and facets (``_tally_counts``) of near me's online courses:
    ``online`` is their FROM clause with its WHERE clause and its parameters,
    ``state`` the language, the moment searched at (in the database's form)
    and the ends of this week and this month.

    The online courses are kept whatever the place, so their tally is the
    same from every place: at tier M, grouping the 32,000 online courses took
    most of a near-me search (about 8 of 10 ms on SQLite). It is kept while
    the index's state token is unchanged (every write to the entries replaces
    it: search.services.entries_changed_mark; it is read before the tally, so
    a write that commits in between only makes the tally newer than its
    token), and while no course it counts has had its last class: from the
    moment it was taken to the soonest last class among them. The horizons
    are part of its key; its next classes move only by writes."""
    locale, end, horizons = state
    token = _index_token(cursor)
    key = (connection.vendor, connection.settings_dict["NAME"], locale)
    ends = (horizons["week"], horizons["month"])
    kept = _ONLINE_TALLIES.get(key)
    if not (
        kept
        and token is not None
        and kept[:2] == (ends, token)
        and kept[2] <= end
        and (kept[3] is None or end <= kept[3])
    ):
        cursor.execute(
            f"SELECT {FACET_GROUPS}, MIN(e.last_end) FROM {online[0]} GROUP BY facets",
            [horizons["week"], horizons["month"], *online[1]],
        )
        rows = cursor.fetchall()
        # None: no online course runs, and none will until a write.
        until = min((row[4] for row in rows), default=None)
        kept = (ends, token, end, until, [row[:4] for row in rows], {})
        if token is not None:
            _ONLINE_TALLIES[key] = kept
    choices = kept[5]
    chosen = tuple(sorted((dim, tuple(sorted(v))) for dim, v in selected.items()))
    counted = choices.get(chosen)
    if counted is None:
        counted = _tally_counts(kept[4], selected, universe)
        if len(choices) < _ONLINE_CHOICES:
            choices[chosen] = counted
    return counted


def _counts_added(a, b):
    """Two parts' facets added up, value by value (each part's counts are sums
    over its own rows)."""
    added = {dim: dict(values) for dim, values in a.items()}
    for dim, values in b.items():
        into = added.setdefault(dim, {})
        for value, n in values.items():
            into[value] = into.get(value, 0) + n
    return added


def _tallied(tallies):
    """The candidates a statement's tally rows count (their last column)."""
    return sum(int(row[-1] or 0) for row in tallies)


# When each upkeep of the searches last ran in this process.
_last_refresh = {"at": None}
_last_titles_refresh = {"at": None}
REFRESH_EVERY = dt.timedelta(minutes=1)


def _next_sessions_refresh(now):
    """Move ended "next classes" forward (``_upkeep``)."""
    from search.services import course_index_next_sessions_refresh

    _upkeep(_last_refresh, course_index_next_sessions_refresh, now)


def _titles_running_refresh(now):
    """Count again the running courses of the titles one of whose courses has
    had its last class (``_upkeep``)."""
    _upkeep(_last_titles_refresh, titles_running_refresh, now)


def _upkeep(last_run, function, now):
    """Run ``function(now, limit=FINDER_REFRESH_LIMIT)``, a search's own upkeep
    write, at most once a minute per process (``last_run`` holds when it last
    ran; and whenever a search asks about an earlier time than that), without
    waiting for another writer (``_without_waiting``). ``refresh_next_sessions``,
    from cron, does the rest."""
    last = last_run["at"]
    if last is None or now < last or now - last >= REFRESH_EVERY:
        _without_waiting(function, now, limit=settings.FINDER_REFRESH_LIMIT)
        last_run["at"] = now


def _without_waiting(function, *args, **kwargs):
    """Run ``function`` without waiting for another writer.

    SQLite lets one writer hold the whole database until it commits: a
    catalogue import for its whole length, a publish, cron's merges. Waiting
    for it, a search or an autocomplete request waited the busy timeout (5 s)
    and then failed with "database is locked" (tier M, measured with a
    transaction held in another process). So on SQLite the upkeep does not
    wait: when the database is held it is left for the next minute and for
    ``refresh_next_sessions``, and the search answers as it does between two
    refreshes (a result's ended next class is read from the occurrences;
    ``_hits``). PostgreSQL locks rows, and its refreshes skip or wait for
    those of a writer only."""
    if connection.vendor != "sqlite":
        return function(*args, **kwargs)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (waited,) = cursor.fetchone()
        cursor.execute("PRAGMA busy_timeout = 0")
        try:
            return function(*args, **kwargs)
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            return None
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(waited)}")


def _moment(value):
    """An aware datetime from a column read with raw SQL (SQLite gives the
    text Django wrote, in UTC)."""
    if isinstance(value, str):
        value = _DATETIME.to_python(value)
    return _aware(value)


def _aware(moment):
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, dt.UTC)
    return moment
