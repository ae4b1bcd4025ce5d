"""Centre staff copy a course, province editors a centre with its courses: the copy
is a draft with a fresh code (codes are unique in each language)."""

import pytest
from django.urls import reverse
from django.utils import translation

from centres.models import CentrePage
from courses.models import CoursePage
from tests.factories import CentreStaffFactory, ProvinceEditorFactory

pytestmark = pytest.mark.django_db


def copy_url(page):
    return reverse("wagtailadmin_pages:copy", args=(page.pk,))


def copy_form(parent, slug, **extra):
    return {
        "new_title": "Bản sao",
        "new_slug": slug,
        "new_parent_page": str(parent.pk),
        **extra,
    }


def vietnamese(message):
    with translation.override("vi"):
        translated = translation.gettext(message)
    assert translated != message
    return translated


def a_course():
    return (
        CoursePage.objects.live()
        .filter(locale__language_code="vi")
        .order_by("pk")
        .first()
    )


def test_centre_staff_copy_a_course_as_a_draft_with_a_fresh_code(client):
    course = a_course()
    centre = course.get_parent().specific
    client.force_login(CentreStaffFactory(centre=centre))
    for number, code in ((1, f"{course.code}-COPY"), (2, f"{course.code}-COPY-2")):
        response = client.post(
            copy_url(course),
            copy_form(centre, f"ban-sao-{number}", publish_copies="on"),
            follow=True,
        )
        assert response.status_code == 200
        copy = CoursePage.objects.get(slug=f"ban-sao-{number}")
        assert copy.code == code
        assert not copy.live
        assert copy.get_parent().pk == centre.pk
        assert copy.sessions.count() == course.sessions.count()
        assert (
            vietnamese(
                "“%(title)s” was copied as a draft with the code %(code)s: give it "
                "its own code before publishing it."
            )
            % {"title": "Bản sao", "code": code}
            in response.content.decode()
        )
    course.refresh_from_db()
    assert course.live and not course.code.endswith("-COPY")
    # The copy's draft holds its code: publishing it from the editor keeps it.
    assert copy.get_latest_revision_as_object().code == code


def test_a_province_editor_copies_a_centre_with_its_courses(client):
    centre = a_course().get_parent().specific
    province = centre.get_parent().specific
    client.force_login(ProvinceEditorFactory(province=province))
    response = client.post(
        copy_url(centre),
        copy_form(province, "trung-tam-ban-sao", copy_subpages="on"),
    )
    assert response.status_code == 302
    copy = CentrePage.objects.get(slug="trung-tam-ban-sao")
    assert copy.code == f"{centre.code}-COPY" and not copy.live
    courses = CoursePage.objects.child_of(copy)
    originals = CoursePage.objects.child_of(centre)
    assert courses.count() == originals.count() > 0
    assert {c.code for c in courses} == {f"{c.code}-COPY" for c in originals}
    assert not courses.filter(live=True).exists()


def test_a_centre_or_course_cannot_be_aliased(admin_client):
    course = a_course()
    response = admin_client.post(
        copy_url(course),
        copy_form(course.get_parent(), "bi-danh", alias="on", publish_copies="on"),
    )
    assert response.status_code == 200
    assert not CoursePage.objects.filter(slug="bi-danh").exists()
    assert (
        vietnamese(
            "A centre or course cannot have an alias: it would repeat its code. "
            "Make a copy instead."
        )
        in response.content.decode()
    )
