"""Centre staff create and publish a course with its sessions in the Wagtail admin."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from centres.models import CentrePage
from courses.models import Category, CourseOccurrence, CoursePage
from tests.factories import first_live_course

pytestmark = pytest.mark.django_db


def course_form(
    centre,
    start="2030-03-02 18:00",
    end="2030-03-02 19:30",
    sessions=None,
    cancellations=(),
    **extra,
):
    """The add form of a course, by default with one session: Saturdays from 2
    March 2030, 18:00–19:30, four times, in "Phòng máy". ``sessions`` replaces it
    (dicts of form fields, ``repeat_weekdays`` a list); ``cancellations`` are
    dicts of form fields."""
    category = Category.objects.get(slug="digital-skills", locale=centre.locale)
    if sessions is None:
        sessions = [
            {
                "start": start,
                "end": end,
                "repeat_weekdays": ["sa"],
                "repeat_interval": "1",
                "repeat_count": "4",
                "repeat_until": "",
                "place": "Phòng máy",
            }
        ]
    weekdays = [s.pop("repeat_weekdays", []) for s in sessions]
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
        "sessions": inline_formset(sessions, min=1),
        "cancellations": inline_formset(
            [
                {"new_start": "", "new_end": "", **cancellation}
                for cancellation in cancellations
            ]
        ),
        "images": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(extra)
    form = nested_form_data(data)
    # nested_form_data would number a list's items; checkboxes post a plain list.
    for index, days in enumerate(weekdays):
        form[f"sessions-{index}-repeat_weekdays"] = days
    return form


def course_edit_form(course, **changes):
    """The edit form of ``course`` as it stands (its sessions and audiences
    included), with ``changes`` to its fields, ready to post to the edit view."""
    values = {
        "title": course.title,
        "slug": course.slug,
        "code": course.code,
        "summary": course.summary,
        "description": rich_text(course.description),
        "category": course.category_id,
        "how_to_join": course.how_to_join,
        "level": course.level,
        "mode": course.mode,
        "teaching_language": course.teaching_language,
        "fee_vnd": str(course.fee_vnd),
        "capacity": str(course.capacity or ""),
    }
    values.update(changes)
    sessions = list(course.sessions.all())
    form = course_form(
        course.get_parent(),
        sessions=[
            {
                "id": str(s.pk),
                "start": s.start.astimezone().strftime("%Y-%m-%d %H:%M"),
                "end": s.end.astimezone().strftime("%Y-%m-%d %H:%M"),
                "repeat_weekdays": [d for d in s.repeat_weekdays.split(",") if d],
                "repeat_interval": str(s.repeat_interval),
                "repeat_until": s.repeat_until.isoformat() if s.repeat_until else "",
                "repeat_count": str(s.repeat_count or ""),
                "place": s.place,
            }
            for s in sessions
        ],
        **values,
    )
    form["sessions-INITIAL_FORMS"] = str(len(sessions))
    # A multiple choice posts a plain list (nested_form_data would number it).
    form["audiences"] = [str(a.pk) for a in course.audiences.all()]
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


def session(start, end, place="Phòng máy", weekdays=("sa",), count="4"):
    return {
        "start": start,
        "end": end,
        "repeat_weekdays": list(weekdays),
        "repeat_interval": "1",
        "repeat_count": count if weekdays else "",
        "repeat_until": "",
        "place": place,
    }


def vietnamese_with(message, **values):
    return vietnamese(message) % values


def a_centre():
    return CentrePage.objects.filter(locale__language_code="vi").first()


def test_admin_publishes_a_cancelled_and_a_moved_class(admin_client):
    centre = a_centre()
    form = course_form(
        centre,
        cancellations=[
            {"date": "2030-03-09", "reason": "Họp thôn"},
            {
                "date": "2030-03-16",
                "reason": "Mất điện",
                "new_start": "2030-03-17 18:00",
                "new_end": "2030-03-17 19:30",
            },
        ],
    )
    response = admin_client.post(add_url(centre), form)
    assert response.status_code == 302, response.context["form"].errors
    course = CoursePage.objects.get(code="TEST-ZALO-01")
    rows = CourseOccurrence.objects.filter(course=course)
    assert rows.count() == 4
    assert rows.get(cancelled=True).note == "Họp thôn"
    assert rows.get(original_start__isnull=False).start.day == 17
    html = admin_client.get(course.url).content.decode()
    assert "Thứ Bảy 9/3 nghỉ: Họp thôn" in html
    assert "Thứ Bảy 16/3 18:00 dời sang Chủ nhật 17/3 18:00: Mất điện" in html


def test_admin_stores_no_control_characters(staff_client):
    """A text pasted from a word processor may hold control characters, which
    no export could write to a spreadsheet: they are left out, a line break
    (vertical tab) as a space."""
    centre = first_live_course().get_parent().specific
    session = {
        "start": "2030-03-02 18:00",
        "end": "2030-03-02 19:30",
        "repeat_weekdays": [],
        "repeat_interval": "1",
        "repeat_count": "",
        "repeat_until": "",
        "place": "Phòng\x1f máy",
    }
    form = course_form(
        centre,
        sessions=[session],
        cancellations=[{"date": "2030-03-02", "reason": "Họp\x0bthôn"}],
        title="Dùng Zalo\x0ban toàn",
        summary="Nhắn tin\x01 và gọi video.",
        description=rich_text("<p>Mang theo\x0cđiện thoại.</p>"),
    )
    response = staff_client.post(add_url(centre), form)
    assert response.status_code == 302, response.context["form"].errors
    course = CoursePage.objects.get(code="TEST-ZALO-01")
    assert course.title == "Dùng Zalo an toàn"
    assert course.summary == "Nhắn tin và gọi video."
    assert "Mang theo điện thoại." in course.description
    assert course.sessions.get().place == "Phòng máy"
    assert course.cancellations.get().reason == "Họp thôn"
    latest = course.get_latest_revision_as_object()
    assert (latest.title, latest.sessions.get().place) == (
        "Dùng Zalo an toàn",
        "Phòng máy",
    )


def test_admin_refuses_a_cancellation_on_a_day_without_class(admin_client):
    centre = a_centre()
    form = course_form(centre, cancellations=[{"date": "2030-03-03", "reason": "x"}])
    response = admin_client.post(add_url(centre), form)
    assert response.status_code == 200
    assert not CoursePage.objects.filter(code="TEST-ZALO-01").exists()
    assert (
        vietnamese_with(
            "No class of this course is planned on %(day)s.", day="Chủ nhật 3/3/2030"
        )
        in response.content.decode()
    )


def test_admin_refuses_the_same_day_twice(admin_client):
    centre = a_centre()
    twice = [
        {"date": "2030-03-09", "reason": "a"},
        {"date": "2030-03-09", "reason": "b"},
    ]
    response = admin_client.post(
        add_url(centre), course_form(centre, cancellations=twice)
    )
    assert response.status_code == 200
    assert vietnamese("This day is already listed.") in response.content.decode()


def test_admin_refuses_a_move_without_its_end(admin_client):
    centre = a_centre()
    move = {"date": "2030-03-09", "reason": "a", "new_start": "2030-03-10 08:00"}
    response = admin_client.post(
        add_url(centre), course_form(centre, cancellations=[move])
    )
    assert response.status_code == 200
    assert (
        vietnamese("A moved class needs both a new start and a new end.")
        in response.content.decode()
    )


@pytest.mark.parametrize(
    ("second", "refused"),
    [
        (session("2030-03-02 19:00", "2030-03-02 20:00"), True),
        (session("2030-03-09 18:30", "2030-03-09 19:00", weekdays=()), True),
        (session("2030-03-02 19:30", "2030-03-02 21:00"), False),  # back to back
        (session("2030-03-02 18:00", "2030-03-02 19:30", place="Phòng 2"), False),
        (session("2030-03-02 18:00", "2030-03-02 19:30", place=" phòng  MÁY"), True),
    ],
    ids=["overlap", "one-off-overlap", "back-to-back", "other-room", "same-room"],
)
def test_admin_refuses_overlapping_sessions_in_the_same_room(
    admin_client, second, refused
):
    centre = a_centre()
    sessions = [session("2030-03-02 18:00", "2030-03-02 19:30"), second]
    response = admin_client.post(
        add_url(centre), course_form(centre, sessions=sessions)
    )
    created = CoursePage.objects.filter(code="TEST-ZALO-01").exists()
    assert created is not refused
    if refused:
        assert "Thứ Bảy" in response.content.decode()
        assert (
            vietnamese(
                "This session overlaps another class of this course in %(place)s on "
                "%(day)s at %(time)s."
            ).split("%(place)s")[0]
            in response.content.decode()
        )


def test_admin_cancelling_the_overlapping_class_resolves_the_clash(admin_client):
    centre = a_centre()
    sessions = [
        session("2030-03-02 18:00", "2030-03-02 19:30"),
        session("2030-03-09 18:30", "2030-03-09 19:00", weekdays=()),
    ]
    form = course_form(
        centre,
        sessions=sessions,
        cancellations=[{"date": "2030-03-09", "reason": "Thay bằng buổi ngoại khoá"}],
    )
    response = admin_client.post(add_url(centre), form)
    assert response.status_code == 302, response.context["form"].errors


def test_admin_refuses_a_room_booked_by_another_course(admin_client, tmp_path):
    from tests.courses import schedule_data as data

    data.publish_schedule(tmp_path)
    centre = data.centre()
    # Thursdays 19:00 in Phòng 1, where the other course meets 18:00–19:30.
    sessions = [session("2030-12-19 19:00", "2030-12-19 20:00", "Phòng 1", ["th"])]
    response = admin_client.post(
        add_url(centre), course_form(centre, sessions=sessions)
    )
    assert response.status_code == 200
    assert (
        vietnamese_with(
            "%(place)s is already booked for “%(course)s” on %(day)s at %(time)s.",
            place="Phòng 1",
            course=data.course().title,
            day="Thứ Năm 19/12/2030",
            time="18:00",
        )
        in response.content.decode()
    )


def test_admin_refuses_a_repetition_with_too_many_classes(admin_client):
    centre = a_centre()
    sessions = [session("2030-03-02 18:00", "2030-03-02 19:30", count="400")]
    response = admin_client.post(
        add_url(centre), course_form(centre, sessions=sessions)
    )
    assert response.status_code == 200
    assert (
        vietnamese_with("This repetition gives more than %(max)s classes.", max=320)
        in response.content.decode()
    )
