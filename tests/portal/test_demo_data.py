"""The demo portal that `make run` serves (loaded once per test database by
tests/conftest.py, so these tests run on SQLite and on PostgreSQL)."""

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from centres.models import CentrePage, Province, ProvincePage
from courses.models import Category, CourseOccurrence, CoursePage, CurriculumPage
from portal import demo_content

pytestmark = pytest.mark.django_db


def vi(model):
    return model.objects.live().filter(locale__language_code="vi")


def test_every_province_has_a_page_in_every_language():
    assert Province.objects.count() == 34
    for language in ("vi", "en", "km"):
        assert (
            ProvincePage.objects.live().filter(locale__language_code=language).count()
            == 34
        )


def test_at_least_60_centres_in_at_least_10_provinces():
    centres = vi(CentrePage)
    assert centres.count() >= 60
    assert centres.values("commune__province").distinct().count() >= 10


def test_at_least_300_courses_across_every_category():
    courses = vi(CoursePage)
    assert courses.count() >= 300
    used = set(courses.values_list("category__slug", flat=True))
    assert used == set(
        Category.objects.filter(locale__language_code="vi").values_list(
            "slug", flat=True
        )
    )


def test_basic_digital_skills_curriculum_is_taught_in_many_centres():
    curriculum = vi(CurriculumPage).get(code=demo_content.CURRICULA[0]["code"])
    courses = vi(CoursePage).filter(curriculum=curriculum)
    centres_teaching = {course.get_parent().pk for course in courses}
    assert len(centres_teaching) >= 30


def test_sessions_are_spread_over_the_coming_weeks():
    now = timezone.now()
    upcoming = CourseOccurrence.objects.filter(start__gte=now)
    assert upcoming.count() >= 1000
    weeks = {
        o.start.isocalendar()[:2]
        for o in upcoming.filter(start__lte=now + timezone.timedelta(weeks=6))
    }
    assert len(weeks) >= 5
    # Every course page has its schedule.
    without = vi(CoursePage).annotate(n=Count("occurrences")).filter(n=0)
    assert not without.exists()


def test_some_content_is_translated_to_english():
    english = CoursePage.objects.live().filter(locale__language_code="en")
    assert english.count() >= 100
    translated = english.exclude(
        title__in=vi(CoursePage).values_list("title", flat=True)
    )
    assert translated.count() >= 100


def test_loading_the_demo_again_changes_nothing(capsys):
    call_command("load_demo_data")
    out = capsys.readouterr().out
    assert "centres: 0 created, 0 updated" in out
    assert "courses: 0 created, 0 updated" in out
