"""The catalogue import through its public interface, the management command."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Locale, Page

from centres.models import CentrePage
from courses.catalogue import catalogue_export
from courses.models import CourseOccurrence, CoursePage

pytestmark = pytest.mark.django_db


def run_import(tmp_path, data, *args, language="en"):
    """Run the command on ``data`` in ``language`` (it reports in the active
    language: English unless a test asks for another)."""
    path = tmp_path / "catalogue.json"
    path.write_text(
        data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
        encoding="utf-8",
    )
    with translation.override(language):
        call_command("import_catalogue", str(path), "--no-progress", *args)
    return path


def test_import_creates_published_pages_in_the_tree(tmp_path, catalogue_data, capsys):
    run_import(tmp_path, catalogue_data, "--publish")
    out = capsys.readouterr().out
    assert "Centres: 2 created" in out and "Courses: 2 created" in out
    course = CoursePage.objects.get(code="DL-EAKAO-TH01", locale__language_code="vi")
    assert course.live
    centre = course.get_parent().specific
    assert centre.code == "DL-EAKAO"
    assert centre.commune.name == "Phường Ea Kao"
    assert centre.get_parent().specific.province.name == "Tỉnh Đắk Lắk"
    # Tuesday/Thursday from 8 to 31 January 2030: 8 classes.
    assert CourseOccurrence.objects.filter(course=course).count() == 8


def test_import_without_publish_saves_drafts(tmp_path, catalogue_data):
    run_import(tmp_path, catalogue_data)
    course = CoursePage.objects.get(code="DL-EAKAO-TH01", locale__language_code="vi")
    assert not course.live
    assert course.get_latest_revision() is not None


def test_translations_create_translated_pages_with_synced_sessions(
    tmp_path, catalogue_data
):
    run_import(tmp_path, catalogue_data, "--publish")
    en = Locale.objects.get(language_code="en")
    source = CoursePage.objects.get(code="DL-EAKAO-TH01", locale__language_code="vi")
    translated = source.get_translation(en).specific
    assert translated.title == "Basic computing for older adults"
    assert translated.live
    assert translated.get_parent().specific.title == "Ea Kao Community Learning Centre"
    assert [(s.start, s.end) for s in translated.sessions.all()] == [
        (s.start, s.end) for s in source.sessions.all()
    ]
    # A session time changed in Vietnamese changes in the translation.
    catalogue_data["courses"][0]["sessions"][0]["start"] = "2030-01-08T17:30"
    run_import(tmp_path, catalogue_data, "--publish")
    translated = CoursePage.objects.get(pk=translated.pk)
    assert translated.sessions.first().start.hour == 10  # 17:30 in UTC+7


def test_importing_the_same_file_twice_changes_nothing(
    tmp_path, catalogue_data, capsys
):
    run_import(tmp_path, catalogue_data, "--publish")
    revisions = {p.pk: p.latest_revision_id for p in Page.objects.all()}
    capsys.readouterr()
    run_import(tmp_path, catalogue_data, "--publish")
    assert "Centres: 0 created, 0 updated, 2 unchanged" in capsys.readouterr().out
    assert {p.pk: p.latest_revision_id for p in Page.objects.all()} == revisions


def test_changed_file_updates_only_what_changed(tmp_path, catalogue_data, capsys):
    run_import(tmp_path, catalogue_data, "--publish")
    other = CoursePage.objects.get(code="HN-BADINH-EN01", locale__language_code="vi")
    other_revision = other.latest_revision_id
    catalogue_data["courses"][0]["fee_vnd"] = 50000
    capsys.readouterr()
    run_import(tmp_path, catalogue_data, "--publish")
    assert "Courses: 0 created, 1 updated, 1 unchanged" in capsys.readouterr().out
    course = CoursePage.objects.get(code="DL-EAKAO-TH01", locale__language_code="vi")
    assert course.fee_vnd == 50000
    en = course.get_translation(Locale.objects.get(language_code="en")).specific
    assert en.fee_vnd == 50000
    assert CoursePage.objects.get(pk=other.pk).latest_revision_id == other_revision


def test_dry_run_writes_nothing(tmp_path, catalogue_data, capsys):
    before = Page.objects.count()
    run_import(tmp_path, catalogue_data, "--dry-run", "--publish")
    assert "Dry run" in capsys.readouterr().out
    assert Page.objects.count() == before


def break_record(data, section, index, **changes):
    data[section][index].update(changes)
    return data


@pytest.mark.parametrize(
    ("section", "index", "changes", "expected"),
    [
        (
            "centres",
            0,
            {"province": "Atlantis"},
            "centres[0], code 'DL-EAKAO', "
            "field 'province': unknown province 'Atlantis'",
        ),
        (
            "centres",
            1,
            {"latitude": 48.85, "longitude": 2.35},
            "centres[1], code 'HN-BADINH', field 'latitude': "
            "coordinates 48.85, 2.35 are outside Vietnam",
        ),
        ("centres", 0, {"commune": "Ba Đình"}, "field 'commune': unknown commune"),
        (
            "courses",
            0,
            {"category": "astrology"},
            "courses[0], code 'DL-EAKAO-TH01', "
            "field 'category': unknown category 'astrology'",
        ),
        (
            "courses",
            1,
            {"code": "DL-EAKAO-TH01"},
            "courses[1], code 'DL-EAKAO-TH01', field 'code': duplicate code",
        ),
        (
            "courses",
            1,
            {"sessions": [{"start": "2030-02-03T10:00", "end": "2030-02-03T08:00"}]},
            "field 'sessions[0].end': ends before it starts",
        ),
        ("courses", 0, {"centre": "NOWHERE"}, "field 'centre': unknown centre"),
        ("courses", 0, {"fee_vnd": "free"}, "field 'fee_vnd': must be a whole number"),
        ("courses", 0, {"mode": "telepathy"}, "field 'mode': unknown value"),
    ],
)
def test_one_bad_record_and_nothing_is_written(
    tmp_path, catalogue_data, capsys, section, index, changes, expected
):
    before = Page.objects.count()
    # The problems are written in the active language: English here.
    with translation.override("en"), pytest.raises(CommandError, match="nothing was"):
        run_import(
            tmp_path,
            break_record(catalogue_data, section, index, **changes),
            "--publish",
        )
    assert expected in capsys.readouterr().err
    assert Page.objects.count() == before


def test_malformed_json_is_reported_with_its_line(tmp_path, capsys):
    with translation.override("en"), pytest.raises(CommandError):
        run_import(tmp_path, '{\n  "centres": [\n    {"code": "X",}\n  ]\n}')
    assert "malformed JSON at line 3" in capsys.readouterr().err


def test_every_problem_is_reported_at_once(tmp_path, catalogue_data, capsys):
    catalogue_data["centres"][0]["province"] = "Atlantis"
    catalogue_data["courses"][1]["category"] = "astrology"
    with pytest.raises(CommandError, match="2 problems"):
        run_import(tmp_path, catalogue_data)
    err = capsys.readouterr().err
    assert "Atlantis" in err and "astrology" in err


def test_export_then_import_round_trips(tmp_path, catalogue_data, capsys):
    run_import(tmp_path, catalogue_data, "--publish")
    centres = CentrePage.objects.filter(
        code__in=["DL-EAKAO", "HN-BADINH"], locale__language_code="vi"
    )
    exported = catalogue_export(centres)
    assert [c["code"] for c in exported["courses"]] == [
        "DL-EAKAO-TH01",
        "HN-BADINH-EN01",
    ]
    course = exported["courses"][0]
    assert course["sessions"] == catalogue_data["courses"][0]["sessions"]
    assert course["translations"]["en"]["title"] == "Basic computing for older adults"
    assert exported["centres"][0]["description"] == (
        "Phòng máy tính 15 chỗ.\n\nCó wifi miễn phí."
    )
    capsys.readouterr()
    path = tmp_path / "exported.json"
    call_command("export_catalogue", "--centre", "DL-EAKAO", "-o", str(path))
    with translation.override("en"):
        call_command("import_catalogue", str(path), "--publish", "--no-progress")
    out = capsys.readouterr().out
    assert "Centres: 0 created, 0 updated, 1 unchanged" in out
    assert "Courses: 0 created, 0 updated, 1 unchanged" in out


def test_the_command_reports_in_vietnamese(tmp_path, catalogue_data, capsys):
    """Its summary, dry run and refusals are in the portal's language, the
    sections named as the admin's import names them."""
    run_import(tmp_path, catalogue_data, "--dry-run", language="vi")
    out = capsys.readouterr().out
    assert out.startswith("Chạy thử, chưa ghi gì. Sẽ nhập: ")
    assert "Trung tâm: 2 tạo mới, 0 thay đổi, 0 không đổi" in out
    assert "Khóa học: 2 tạo mới, 0 thay đổi, 0 không đổi" in out
    run_import(tmp_path, catalogue_data, "--publish", language="vi")
    capsys.readouterr()
    run_import(tmp_path, catalogue_data, "--publish", language="vi")
    out = capsys.readouterr().out
    assert "Trung tâm: 0 tạo mới, 0 thay đổi, 2 không đổi" in out
    assert "Khóa học: 0 tạo mới, 0 thay đổi, 2 không đổi" in out
    assert "created" not in out
    catalogue_data["centres"][0]["province"] = "Atlantis"
    with pytest.raises(CommandError, match="^Có 1 lỗi; chưa nhập gì cả.$"):
        run_import(tmp_path, catalogue_data, language="vi")
    assert (
        "centres[0], mã 'DL-EAKAO', trường 'province': "
        "không có tỉnh/thành phố 'Atlantis'" in capsys.readouterr().err
    )
    missing = str(tmp_path / "missing.json")
    with (
        translation.override("vi"),
        pytest.raises(CommandError, match="không đọc được tệp"),
    ):
        call_command("import_catalogue", missing, "--no-progress")
