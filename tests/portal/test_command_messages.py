"""The management commands report in the portal's language, Vietnamese (the
active language: settings.LANGUAGE_CODE unless a caller activates another),
as the admin does. The import command's own: tests/courses/test_catalogue_import.py."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (("refresh_next_sessions",), "Đã cập nhật buổi học tiếp theo của "),
        (("run_import_jobs", "--once"), "Đã chạy 0 lượt nhập."),
        (("ensure_staff_groups",), "Đã tạo 0 nhóm tỉnh, 0 nhóm trung tâm"),
        (
            ("rebuild_course_index", "--no-progress", "--jobs", "0", "--limit", "3"),
            "Đã lập chỉ mục 3 khóa học",
        ),
    ],
)
def test_commands_report_in_vietnamese(command, expected):
    out = io.StringIO()
    with translation.override("vi"):
        call_command(*command, stdout=out)
    assert expected in out.getvalue()


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (("export_catalogue", "--centre", "KHONG-CO"), "không có trung tâm 'KHONG-CO'"),
        (("export_catalogue", "--province", "Atlantis"), "không có tỉnh/thành phố"),
        (("rebuild_course_index", "--jobs", "-1"), "--jobs phải từ 0 trở lên."),
        (
            ("refresh_next_sessions", "--merge-seconds", "-1"),
            "--merge-seconds phải từ 0 trở lên.",
        ),
    ],
)
def test_commands_refuse_in_vietnamese(command, expected):
    with translation.override("vi"), pytest.raises(CommandError) as refusal:
        call_command(*command)
    assert expected in str(refusal.value)
