"""Centre staff create and publish a course with its sessions in the Wagtail admin."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from centres.models import CentrePage
from courses.models import Category, CourseOccurrence, CoursePage

pytestmark = pytest.mark.django_db


def course_form(centre, start="2030-03-02 18:00", end="2030-03-02 19:30", **extra):
    category = Category.objects.get(slug="digital-skills", locale=centre.locale)
    data = {
        "title": "Dùng Zalo an toàn",
        "slug": "dung-zalo-an-toan",
        "code": "TEST-ZALO-01",
        "summary": "Nhắn tin, gọi video và nhận biết tin nhắn lừa đảo.",
        "description": rich_text("<p>Mang theo điện thoại.</p>"),
        "category": category.pk,
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": "0",
        "capacity": "20",
        "sessions": inline_formset(
            [
                {
                    "start": start,
                    "end": end,
                    "repeat_interval": "1",
                    "repeat_count": "4",
                    "repeat_until": "",
                    "place": "Phòng máy",
                }
            ],
            min=1,
        ),
        "images": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(extra)
    form = nested_form_data(data)
    # nested_form_data would number a list's items; checkboxes post a plain list.
    form["sessions-0-repeat_weekdays"] = ["sa"]
    return form


def vietnamese(message):
    """The admin speaks Vietnamese (the default language) to staff."""
    with translation.override("vi"):
        translated = translation.gettext(message)
    assert translated != message
    return translated


def add_url(centre):
    return reverse("wagtailadmin_pages:add", args=("courses", "coursepage", centre.pk))


def test_admin_publishes_a_course_and_its_classes_are_scheduled(admin_client):
    centre = CentrePage.objects.filter(locale__language_code="vi").first()
    response = admin_client.post(add_url(centre), course_form(centre))
    assert response.status_code == 302, response.context["form"].errors
    course = CoursePage.objects.get(code="TEST-ZALO-01")
    assert course.live and course.get_parent().pk == centre.pk
    assert CourseOccurrence.objects.filter(course=course).count() == 4
    page = admin_client.get(course.url)
    assert "Phòng máy" in page.content.decode()


def test_admin_refuses_a_session_that_ends_before_it_starts(admin_client):
    centre = CentrePage.objects.filter(locale__language_code="vi").first()
    response = admin_client.post(
        add_url(centre),
        course_form(centre, start="2030-03-02 18:00", end="2030-03-02 17:00"),
    )
    assert response.status_code == 200
    assert not CoursePage.objects.filter(code="TEST-ZALO-01").exists()
    assert vietnamese("The session must end after it starts.") in (
        response.content.decode()
    )


def test_admin_refuses_a_duplicate_course_code(admin_client):
    centre = CentrePage.objects.filter(locale__language_code="vi").first()
    existing = CoursePage.objects.filter(locale__language_code="vi").first()
    response = admin_client.post(
        add_url(centre), course_form(centre, code=existing.code)
    )
    assert response.status_code == 200
    assert vietnamese("Another course has this code.") in response.content.decode()
