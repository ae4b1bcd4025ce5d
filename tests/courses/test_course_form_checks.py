"""The course form refuses what would break the page or what the catalogue import
refuses: dates out of range (they overflowed, a server error), a repeat interval
outside 1–52 weeks, a capacity of 0 (found by an audit as centre staff)."""

import pytest
from django.test import Client

from courses.models import CoursePage
from tests.courses.test_course_admin import (
    add_url,
    course_form,
    session,
    vietnamese,
)
from tests.factories import first_live_course

pytestmark = pytest.mark.django_db


def _refused(client, form, field_message):
    centre = first_live_course().get_parent()
    response = client.post(add_url(centre), form)
    assert response.status_code == 200
    assert not CoursePage.objects.filter(code="TEST-ZALO-01").exists()
    assert vietnamese(field_message).split("%(")[0] in response.content.decode()


OUT_OF_RANGE = "Give a date in the years %(first)s to %(last)s."


@pytest.mark.parametrize(
    ("sessions", "cancellations", "message"),
    [
        (
            [session("0001-01-01 00:00", "0001-01-01 01:00", weekdays=())],
            (),
            OUT_OF_RANGE,
        ),
        (
            [
                {
                    **session("2030-03-02 18:00", "2030-03-02 19:30", count="20"),
                    "repeat_interval": "32767",
                }
            ],
            (),
            "Repeat every 1 to %(max)s weeks.",
        ),
        (
            [
                {
                    **session(
                        "9999-12-20 18:00",
                        "9999-12-20 19:30",
                        weekdays=("mo", "tu", "we", "th", "fr", "sa", "su"),
                    ),
                    "repeat_count": "",
                    "repeat_until": "9999-12-31",
                }
            ],
            (),
            OUT_OF_RANGE,
        ),
        (
            None,
            [
                {
                    "date": "2030-03-09",
                    "reason": "Mất điện",
                    "new_start": "0001-01-01 00:00",
                    "new_end": "0001-01-01 01:00",
                }
            ],
            OUT_OF_RANGE,
        ),
        (
            [
                {
                    **session("2030-03-02 18:00", "2030-03-02 19:30"),
                    "repeat_interval": "0",
                }
            ],
            (),
            "Repeat every 1 to %(max)s weeks.",
        ),
    ],
    ids=["start-year-1", "every-32767-weeks", "until-9999", "moved-to-year-1", "0"],
)
def test_the_form_refuses_dates_and_repetitions_out_of_range(
    staff_client, sessions, cancellations, message
):
    centre = first_live_course().get_parent()
    form = course_form(centre, sessions=sessions, cancellations=cancellations)
    _refused(staff_client, form, message)


def test_the_form_refuses_a_capacity_of_zero(staff_client):
    centre = first_live_course().get_parent()
    form = course_form(centre, capacity="0")
    _refused(staff_client, form, "The capacity must be at least 1.")


def test_a_published_course_with_capacity_zero_still_shows():
    course = first_live_course()
    CoursePage.objects.filter(pk=course.pk).update(capacity=0)
    assert Client().get(course.url).status_code == 200
