"""A centre and a course with a schedule that exercises everything: a weekly
session across the year end with a cancelled and a moved class, a one-off
session, and a fortnightly session whose first class is off its repeat day. Shared
by the schedule, calendar, timetable and feed tests."""

import copy
import datetime as dt
import json

from django.core.management import call_command

from centres.models import CentrePage
from courses.models import CoursePage
from courses.schedule import LOCAL_TZ

CENTRE_CODE = "SCHED-EAKAO"
COURSE_CODE = "SCHED-TH01"
CANCEL_REASON = "trùng lịch họp thôn"
CANCEL_REASON_EN = "clash with the village meeting"
MOVE_REASON = "nghỉ Tết Dương lịch; học bù"
MOVE_REASON_EN = "New Year's Day; make-up class"

CATALOGUE = {
    "centres": [
        {
            "code": CENTRE_CODE,
            "name": "Trung tâm học tập cộng đồng thử lịch",
            "province": "dak lak",
            "commune": "ea kao",
            "address": "Buôn Ea Kao",
            "latitude": 12.63,
            "longitude": 108.07,
            "phone": "0262 3812 999",
            "email": "lich@example.vn",
            "facilities": {"computers": True, "wifi": True, "step_free": False},
            "description": "Phòng máy 15 chỗ.",
            "translations": {"en": {"name": "Schedule Test Learning Centre"}},
        }
    ],
    "courses": [
        {
            "code": COURSE_CODE,
            "centre": CENTRE_CODE,
            "title": "Tin học cơ bản, buổi tối",
            "summary": "Máy tính và điện thoại; mang theo điện thoại.",
            "category": "digital-skills",
            "audiences": ["older-adults"],
            "mode": "in_person",
            "teaching_language": "vi",
            "fee_vnd": 0,
            "capacity": 20,
            "instructor": "Cô Hoa",
            "sessions": [
                {
                    "start": "2030-12-17T18:00",
                    "end": "2030-12-17T19:30",
                    "repeat": {"weekdays": ["tu", "th"], "until": "2031-01-23"},
                    "place": "Phòng 1",
                },
                {
                    "start": "2031-01-11T08:00",
                    "end": "2031-01-11T11:00",
                    "place": "Sân trung tâm",
                },
                {
                    "start": "2030-12-28T14:00",
                    "end": "2030-12-28T16:00",
                    "repeat": {"weekdays": ["mo"], "count": 4, "interval": 2},
                    "place": "Phòng 2",
                },
            ],
            "cancellations": [
                {
                    "date": "2031-01-14",
                    "reason": CANCEL_REASON,
                    "translations": {"en": {"reason": CANCEL_REASON_EN}},
                },
                {
                    "date": "2031-01-02",
                    "reason": MOVE_REASON,
                    "moved_to": {
                        "start": "2031-01-03T18:00",
                        "end": "2031-01-03T19:30",
                    },
                    "translations": {"en": {"reason": MOVE_REASON_EN}},
                },
            ],
            "translations": {
                "en": {
                    "title": "Basic computing, evenings",
                    "summary": "Computers and phones; bring your phone.",
                }
            },
        }
    ],
}


def local(*args):
    return dt.datetime(*args, tzinfo=LOCAL_TZ)


# Every class that takes place, (start, end), moved class at its new time.
EXPECTED_CLASSES = sorted(
    [(local(2030, 12, d, 18), local(2030, 12, d, 19, 30)) for d in (17, 19, 24, 26, 31)]
    + [(local(2031, 1, 3, 18), local(2031, 1, 3, 19, 30))]
    + [(local(2031, 1, d, 18), local(2031, 1, d, 19, 30)) for d in (7, 9, 16, 21, 23)]
    + [(local(2031, 1, 11, 8), local(2031, 1, 11, 11))]
    + [(local(2030, 12, 28, 14), local(2030, 12, 28, 16))]
    + [
        (local(2031, m, d, 14), local(2031, m, d, 16))
        for m, d in ((1, 6), (1, 20), (2, 3))
    ]
)


def catalogue(**course_changes):
    """Return a fresh copy of the test catalogue, the course record changed."""
    data = copy.deepcopy(CATALOGUE)
    data["courses"][0].update(course_changes)
    return data


def import_catalogue(tmp_path, data=None, publish=True):
    """Import ``data`` (default: the test catalogue) like staff would."""
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(data or CATALOGUE, ensure_ascii=False), "utf-8")
    args = ["--publish"] if publish else []
    call_command("import_catalogue", str(path), "--no-progress", *args, verbosity=0)


def publish_schedule(tmp_path, data=None):
    """Import and publish the test centre and course; return the Vietnamese
    course page."""
    import_catalogue(tmp_path, data)
    return CoursePage.objects.get(code=COURSE_CODE, locale__language_code="vi")


def centre(language="vi"):
    return CentrePage.objects.get(code=CENTRE_CODE, locale__language_code=language)


def course(language="vi"):
    return CoursePage.objects.get(code=COURSE_CODE, locale__language_code=language)
