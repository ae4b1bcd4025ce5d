"""The iCalendar feeds parse with a real iCalendar library and, expanded, give
exactly the classes the portal lists: repetition, cancellations as EXDATE, moved
classes as RECURRENCE-ID overrides, stable UIDs, escaped text."""

import datetime as dt

import icalendar
import pytest
from dateutil.rrule import rruleset, rrulestr
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from courses.models import CourseOccurrence, CoursePage
from courses.schedule import LOCAL_TZ
from portal.services import page_latest, page_save
from tests.courses import schedule_data as data
from tests.courses.schedule_data import local

pytestmark = pytest.mark.django_db


def ical_url(kind, code, language="vi"):
    with translation.override(language):
        return reverse(f"{kind}_calendar", kwargs={"code": code})


def fetch(client, kind, code, language="vi"):
    response = client.get(ical_url(kind, code, language))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _dates(prop):
    props = prop if isinstance(prop, list) else [prop]
    return [d.dt for p in props for d in p.dts]


def expand(calendar):
    """Return the (start, end) of every class in ``calendar``, as a calendar app
    would show them: RRULE with EXDATE, RECURRENCE-ID overrides, no cancelled
    events. Expansion by dateutil, which calendar software widely relies on."""
    events = list(calendar.walk("VEVENT"))
    overrides = {
        (str(e["UID"]), e["RECURRENCE-ID"].dt): e
        for e in events
        if "RECURRENCE-ID" in e
    }
    classes = set()
    for event in events:
        if "RECURRENCE-ID" in event or event.get("STATUS") == "CANCELLED":
            continue
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        starts = [start]
        if "RRULE" in event:
            rules = rruleset()
            rules.rrule(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
            for exdate in _dates(event.get("EXDATE", [])):
                rules.exdate(exdate)
            starts = list(rules)
        for moment in starts:
            override = overrides.get((str(event["UID"]), moment))
            if override is not None:
                classes.add((override["DTSTART"].dt, override["DTEND"].dt))
            else:
                classes.add((moment, moment + (end - start)))
    return sorted(classes)


def test_course_calendar_round_trips_the_classes(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    calendar = fetch(client, "course", data.COURSE_CODE)
    occurrences = CourseOccurrence.objects.filter(
        translation_key=course.translation_key, cancelled=False
    )
    listed = sorted((o.start, o.end) for o in occurrences)
    assert expand(calendar) == listed == data.EXPECTED_CLASSES


def test_repetition_cancellation_and_move_use_rrule_exdate_and_overrides(
    client, tmp_path
):
    data.publish_schedule(tmp_path)
    calendar = fetch(client, "course", data.COURSE_CODE)
    weekly = next(
        e
        for e in calendar.walk("VEVENT")
        if "RRULE" in e and e["DTSTART"].dt == local(2030, 12, 17, 18)
    )
    rule = weekly["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["TU", "TH"]
    assert rule["UNTIL"][0] >= dt.datetime(2031, 1, 23, 11, tzinfo=dt.UTC)
    assert _dates(weekly["EXDATE"]) == [local(2031, 1, 14, 18)]
    assert weekly["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    override = next(
        e
        for e in calendar.walk("VEVENT")
        if "RECURRENCE-ID" in e and e["UID"] == weekly["UID"]
    )
    assert override["RECURRENCE-ID"].dt == local(2031, 1, 2, 18)
    assert override["DTSTART"].dt == local(2031, 1, 3, 18)
    # The reasons travel with the events.
    assert data.CANCEL_REASON in str(weekly["DESCRIPTION"])
    assert data.MOVE_REASON in str(override["DESCRIPTION"])
    fortnightly = next(
        e for e in calendar.walk("VEVENT") if "RRULE" in e and e is not weekly
    )
    assert fortnightly["RRULE"]["INTERVAL"] == [2]
    assert fortnightly["RRULE"]["COUNT"] == [3]
    # Its first class is a Saturday, off the Monday rule: an event of its own.
    assert fortnightly["DTSTART"].dt == local(2031, 1, 6, 14)


def test_time_zone_is_defined(client, tmp_path):
    data.publish_schedule(tmp_path)
    calendar = fetch(client, "course", data.COURSE_CODE)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Ho_Chi_Minh"
    (standard,) = zone.walk("STANDARD")
    assert standard["TZOFFSETTO"].td == dt.timedelta(hours=7)
    assert calendar["X-WR-TIMEZONE"] == "Asia/Ho_Chi_Minh"
    for event in calendar.walk("VEVENT"):
        assert event["DTSTART"].dt.utcoffset() == dt.timedelta(hours=7)


def test_text_is_escaped_and_reads_back_unchanged(client, tmp_path):
    title = 'Tin học; "cơ bản", dòng 1\\2'
    data.publish_schedule(tmp_path, data.catalogue(title=title))
    response = client.get(ical_url("course", data.COURSE_CODE))
    raw = response.content.decode()
    assert "Tin học\\; " in raw and "\\, dòng 1\\\\2" in raw
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries == {title}
    # Lines are folded at 75 octets, as RFC 5545 asks.
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))


def event_uids(calendar):
    return {str(e["UID"]) for e in calendar.walk("VEVENT")}


def test_uids_are_stable_when_the_course_is_published_again(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    before = event_uids(fetch(client, "course", data.COURSE_CODE))
    session_ids = set(course.sessions.values_list("pk", flat=True))
    # A changed session: the import writes the session rows anew (new ids).
    catalogue = data.catalogue()
    catalogue["courses"][0]["sessions"][1]["place"] = "Hội trường"
    data.import_catalogue(tmp_path, catalogue)
    course.refresh_from_db()
    assert session_ids.isdisjoint(course.sessions.values_list("pk", flat=True))
    after = event_uids(fetch(client, "course", data.COURSE_CODE))
    assert after == before
    assert all(uid.startswith(str(course.translation_key)) for uid in after)


def test_sessions_keep_the_files_order_in_every_language(tmp_path):
    # A session's place in the file is its position in the UIDs: the database
    # must not choose it (PostgreSQL returned rows without sort_order in any order).
    data.publish_schedule(tmp_path)
    catalogue = data.catalogue()
    catalogue["courses"][0]["sessions"][1]["place"] = "Hội trường"
    data.import_catalogue(tmp_path, catalogue)
    places = [s["place"] for s in catalogue["courses"][0]["sessions"]]
    reasons = [c["reason"] for c in catalogue["courses"][0]["cancellations"]]
    for language in ("vi", "en"):
        course = data.course(language)
        sessions = list(course.sessions.all())
        assert [s.sort_order for s in sessions] == [0, 1, 2]
        assert [s.place for s in sessions] == places
        cancellations = list(course.cancellations.all())
        assert [c.sort_order for c in cancellations] == [0, 1]
        if language == "vi":
            assert [c.reason for c in cancellations] == reasons


def test_translation_has_the_same_events_in_its_language(client, tmp_path):
    data.publish_schedule(tmp_path)
    vi = fetch(client, "course", data.COURSE_CODE, "vi")
    en = fetch(client, "course", data.COURSE_CODE, "en")
    assert expand(en) == expand(vi)
    assert event_uids(en) == event_uids(vi)
    summaries = {str(e["SUMMARY"]) for e in en.walk("VEVENT")}
    assert summaries == {"Basic computing, evenings"}
    descriptions = " ".join(str(e["DESCRIPTION"]) for e in en.walk("VEVENT"))
    assert "Tuesday 14 January cancelled: clash with the village meeting" in (
        descriptions
    )


def test_centre_calendar_holds_every_course_of_the_centre(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    calendar = fetch(client, "centre", data.CENTRE_CODE)
    assert str(calendar["X-WR-CALNAME"]) == data.centre().title
    assert expand(calendar) == data.EXPECTED_CLASSES
    event = next(iter(calendar.walk("VEVENT")))
    assert data.centre().title in str(event["LOCATION"])
    assert event["URL"] == course.full_url
    assert event["GEO"].latitude == pytest.approx(12.63)


def test_one_off_cancelled_class_is_marked_cancelled(client, tmp_path):
    catalogue = data.catalogue(
        cancellations=[{"date": "2031-01-11", "reason": "mưa bão"}]
    )
    data.publish_schedule(tmp_path, catalogue)
    calendar = fetch(client, "course", data.COURSE_CODE)
    (event,) = [
        e for e in calendar.walk("VEVENT") if e["DTSTART"].dt == local(2031, 1, 11, 8)
    ]
    assert event["STATUS"] == "CANCELLED"
    assert "mưa bão" in str(event["DESCRIPTION"])


def test_drafts_and_private_courses_have_no_calendar(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    # A draft change is not published: the calendar keeps the live title.
    draft = page_latest(course)
    draft.title = "Bản nháp"
    page_save(draft, publish=False)
    course = type(course).objects.get(pk=course.pk)
    calendar = fetch(client, "course", data.COURSE_CODE)
    assert "Bản nháp" not in calendar.to_ical().decode()
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.get(ical_url("course", data.COURSE_CODE)).status_code == 404
    course.unpublish()
    assert client.get(ical_url("centre", data.CENTRE_CODE)).status_code == 200
    assert client.get(ical_url("course", data.COURSE_CODE)).status_code == 404
    assert client.get(ical_url("course", "NO-SUCH-COURSE")).status_code == 404


def test_course_page_offers_add_to_calendar(client, tmp_path):
    course = data.publish_schedule(tmp_path)
    html = client.get(course.url).content.decode()
    url = ical_url("course", data.COURSE_CODE)
    assert f'href="{url}"' in html
    assert "webcal://testserver" + url in html


def test_local_times_are_kept(client, tmp_path):
    data.publish_schedule(tmp_path)
    calendar = fetch(client, "course", data.COURSE_CODE)
    for event in calendar.walk("VEVENT"):
        assert event["DTSTART"].dt.tzinfo is not None
        assert event["DTSTART"].dt.astimezone(LOCAL_TZ).hour in (8, 14, 18)


def test_a_text_stored_with_a_control_character_is_left_out(client, tmp_path):
    """A course stored with a control character in its title (before pages
    stripped them on save) gives a calendar RFC 5545 allows: without it, a
    vertical tab read as a space."""
    course = data.publish_schedule(tmp_path)
    CoursePage.objects.filter(pk=course.pk).update(title="Tin học\x0bcơ bản\x02")
    response = client.get(ical_url("course", data.COURSE_CODE))
    assert not any(byte < 0x20 and byte not in b"\t\r\n" for byte in response.content)
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries == {"Tin học cơ bản"}
