"""Centre staff whose admin language is Vietnamese see Wagtail's and Django's own
words in Vietnamese too: the explorer of their centre, the editor of one of its
courses and its validation errors, the dashboard, the admin scripts' words; and a
national administrator the images listing.

Wagtail's Vietnamese catalogues lack these strings; the project translates them
in portal/locale_packages. Without that catalogue every string below stays
English, or is half translated ("Anyone can edit this trang")."""

import html
import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from centres.models import CentrePage
from courses.models import CoursePage
from staff.services import centre_groups_ensure
from tests.factories import CentreStaffFactory, ImageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    vi = Locale.objects.get(language_code="vi")
    return next(
        c
        for c in CentrePage.objects.filter(locale=vi).order_by("code")
        if CoursePage.objects.child_of(c).exists()
    )


def _login_in_vietnamese(client, user):
    """Log ``user`` in, with Vietnamese chosen as their admin language (Wagtail's
    account settings)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(client, centre):
    return _login_in_vietnamese(client, CentreStaffFactory(centre=centre))


@pytest.fixture
def national_admin_client(client, centre):
    """A national administrator, with an image in the centre's collection so
    that the images listing has something to list."""
    ImageFactory(collection=centre_groups_ensure(centre).collection)
    user = UserFactory(is_superuser=True, is_staff=True)
    return _login_in_vietnamese(client, user)


def _invalid_course_form(client, course):
    """The course's edit form, to publish, with an empty title and no session (a
    course needs at least one; Wagtail checks that only when publishing): every
    inline formset submitted empty."""
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    page = client.get(url).content.decode()
    data = {"title": "", "slug": course.slug, "action-publish": "action-publish"}
    for prefix in re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return client.post(url, data)


def _course(centre):
    return CoursePage.objects.child_of(centre).order_by("pk").first()


# (who, what they open, {English: Vietnamese} of strings on it)
SCREENS = {
    "explorer of the centre": (
        "staff_client",
        lambda client, centre: client.get(
            reverse("wagtailadmin_explore", args=[centre.pk])
        ),
        {
            "Add child page": "Thêm trang con",
            "Bulk actions": "Thao tác hàng loạt",
            "Publish selected pages": "Xuất bản các trang đã chọn",
            "Anyone can edit this": "Mọi người đều có thể sửa trang này",
        },
    ),
    "editor of a course": (
        "staff_client",
        lambda client, centre: client.get(
            reverse("wagtailadmin_pages:edit", args=[_course(centre).pk])
        ),
        {
            "Save draft": "Lưu bản nháp",
            "More actions": "Thao tác khác",
            "Schedule to publish": "Lên lịch xuất bản",
            "Set publishing schedule": "Đặt lịch xuất bản",
            "Anyone can edit this": "Mọi người đều có thể sửa trang này",
        },
    ),
    "a course saved with errors": (
        "staff_client",
        lambda client, centre: _invalid_course_form(client, _course(centre)),
        {
            "The page could not be saved due to validation errors.": (
                "Không lưu được trang vì có lỗi nhập liệu."
            ),
            "Go to the first error": "Đến lỗi đầu tiên",
            "Please submit at least 1 form.": "Vui lòng nhập ít nhất 1 mục.",
        },
    ),
    "dashboard": (
        "staff_client",
        lambda client, centre: client.get(reverse("wagtailadmin_home")),
        {"Site summary": "Tóm tắt trang web"},
    ),
    "images listing": (
        "national_admin_client",
        lambda client, centre: client.get(reverse("wagtailimages:index")),
        {
            "File size: (low to high)": "Dung lượng: (nhỏ đến lớn)",
            "Usage count: (high to low)": "Số lần dùng: (nhiều đến ít)",
        },
    ),
}


@pytest.mark.parametrize("screen", SCREENS)
def test_the_admin_speaks_vietnamese(request, centre, screen):
    who, open_screen, strings = SCREENS[screen]
    response = open_screen(request.getfixturevalue(who), centre)
    assert response.status_code == 200, response.get("Location")
    text = html.unescape(response.content.decode())
    for english, vietnamese in strings.items():
        assert vietnamese in text, english
        assert english not in text


@pytest.mark.parametrize(
    "catalogue, english, vietnamese",
    [
        # Wagtail's editor, sidebar and comments.
        (
            "wagtailadmin_javascript_catalog",
            "Autosave in progress…",
            "Đang tự động lưu…",
        ),
        ("wagtailadmin_javascript_catalog", "Toggle sidebar", "Mở/đóng thanh bên"),
        # wagtail-localize's translation editor.
        ("wagtail_localize:javascript_catalog", "Not translated", "Chưa dịch"),
    ],
)
def test_the_admin_scripts_speak_vietnamese(
    staff_client, catalogue, english, vietnamese
):
    """The admin's scripts take their words from Django's JavaScript catalogue,
    which reads the packages' djangojs catalogues and then portal/locale_packages."""
    response = staff_client.get(reverse(catalogue))
    assert response.status_code == 200
    # The catalogue is JSON inside a script, written with \u escapes.
    assert f"{json.dumps(english)}: {json.dumps(vietnamese)}" in response.text
