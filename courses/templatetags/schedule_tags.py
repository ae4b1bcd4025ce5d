"""Template filters for class dates. Load with ``{% load schedule_tags %}``.

* ``class_day``: "Thứ Ba 14/1" / "Tuesday 14 January" (Vietnam time).
* ``class_day_year``: the same with the year.
* ``class_time``: "18:00" (Vietnam time).
* ``notice_text``: a ScheduleNotice as "Thứ Ba 14/1 nghỉ: trùng lịch họp thôn".
"""

from django import template

from courses.formats import change_text, day_label, time_label

register = template.Library()


@register.filter
def class_day(value):
    """Return the weekday and day of ``value`` for the reader's language."""
    return day_label(value)


@register.filter
def class_day_year(value):
    """Return the weekday, day and year of ``value`` for the reader's language."""
    return day_label(value, year=True)


@register.filter
def class_time(value):
    """Return the Vietnam wall-clock time of ``value``."""
    return time_label(value)


@register.filter
def notice_text(notice):
    """Return the sentence telling readers about a cancelled or moved class."""
    return change_text(notice.planned_start, notice.new_start, notice.reason)
