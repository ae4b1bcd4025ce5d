"""Reads behind the course and curriculum pages and the lists that show courses."""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from courses.models import Audience, Category, CourseOccurrence, CoursePage

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


def taxonomy_labels(model=Category):
    """Return ``{id: label in the active locale}`` for every term of a national
    taxonomy (Category or Audience) in one query; an untranslated term keeps its
    source label."""
    active = get_supported_content_language_variant(get_language())
    default = settings.LANGUAGE_CODE
    terms = list(
        model.objects.filter(
            locale__language_code__in={active, default}
        ).select_related("locale")
    )
    by_language = {default: {}, active: {}}
    for term in terms:
        by_language[term.locale.language_code][term.translation_key] = term.name
    labels = {**by_language[default], **by_language[active]}
    return {t.pk: labels[t.translation_key] for t in terms}


def course_cards(courses, now=None):
    """Return ``courses`` as a list ready for display: each annotated with its next
    session and given ``category_label``, in a constant number of queries."""
    cards = list(with_next_session(courses, now))
    labels = taxonomy_labels(Category)
    for card in cards:
        card.category_label = labels.get(card.category_id, "")
    return cards


def upcoming_occurrences(course, now=None, limit=UPCOMING_LIMIT):
    """Return the next ``limit`` occurrences of ``course`` that have not ended."""
    now = now or timezone.now()
    return list(
        CourseOccurrence.objects.filter(
            translation_key=course.translation_key, end__gte=now
        ).order_by("start")[:limit]
    )


def course_page_context(page):
    centre = page.get_parent().specific
    return {
        "centre": centre,
        "occurrences": upcoming_occurrences(page),
        "category_label": taxonomy_labels(Category).get(page.category_id),
        "audience_labels": _audience_labels(page),
        "curriculum": page.curriculum.localized if page.curriculum else None,
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
        "courses": course_cards(courses[:20]),
    }


def _audience_labels(page):
    labels = taxonomy_labels(Audience)
    return [labels[pk] for pk in page.audiences.values_list("pk", flat=True)]
