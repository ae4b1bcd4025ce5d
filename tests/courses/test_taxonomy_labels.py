"""Category and audience names on public pages come from the cache, and a
national editor's change shows on the next page view."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses.models import Audience, Category, CoursePage
from courses.selectors import taxonomy_labels

pytestmark = pytest.mark.django_db


def _course_with_audience():
    return (
        CoursePage.objects.live()
        .filter(locale__language_code="vi", audiences__isnull=False)
        .select_related("category")
        .first()
    )


def test_labels_are_read_once_then_kept(django_assert_num_queries):
    with translation.override("vi"):
        with django_assert_num_queries(1):
            first = taxonomy_labels(Category)
        with django_assert_num_queries(0):
            assert taxonomy_labels(Category) == first
    with translation.override("en"), django_assert_num_queries(1):
        english = taxonomy_labels(Category)
    assert set(english) >= set(first)


def test_a_renamed_category_shows_on_the_next_course_page(admin_client):
    course = _course_with_audience()
    reader = Client()
    assert course.category.name in reader.get(course.url).content.decode()
    category = course.category
    response = admin_client.post(
        reverse(
            f"wagtailsnippets_courses_{category._meta.model_name}:edit",
            args=[category.pk],
        ),
        {"slug": category.slug, "name": "Kỹ năng số cho mọi người"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Kỹ năng số cho mọi người" in reader.get(course.url).content.decode()


def test_a_deleted_audience_leaves_the_next_course_page():
    course = _course_with_audience()
    audience = course.audiences.first()
    reader = Client()
    assert audience.name in reader.get(course.url).content.decode()
    course.audiences.remove(audience)
    Audience.objects.filter(pk=audience.pk).get().delete()
    with translation.override("vi"):
        assert audience.pk not in taxonomy_labels(Audience)
    assert audience.name not in reader.get(course.url).content.decode()
