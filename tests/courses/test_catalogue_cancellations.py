"""Cancelled and moved classes in the catalogue format: imported, validated like
every other field, idempotent and exported back unchanged."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page

from courses.catalogue import catalogue_export
from courses.models import CourseOccurrence
from tests.courses import schedule_data as data

pytestmark = pytest.mark.django_db


def test_import_creates_cancellations_and_moves(tmp_path):
    course = data.publish_schedule(tmp_path)
    changes = {c.date: c for c in course.cancellations.all()}
    assert changes[dt.date(2031, 1, 14)].reason == data.CANCEL_REASON
    assert not changes[dt.date(2031, 1, 14)].is_move
    moved = changes[dt.date(2031, 1, 2)]
    assert (moved.new_start, moved.new_end) == (
        data.local(2031, 1, 3, 18),
        data.local(2031, 1, 3, 19, 30),
    )


def test_importing_twice_changes_nothing(tmp_path, capsys):
    data.publish_schedule(tmp_path)
    revisions = {p.pk: p.latest_revision_id for p in Page.objects.all()}
    capsys.readouterr()
    data.import_catalogue(tmp_path)
    assert {p.pk: p.latest_revision_id for p in Page.objects.all()} == revisions


def test_a_new_cancellation_updates_the_course_and_its_classes(tmp_path):
    course = data.publish_schedule(tmp_path)
    catalogue = data.catalogue()
    catalogue["courses"][0]["cancellations"].append(
        {"date": "2031-01-21", "reason": "giáo viên ốm"}
    )
    data.import_catalogue(tmp_path, catalogue)
    cancelled = CourseOccurrence.objects.filter(
        translation_key=course.translation_key, cancelled=True
    )
    assert sorted(o.start.date() for o in cancelled) == [
        dt.date(2031, 1, 14),
        dt.date(2031, 1, 21),
    ]
    reasons = {c.date: c.reason for c in data.course("en").cancellations.all()}
    assert reasons[dt.date(2031, 1, 21)] == "giáo viên ốm"


def test_export_then_import_round_trips(tmp_path, capsys):
    data.publish_schedule(tmp_path)
    exported = catalogue_export(
        data.centre().__class__.objects.filter(pk=data.centre().pk)
    )
    (course,) = exported["courses"]
    assert course["cancellations"] == data.CATALOGUE["courses"][0]["cancellations"]
    path = tmp_path / "exported.json"
    call_command("export_catalogue", "--centre", data.CENTRE_CODE, "-o", str(path))
    capsys.readouterr()
    with translation.override("en"):
        call_command("import_catalogue", str(path), "--publish", "--no-progress")
    assert "Courses: 0 created, 0 updated, 1 unchanged" in capsys.readouterr().out


def test_courses_without_cancellations_export_without_the_key(tmp_path):
    data.publish_schedule(tmp_path, data.catalogue(cancellations=[]))
    exported = catalogue_export(
        data.centre().__class__.objects.filter(pk=data.centre().pk)
    )
    assert "cancellations" not in exported["courses"][0]


@pytest.mark.parametrize(
    ("cancellations", "expected"),
    [
        ("2031-01-14", "field 'cancellations': must be a list"),
        (
            [{"date": "14/1/2031", "reason": "x"}],
            "field 'cancellations[0].date': must be a date like 2027-01-14",
        ),
        (
            [{"date": "2031-01-15", "reason": "x"}],
            "field 'cancellations[0].date': no class of this course is planned on "
            "2031-01-15",
        ),
        (
            [{"date": "2031-01-14"}],
            "field 'cancellations[0].reason': is required",
        ),
        (
            [{"date": "2031-01-14", "reason": "x" * 201}],
            "field 'cancellations[0].reason': is longer than 200 characters",
        ),
        (
            [
                {"date": "2031-01-14", "reason": "a"},
                {"date": "2031-01-14", "reason": "b"},
            ],
            "field 'cancellations[1].date': 2031-01-14 is listed twice",
        ),
        (
            [
                {
                    "date": "2031-01-14",
                    "reason": "x",
                    "moved_to": {
                        "start": "2031-01-15T18:00",
                        "end": "2031-01-15T17:00",
                    },
                }
            ],
            "field 'cancellations[0].moved_to.end': ends before it starts",
        ),
        (
            [{"date": "2031-01-14", "reason": "x", "moved_to": "tomorrow"}],
            "field 'cancellations[0].moved_to': must be an object with start and end",
        ),
        (
            [
                {
                    "date": "2031-01-14",
                    "reason": "x",
                    "translations": {"fr": {"reason": "y"}},
                }
            ],
            "field 'cancellations[0].translations.fr': unknown translation language",
        ),
        (
            [{"date": "2031-01-14", "reason": "x", "why": "y"}],
            "field 'cancellations[0].why': is not a cancellation field",
        ),
    ],
    ids=[
        "not-a-list",
        "bad-date",
        "no-class",
        "no-reason",
        "long-reason",
        "twice",
        "move-backwards",
        "move-not-object",
        "bad-language",
        "unknown-key",
    ],
)
def test_bad_cancellations_are_reported_and_nothing_is_written(
    tmp_path, capsys, cancellations, expected
):
    before = Page.objects.count()
    # The problems are written in the active language: English here.
    with translation.override("en"), pytest.raises(CommandError, match="nothing was"):
        data.import_catalogue(tmp_path, data.catalogue(cancellations=cancellations))
    err = capsys.readouterr().err
    assert f"courses[0], code '{data.COURSE_CODE}', {expected}" in err
    assert Page.objects.count() == before


def test_a_day_with_two_classes_can_be_cancelled_but_not_moved(tmp_path, capsys):
    sessions = [
        {"start": "2031-01-14T08:00", "end": "2031-01-14T09:00"},
        {"start": "2031-01-14T14:00", "end": "2031-01-14T15:00"},
    ]
    moved = {"start": "2031-01-15T08:00", "end": "2031-01-15T09:00"}
    bad = [{"date": "2031-01-14", "reason": "x", "moved_to": moved}]
    with translation.override("en"), pytest.raises(CommandError):
        data.import_catalogue(
            tmp_path, data.catalogue(sessions=sessions, cancellations=bad)
        )
    assert "2031-01-14 has several classes: cancel the day instead" in (
        capsys.readouterr().err
    )
    course = data.publish_schedule(
        tmp_path,
        data.catalogue(
            sessions=sessions, cancellations=[{"date": "2031-01-14", "reason": "x"}]
        ),
    )
    rows = CourseOccurrence.objects.filter(translation_key=course.translation_key)
    assert [r.cancelled for r in rows] == [True, True]
