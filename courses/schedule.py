"""Expanding a course session with its weekly repetition into dated occurrences.

All arithmetic happens in Asia/Ho_Chi_Minh wall-clock time (the time printed on the
notice board), then the result is made aware again.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from courses.fields import WEEKDAY_CODES, weekdays_split

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# A weekly class running three evenings a week for two years stays under this.
MAX_OCCURRENCES = 320


class TooManyOccurrences(ValueError):
    """Raised when a repetition would produce more than MAX_OCCURRENCES dates."""


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
    wanted = {WEEKDAY_CODES.index(code) for code in days}
    interval = max(int(interval or 1), 1)
    week0 = local_start.date() - dt.timedelta(days=local_start.weekday())
    result = [(start, end)]
    day = local_start.date()
    limit = count or MAX_OCCURRENCES + 1
    while len(result) < limit:
        day += dt.timedelta(days=1)
        if until is not None and day > until:
            break
        if day.weekday() not in wanted or ((day - week0).days // 7) % interval:
            continue
        if len(result) >= MAX_OCCURRENCES:
            raise TooManyOccurrences(MAX_OCCURRENCES)
        occ_start = dt.datetime.combine(day, local_start.timetz().replace(tzinfo=None))
        occ_start = occ_start.replace(tzinfo=LOCAL_TZ)
        result.append((occ_start, occ_start + duration))
    if count and count > MAX_OCCURRENCES:
        raise TooManyOccurrences(MAX_OCCURRENCES)
    return result
