"""Reads behind the course and curriculum pages and the lists that show courses."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from courses.models import CourseOccurrence, CoursePage

UPCOMING_LIMIT = 10


def with_next_session(courses, now=None):
    """Annotate ``courses`` with ``next_start``, ``next_end`` and ``next_place``: the
    first occurrence that has not ended yet (None when the schedule is over)."""
    now = now or timezone.now()
    upcoming = CourseOccurrence.objects.filter(
        translation_key=OuterRef("translation_key"), end__gte=now
    ).order_by("start")
    return courses.annotate(
        next_start=Subquery(upcoming.values("start")[:1]),
        next_end=Subquery(upcoming.values("end")[:1]),
        next_place=Subquery(upcoming.values("place")[:1]),
    )


def course_cards(courses, now=None):
    """Return ``courses`` ready for a list: next session, category and centre loaded
    in a constant number of queries."""
    return with_next_session(courses, now).select_related("category", "locale")


def upcoming_occurrences(course, now=None, limit=UPCOMING_LIMIT):
    """Return the next ``limit`` occurrences of ``course`` that have not ended."""
    now = now or timezone.now()
    return list(
        CourseOccurrence.objects.filter(
            translation_key=course.translation_key, end__gte=now
        ).order_by("start")[:limit]
    )


def category_label(category):
    """Return the category in the active locale, falling back to its source."""
    return category.localized if category else None


def course_page_context(page):
    centre = page.get_parent().specific
    return {
        "centre": centre,
        "occurrences": upcoming_occurrences(page),
        "category": category_label(page.category),
        "audiences": [a.localized for a in page.audiences.all()],
        "curriculum": page.curriculum.localized if page.curriculum else None,
        "sessions": list(page.sessions.all()),
    }


def curriculum_page_context(page):
    source_curriculum_ids = list(
        page.get_translations(inclusive=True).values_list("id", flat=True)
    )
    courses = (
        CoursePage.objects.live()
        .filter(locale=page.locale, curriculum_id__in=source_curriculum_ids)
        .order_by("title")
    )
    return {
        "course_count": courses.count(),
        "courses": course_cards(courses)[:20],
    }

