"""Machine-readable views of courses: iCalendar feeds. Thin: the pages come from
selectors, the files from ``courses.ical``."""

from django.http import Http404, HttpResponse
from django.utils.translation import get_language

from centres.models import CentrePage
from courses.ical import calendar_ical
from courses.models import CoursePage
from courses.selectors import course_calendar_pages, live_public_page

ICAL_TYPE = "text/calendar; charset=utf-8"


def _ical_response(content, code):
    response = HttpResponse(content, content_type=ICAL_TYPE)
    response["Content-Disposition"] = f'inline; filename="{code}.ics"'
    return response


def course_calendar(request, code):
    """The iCalendar feed of the course ``code`` in the language of the URL."""
    course = live_public_page(CoursePage, get_language(), code=code)
    if course is None:
        raise Http404
    centre = course.get_parent().specific
    content = calendar_ical(
        course_calendar_pages(centre, [course.pk]),
        centre,
        course.title,
        request,
        description=course.summary,
    )
    return _ical_response(content, code)


def centre_calendar(request, code):
    """The iCalendar feed of every course of the centre ``code``."""
    centre = live_public_page(CentrePage, get_language(), code=code)
    if centre is None:
        raise Http404
    content = calendar_ical(
        course_calendar_pages(centre), centre, centre.title, request
    )
    return _ical_response(content, code)
