"""Dates and times of classes as the interface writes them: "Thứ Ba 14/1" in
Vietnamese (also for Khmer, Tày and Hmong readers, whose interface is
Vietnamese), "Tuesday 14 January" in English. Always in Vietnam time, whatever
the reader's clock says."""

import datetime as dt

from django.utils import dateformat
from django.utils.translation import gettext as _

from courses.schedule import LOCAL_TZ
from portal.interface import interface_language

# Django date formats per interface language; Vietnamese uses the default.
DAY_FORMATS = {"en": "l j F"}
DAY_FORMATS_WITH_YEAR = {"en": "l j F Y"}
DEFAULT_DAY_FORMAT = "l j/n"
DEFAULT_DAY_FORMAT_WITH_YEAR = "l j/n/Y"


def _local(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(LOCAL_TZ)
    return value


def day_label(value, year=False):
    """Return the day of ``value`` (a date, or an aware datetime taken in Vietnam
    time) with its weekday, e.g. "Thứ Ba 14/1"; with ``year`` "Thứ Ba 14/1/2027"."""
    if value is None:
        return ""
    value = _local(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    formats = DAY_FORMATS_WITH_YEAR if year else DAY_FORMATS
    default = DEFAULT_DAY_FORMAT_WITH_YEAR if year else DEFAULT_DAY_FORMAT
    return dateformat.format(value, formats.get(interface_language(), default))


def time_label(value):
    """Return the Vietnam time of the aware datetime ``value``, e.g. "18:00"."""
    if value is None:
        return ""
    return dateformat.time_format(_local(value), "H:i")


def change_text(planned_start, new_start=None, reason=""):
    """Return what a reader is told about a class that does not take place as
    planned: "Thứ Ba 14/1 nghỉ: trùng lịch họp thôn" when it is cancelled,
    "Thứ Ba 14/1 18:00 dời sang Thứ Năm 16/1 18:00: …" when it was moved."""
    if new_start is None:
        text = _("%(day)s cancelled") % {"day": day_label(planned_start)}
    else:
        text = _("%(day)s %(time)s moved to %(new_day)s %(new_time)s") % {
            "day": day_label(planned_start),
            "time": time_label(planned_start),
            "new_day": day_label(new_start),
            "new_time": time_label(new_start),
        }
    return f"{text}: {reason}" if reason else text
