"""Reads behind the national home page."""

from django.utils import timezone

from centres.models import CentrePage, ProvincePage
from courses.models import CourseOccurrence, CoursePage
from courses.selectors import course_cards

UPCOMING_COUNT = 8


def home_page_context(page):
    """Return provinces, the soonest-starting courses and national counts for the
    home page in ``page``'s locale, in a constant number of queries."""
    locale = page.locale
    now = timezone.now()
    provinces = (
        ProvincePage.objects.live()
        .child_of(page)
        .select_related("province")
        .order_by("title")
    )
    live_courses = CoursePage.objects.live().filter(locale=locale)
    soon_keys = (
        CourseOccurrence.objects.filter(start__gte=now, cancelled=False)
        .order_by("start")
        .values_list("translation_key", flat=True)[: UPCOMING_COUNT * 10]
    )
    upcoming = [
        course
        for course in course_cards(
            live_courses.filter(translation_key__in=list(dict.fromkeys(soon_keys)))
        )
        if course.next_start
    ]
    upcoming.sort(key=lambda course: course.next_start)
    return {
        "provinces": provinces,
        "upcoming_courses": upcoming[:UPCOMING_COUNT],
        "centre_count": CentrePage.objects.live().filter(locale=locale).count(),
        "course_count": live_courses.count(),
    }
