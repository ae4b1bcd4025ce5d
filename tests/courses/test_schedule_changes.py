"""Cancelled and moved classes: published with the course, carried to its
translations, left out of every list of classes and shown with their reason."""

import datetime as dt

import pytest
from django.utils import translation

from courses.models import CourseCancellation, CourseOccurrence
from courses.selectors import upcoming_occurrences, with_next_session
from portal.services import page_latest, page_save
from search.finder import TIMES_OF_DAY
from search.models import CourseIndexEntry
from tests.courses import schedule_data as data
from tests.courses.schedule_data import local

pytestmark = pytest.mark.django_db

BEFORE_EVERYTHING = local(2030, 12, 1, 12)


def test_occurrences_skip_cancelled_classes_and_move_moved_ones(tmp_path):
    course = data.publish_schedule(tmp_path)
    rows = CourseOccurrence.objects.filter(translation_key=course.translation_key)
    taking_place = sorted((r.start, r.end) for r in rows if not r.cancelled)
    assert taking_place == data.EXPECTED_CLASSES
    cancelled = rows.get(cancelled=True)
    assert cancelled.start == local(2031, 1, 14, 18)
    assert cancelled.note == data.CANCEL_REASON
    moved = rows.get(original_start__isnull=False)
    assert (moved.original_start, moved.start) == (
        local(2031, 1, 2, 18),
        local(2031, 1, 3, 18),
    )


def test_lists_of_classes_leave_cancelled_ones_out(tmp_path):
    course = data.publish_schedule(tmp_path)
    just_before = local(2031, 1, 14, 12)
    starts = [o.start for o in upcoming_occurrences(course, now=just_before)]
    assert local(2031, 1, 14, 18) not in starts
    assert starts[0] == local(2031, 1, 16, 18)
    card = with_next_session(
        type(course).objects.filter(pk=course.pk), now=just_before
    ).get()
    assert card.next_start == local(2031, 1, 16, 18)


def test_course_page_tells_readers_what_changed(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    with translation.override("vi"):
        html = client.get(course.url).content.decode()
    assert "Thứ Ba 14/1 nghỉ: trùng lịch họp thôn" in html
    assert "Thứ Năm 2/1 18:00 dời sang Thứ Sáu 3/1 18:00" in html
    # The moved class is listed at its new time, saying where it came from.
    assert "dời từ Thứ Năm 2/1" in html


def test_translations_get_the_changes_with_translated_reasons(client, tmp_path):
    data.publish_schedule(tmp_path)
    english = data.course("en")
    reasons = {c.date: c.reason for c in english.cancellations.all()}
    assert reasons == {
        dt.date(2031, 1, 14): data.CANCEL_REASON_EN,
        dt.date(2031, 1, 2): data.MOVE_REASON_EN,
    }
    html = client.get(english.url).content.decode()
    assert "Tuesday 14 January cancelled: clash with the village meeting" in html


def test_a_translator_keeps_their_reason_when_the_source_changes(tmp_path):
    data.publish_schedule(tmp_path)
    source = page_latest(data.course("vi"))
    source.cancellations = [
        *source.cancellations.all(),
        CourseCancellation(date=dt.date(2031, 1, 21), reason="giáo viên ốm"),
    ]
    page_save(source, publish=True)
    english = data.course("en")
    reasons = {c.date: c.reason for c in english.cancellations.all()}
    assert reasons[dt.date(2031, 1, 14)] == data.CANCEL_REASON_EN
    # Not translated yet: the Vietnamese reason rather than none at all.
    assert reasons[dt.date(2031, 1, 21)] == "giáo viên ốm"
    assert english.live and not english.has_unpublished_changes


def test_the_finder_does_not_count_cancelled_classes(tmp_path):
    # Only the afternoon session on Mondays and Saturdays: cancel all but one
    # Monday class and the Saturday one, so the finder keeps Monday afternoons.
    sessions = [data.CATALOGUE["courses"][0]["sessions"][2]]
    cancellations = [
        {"date": day, "reason": "nghỉ"}
        for day in ("2030-12-28", "2031-01-20", "2031-02-03")
    ]
    course = data.publish_schedule(
        tmp_path, data.catalogue(sessions=sessions, cancellations=cancellations)
    )
    entry = CourseIndexEntry.objects.get(page_id=course.pk)
    assert entry.last_end == local(2031, 1, 6, 16)
    weekdays_mask = 1 << 0  # Monday only; Saturday's class is cancelled
    assert entry.weekdays == weekdays_mask
    assert entry.times_of_day == 1 << list(TIMES_OF_DAY).index("afternoon")


def test_a_fix_to_the_reason_reaches_translations_that_only_copied_it(tmp_path):
    catalogue = data.catalogue()
    for item in catalogue["courses"][0]["cancellations"]:
        item.pop("translations")
    data.publish_schedule(tmp_path, catalogue)
    english = data.course("en")
    assert {c.reason for c in english.cancellations.all()} == {
        data.CANCEL_REASON,
        data.MOVE_REASON,
    }
    source = page_latest(data.course("vi"))
    changes = list(source.cancellations.all())
    changes[0].reason = "trùng lịch họp tổ dân phố"
    source.cancellations = changes
    page_save(source, publish=True)
    reasons = {c.date: c.reason for c in data.course("en").cancellations.all()}
    assert reasons[dt.date(2031, 1, 14)] == "trùng lịch họp tổ dân phố"


def test_home_page_next_class_skips_a_cancelled_one(client, tmp_path, monkeypatch):
    from django.utils import timezone

    course = data.publish_schedule(tmp_path)
    monkeypatch.setattr(timezone, "now", lambda: local(2031, 1, 14, 12))
    html = client.get("/vi/").content.decode()
    card = html[html.index(course.title) :]
    card = card[: card.index("</article>")]
    assert "Thứ Năm 16/1/2031 18:00" in card


def test_admin_edit_screen_has_the_cancellations_panel(admin_client, tmp_path):
    from django.urls import reverse

    course = data.publish_schedule(tmp_path)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    html = response.content.decode()
    assert "Buổi học nghỉ hoặc dời lịch" in html
    assert data.CANCEL_REASON in html
