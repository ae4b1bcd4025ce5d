"""The demo portal that `make run` serves (loaded once per test database by
tests/conftest.py, so these tests run on SQLite and on PostgreSQL)."""

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone, translation

from centres.models import CentrePage, Province, ProvincePage
from courses.catalogue import catalogue_validate
from courses.models import Category, CourseOccurrence, CoursePage, CurriculumPage
from portal import demo_content
from portal.management.commands.load_demo_data import demo_catalogue

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


def test_make_run_loads_at_least_60_centres_and_300_courses_in_10_provinces():
    """What `make run` loads: the catalogue at its default size (the suite loads
    it with DEMO_CENTRES_PER_PROVINCE, settings.test)."""
    catalogue = demo_catalogue(timezone.localdate())
    assert len(catalogue["centres"]) >= 60
    assert len({centre["province"] for centre in catalogue["centres"]}) >= 10
    assert len(catalogue["courses"]) >= 300
    # Every record passes the import's checks, as the suite's smaller load does.
    for centre in catalogue["centres"]:
        centre.pop("_places")
    cleaned = catalogue_validate(catalogue)
    assert len(cleaned["courses"]) == len(catalogue["courses"])


def test_the_loaded_demo_has_its_catalogue_s_centres_and_courses(settings):
    catalogue = demo_catalogue(
        timezone.localdate(), centres_per_province=settings.DEMO_CENTRES_PER_PROVINCE
    )
    demo = {"code__startswith": "HTCD-"}  # not the finder tests' own (conftest)
    assert set(vi(CentrePage).filter(**demo).values_list("code", flat=True)) == {
        centre["code"] for centre in catalogue["centres"]
    }
    assert set(vi(CoursePage).filter(**demo).values_list("code", flat=True)) == {
        course["code"] for course in catalogue["courses"]
    }


def test_the_courses_cover_every_category():
    used = set(vi(CoursePage).values_list("category__slug", flat=True))
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
    with translation.override("en"):
        call_command("load_demo_data")
    out = capsys.readouterr().out
    assert "Centres: 0 created, 0 updated" in out
    assert "Courses: 0 created, 0 updated" in out
