"""Bad input in the admin import: every problem is reported in Vietnamese with its
row and column, never a crash and never a half-applied import; and what the
export writes (quotes, formulas, cancellations) imports back unchanged."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Revision

from courses.models import CoursePage
from staff.spreadsheet import (
    Format,
    catalogue_from_rows,
    export_file,
    read_csv,
    rows_from_catalogue,
    write_csv,
)
from tests.staff.test_spreadsheet_import import course, row, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client


def vi(message, **values):
    with translation.override("vi"):
        return translation.gettext(message) % values


def csv_file(courses, **cells):
    """A CSV upload of ``courses`` with ``cells`` (column -> text) written over
    the first course's cells, as someone typing in a spreadsheet would."""
    columns, rows = rows_from_catalogue({"courses": courses})
    for column, text in cells.items():
        rows[0][columns.index(column)] = text
    return SimpleUploadedFile("khoa-hoc.csv", write_csv(columns, rows), "text/csv")


def problems_of(response):
    assert response.status_code == 200
    return [(p.row, p.column, p.message) for p in response.context["outcome"].problems]


def apply(client, response):
    return client.post(
        reverse("staff:import_apply"), {"token": response.context["token"]}
    )


def export(client, world, fmt):
    response = client.get(
        reverse("staff:export"),
        {"scope": "centre", "centre": world.a.code, "format": fmt},
    )
    assert response.status_code == 200
    return SimpleUploadedFile(f"xuat.{fmt}", response.content)


QUOTED = 'Kỹ năng "3 tại chỗ" phòng chống thiên tai'


@pytest.mark.parametrize("fmt", [Format.CSV, Format.XLSX])
@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (QUOTED, "Ứng phó bão, lũ"),
        ('=HYPERLINK("http://example.com/x","Bấm vào đây")', "=1+2"),
        ("'=1", "-+@ gạch đầu dòng"),
    ],
    ids=["quotes", "formulas", "apostrophes"],
)
def test_what_the_export_writes_imports_back_unchanged(
    staff_client, world, fmt, title, summary
):
    new = course(world.a, "A-TRON-01", title=title)
    new["summary"] = summary
    new["cancellations"] = [{"date": "2030-03-05", "reason": 'Nghỉ "bão số 3"'}]
    response = upload(
        staff_client, SimpleUploadedFile("x.json", json.dumps(new_file(new)).encode())
    )
    assert response.context["outcome"].ok, problems_of(response)
    apply(staff_client, response)
    page = CoursePage.objects.get(code="A-TRON-01", locale__language_code="vi")
    assert (page.title, page.summary) == (title, summary)
    revisions = Revision.objects.count()
    response = upload(staff_client, export(staff_client, world, fmt))
    outcome = response.context["outcome"]
    assert outcome.ok, problems_of(response)
    assert outcome.counts["courses"]["updated"] == 0
    assert {r[2] for r in outcome.rows} == {"unchanged"}
    apply(staff_client, response)
    page = CoursePage.objects.get(pk=page.pk)
    assert (page.title, page.summary) == (title, summary)
    assert Revision.objects.count() == revisions


def new_file(record):
    return {"courses": [record]}


def test_exported_cells_are_never_formulas():
    from openpyxl import load_workbook

    record = {"code": "X", "title": '=HYPERLINK("http://x")', "summary": "=1+2"}
    workbook = load_workbook(io.BytesIO(export_file(new_file(record), Format.XLSX)))
    cells = {c.value: c.data_type for r in workbook.active.iter_rows() for c in r}
    assert cells['=HYPERLINK("http://x")'] == cells["=1+2"] == "s"
    text = export_file(new_file(record), Format.CSV).decode("utf-8-sig")
    assert "'=1+2" in text and ",=" not in text
    columns, rows = read_csv(text.encode())
    data, _where, _problems = catalogue_from_rows(columns, rows)
    assert data["courses"][0]["summary"] == "=1+2"


def test_csv_quotes_are_read_as_written():
    columns, rows = rows_from_catalogue(new_file({"code": "X", "title": QUOTED}))
    columns, rows = read_csv(write_csv(columns, rows))
    assert rows[0][columns.index("title")] == QUOTED


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("capacity", "1.5"),
        ("capacity", "1.500"),
        ("fee_vnd", "12500.5"),
        ("fee_vnd", "12,5"),
        ("fee_vnd", "²"),
        ("session1_count", "3.0"),
        ("session1_interval", "1,5"),
    ],
)
def test_a_fraction_is_not_a_whole_number(staff_client, world, column, text):
    before = CoursePage.objects.count()
    response = upload(
        staff_client, csv_file([course(world.a, "A-SO-01")], **{column: text})
    )
    [(label, where, message)] = problems_of(response)
    assert (label, where) == (row(2), column)
    assert "số nguyên" in message  # "must be a whole number", in Vietnamese
    assert CoursePage.objects.count() == before


@pytest.mark.parametrize(
    "text", ["12.500", "12.500 ₫", "12,500", "12 500 đồng", "12500"]
)
def test_dong_may_be_written_the_vietnamese_way(staff_client, world, text):
    response = upload(
        staff_client, csv_file([course(world.a, "A-PHI-01")], fee_vnd=text)
    )
    assert response.context["outcome"].ok, problems_of(response)
    apply(staff_client, response)
    assert (
        CoursePage.objects.get(code="A-PHI-01", locale__language_code="vi").fee_vnd
        == 12500
    )


def xlsx_file(courses, **cells):
    from openpyxl import Workbook

    columns, rows = rows_from_catalogue({"courses": courses})
    for column, value in cells.items():
        rows[0][columns.index(column)] = value
    workbook = Workbook()
    workbook.active.append(columns)
    for r in rows:
        workbook.active.append(r)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("khoa-hoc.xlsx", out.getvalue())


def test_xlsx_numbers_must_be_whole(staff_client, world):
    response = upload(
        staff_client,
        xlsx_file([course(world.a, "A-SO-02")], capacity=1.5, session1_count=3.0),
    )
    assert problems_of(response) == [(row(2), "capacity", vi("must be a whole number"))]
    response = upload(
        staff_client, xlsx_file([course(world.a, "A-SO-02")], session1_count=3.0)
    )
    assert response.context["outcome"].ok, problems_of(response)


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"description": "á" * 200_000}, "description"),
        ({"session1_start": "0001-01-01T00:00"}, "session1_start"),
        (
            {
                "session1_start": "9999-06-01T08:00",
                "session1_end": "9999-06-01T09:00",
                "session1_interval": "52",
                "session1_count": "300",
            },
            "session1_start",
        ),
        (
            {
                "session1_start": "2099-06-01T08:00",
                "session1_end": "2099-06-01T09:00",
                "session1_interval": "52",
                "session1_count": "300",
            },
            "session1_start",
        ),
        ({"session1_place": "p" * 201}, "session1_place"),
        ({"title_en": "t" * 256}, "title_en"),
        ({"summary_en": "s" * 501}, "summary_en"),
        ({"cancellations": "[" * 200_000}, "cancellations"),
    ],
    ids=[
        "long-cell",
        "year-1",
        "year-9999",
        "beyond-2100",
        "place",
        "title_en",
        "summary_en",
        "deep-json",
    ],
)
def test_bad_cells_are_reported_not_crashed_on(staff_client, world, cells, column):
    before = CoursePage.objects.count()
    response = upload(staff_client, csv_file([course(world.a, "A-HONG-01")], **cells))
    assert [(r, c) for r, c, _m in problems_of(response)] == [(row(2), column)]
    assert CoursePage.objects.count() == before


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"code": ["A", "B"]}, "code"),
        ({"centre": ["HTCD"]}, "centre"),
        ({"category": ["health"]}, "category"),
        ({"curriculum": {"code": "X"}}, "curriculum"),
    ],
)
def test_a_list_where_text_is_expected_is_reported(staff_client, world, change, column):
    record = {**course(world.a, "A-DS-01"), **change}
    response = upload(
        staff_client,
        SimpleUploadedFile("x.json", json.dumps(new_file(record)).encode()),
    )
    assert problems_of(response) == [("courses[0]", column, vi("must be text"))]


def test_json_nested_too_deeply_is_reported(staff_client):
    text = '{"courses": ' + "[" * 200_000 + "]" * 200_000 + "}"
    response = upload(staff_client, SimpleUploadedFile("x.json", text.encode()))
    [(_row, _column, message)] = problems_of(response)
    assert message == vi("%(file)s: the JSON is nested too deeply.", file="x.json")


def test_a_missing_centre_column_is_named(staff_client, world):
    columns, rows = rows_from_catalogue(new_file(course(world.a, "A-COT-01")))
    keep = [i for i, c in enumerate(columns) if c != "centre"]
    body = write_csv([columns[i] for i in keep], [[r[i] for i in keep] for r in rows])
    response = upload(staff_client, SimpleUploadedFile("x.csv", body))
    assert problems_of(response) == [(row(1), "centre", vi("missing column"))]


def test_an_unknown_centre_is_called_unknown(staff_client, world):
    record = course(world.a, "A-TT-01")
    record["centre"] = "HTCD-99999"
    response = upload(staff_client, csv_file([record]))
    assert problems_of(response) == [
        (row(2), "centre", vi("unknown centre %(code)s", code="'HTCD-99999'"))
    ]


def test_a_duplicate_code_names_the_other_row(staff_client, world):
    courses = [course(world.a, "A-TRUNG"), course(world.a, "A-TRUNG")]
    response = upload(staff_client, csv_file(courses))
    assert problems_of(response) == [
        (row(3), "code", vi("duplicate code (also %(where)s)", where=row(2)))
    ]


def test_a_course_without_sessions_imports(staff_client, world):
    record = course(world.a, "A-NHAP-01")
    record["sessions"] = []
    response = upload(staff_client, csv_file([record]))
    assert response.context["outcome"].ok, problems_of(response)


def test_the_command_reads_a_bom_and_reports_in_vietnamese(tmp_path, capsys):
    path = tmp_path / "danh-muc.json"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"courses": [{"code": "X"}]}).encode()
    )
    with pytest.raises(CommandError):
        call_command("import_catalogue", str(path), "--no-progress")
    err = capsys.readouterr().err
    assert "BOM" not in err
    assert vi("is required") in err


@pytest.mark.parametrize("fmt", [Format.CSV, Format.JSON])
def test_a_course_saved_in_the_admin_imports_back_without_a_revision(
    staff_client, world, fmt
):
    from portal.services import page_latest, page_save

    page = CoursePage.objects.child_of(world.a).first().specific
    latest = page_latest(page)
    # As the admin's rich-text editor writes it.
    latest.description = (
        '<p data-block-key="k3x9a">Mang theo <b>điện thoại</b>.</p>'
        '<p data-block-key="p0q1r">Có máy tính dự phòng.</p>'
    )
    page_save(latest, publish=False)
    revisions = Revision.objects.count()
    response = upload(staff_client, export(staff_client, world, fmt))
    assert response.context["outcome"].ok, problems_of(response)
    response = apply(staff_client, response)
    assert response.context["outcome"].counts["courses"]["updated"] == 0
    assert Revision.objects.count() == revisions
    assert page_latest(page).description == latest.description
