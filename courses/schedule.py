"""Expanding a course session with its weekly repetition into dated occurrences.

All arithmetic happens in Asia/Ho_Chi_Minh wall-clock time (the time printed on the
notice board), then the result is made aware again.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from courses.fields import WEEKDAY_CODES, weekdays_split

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# A weekly class running three evenings a week for two years stays under this.
MAX_OCCURRENCES = 320
# The years a class, its repetition's end and a moved class may fall in: wide
# enough for any real course, narrow enough that the arithmetic stays within
# what a datetime holds (the admin form failed with OverflowError on a start in
# year 1, turned into UTC, and on a repetition reaching past year 9999).
FIRST_YEAR = 2000
LAST_YEAR = 2100
# A session repeats every 1 to 52 weeks (as the catalogue import accepts).
MAX_INTERVAL_WEEKS = 52


class TooManyOccurrences(ValueError):
    """Raised when a repetition would produce more than MAX_OCCURRENCES dates."""


def year_in_range(value):
    """Return whether the date or datetime ``value`` (None counts) lies in the
    years FIRST_YEAR to LAST_YEAR."""
    return value is None or FIRST_YEAR <= value.year <= LAST_YEAR


def _repeat_days(first, weekdays, interval):
    """Yield the ``weekdays`` (numbers, Monday 0, in order) of every
    ``interval``-th week from the week of the date ``first``, after ``first``."""
    week = first - dt.timedelta(days=first.weekday())
    # The days end where the calendar does (year 9999): validation keeps real
    # sessions far from it, this keeps any other caller from failing there.
    last = dt.date.max - dt.timedelta(days=6)
    while week <= last:
        for weekday in weekdays:
            day = week + dt.timedelta(days=weekday)
            if day > first:
                yield day
        if (last - week).days < 7 * interval:
            return
        week += dt.timedelta(weeks=interval)


def expand(start, end, weekdays="", until=None, count=None, interval=1):
    """Return the ``(start, end)`` pairs of one session and its weekly repetition.

    The first pair is always ``(start, end)``. With ``weekdays``, the session repeats
    on those days every ``interval`` weeks, up to and including the date ``until``
    or until ``count`` occurrences exist in total. Raises TooManyOccurrences when the
    repetition has no end or would exceed MAX_OCCURRENCES.
    """
    local_start = start.astimezone(LOCAL_TZ)
    duration = end - start
    days = weekdays_split(weekdays)
    if not days or (until is None and not count):
        return [(start, end)]
    wanted = sorted({WEEKDAY_CODES.index(code) for code in days})
    interval = max(int(interval or 1), 1)
    first = local_start.date()
    clock = local_start.timetz().replace(tzinfo=None)
    result = [(start, end)]
    limit = count or MAX_OCCURRENCES + 1
    for day in _repeat_days(first, wanted, interval):
        if len(result) >= limit or (until is not None and day > until):
            break
        if len(result) >= MAX_OCCURRENCES:
            raise TooManyOccurrences(MAX_OCCURRENCES)
        occ_start = dt.datetime.combine(day, clock, tzinfo=LOCAL_TZ)
        result.append((occ_start, occ_start + duration))
    if count and count > MAX_OCCURRENCES:
        raise TooManyOccurrences(MAX_OCCURRENCES)
    return result


def local_date(moment):
    """Return the Vietnam calendar date of the aware datetime ``moment``."""
    return moment.astimezone(LOCAL_TZ).date()


@dataclass(frozen=True)
class Occurrence:
    """One dated class meeting after cancellations and moves are applied.

    ``session`` is the position of the session it comes from. A cancelled
    occurrence keeps its original times; a moved one has its new times and the
    original start in ``original_start``. ``note`` is the reason given.
    """

    start: dt.datetime
    end: dt.datetime
    place: str = ""
    session: int = 0
    cancelled: bool = False
    original_start: dt.datetime | None = None
    note: str = ""

    @property
    def moved(self):
        return self.original_start is not None

    @property
    def original_date(self):
        return local_date(self.original_start or self.start)


def schedule_build(sessions, changes=()):
    """Return the Occurrences of ``sessions`` (objects with ``occurrences()`` and
    ``place``, in order) once ``changes`` (objects with ``date``, ``reason``,
    ``new_start`` and ``new_end``) are applied, sorted by start.

    A change without new times cancels every class of that day. A change with new
    times moves the day's class there (the first, should the day have several:
    the others are then cancelled; validation refuses such a move). Raises
    TooManyOccurrences like ``expand``.
    """
    by_date = {change.date: change for change in changes}
    result = []
    moved_dates = set()
    for position, session in enumerate(sessions):
        for start, end in session.occurrences():
            change = by_date.get(local_date(start))
            if change is None:
                result.append(Occurrence(start, end, session.place, position))
                continue
            reason = change.reason or ""
            if change.new_start and change.new_end and change.date not in moved_dates:
                moved_dates.add(change.date)
                result.append(
                    Occurrence(
                        change.new_start,
                        change.new_end,
                        session.place,
                        position,
                        original_start=start,
                        note=reason,
                    )
                )
            else:
                result.append(
                    Occurrence(
                        start, end, session.place, position, cancelled=True, note=reason
                    )
                )
    result.sort(key=lambda occurrence: (occurrence.start, occurrence.session))
    return result


def room_key(place):
    """Return ``place`` reduced to what identifies a room ("Phòng 1" = "phòng  1");
    empty when no room is named."""
    text = unicodedata.normalize("NFC", place or "")
    return " ".join(text.casefold().split())


def room_clashes(occurrences, others=()):
    """Return ``(a, b)`` pairs of overlapping classes held in the same named room.

    ``occurrences`` are checked against each other and against ``others`` (for
    example other courses' classes at the same centre); cancelled classes and
    classes without a room never clash. Each ``a`` is from ``occurrences``.
    """
    own = [(o, True) for o in occurrences if not o.cancelled and room_key(o.place)]
    theirs = [(o, False) for o in others if not o.cancelled and room_key(o.place)]
    clashes = []
    by_room = {}
    for item in own + theirs:
        by_room.setdefault(room_key(item[0].place), []).append(item)
    for items in by_room.values():
        items.sort(key=lambda item: item[0].start)
        open_items = []
        for occurrence, is_own in items:
            open_items = [x for x in open_items if x[0].end > occurrence.start]
            for other, other_own in open_items:
                if is_own:
                    clashes.append((occurrence, other))
                elif other_own:
                    clashes.append((other, occurrence))
            open_items.append((occurrence, is_own))
    return clashes
