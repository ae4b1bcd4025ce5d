"""The spreadsheet import and export in the admin: per-centre restriction, a dry
run that matches the apply, round trips that change nothing, the upload limit."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Revision
from wagtail.test.utils.form_data import rich_text

from centres.models import CentrePage
from courses.models import CoursePage
from portal.services import page_latest, page_save
from staff.spreadsheet import (
    Format,
    catalogue_from_rows,
    read_csv,
    read_xlsx,
    rows_from_catalogue,
    write_csv,
)
from tests.factories import centre_edit_form

pytestmark = pytest.mark.django_db


def course(centre, code, title="Kỹ năng số cho nông dân"):
    return {
        "code": code,
        "centre": centre.code,
        "title": title,
        "category": "digital-skills",
        "audiences": ["farmers"],
        "sessions": [
            {
                "start": "2030-03-02T18:00",
                "end": "2030-03-02T19:30",
                "place": "Hội trường",
                "repeat": {"weekdays": ["tu", "th"], "count": 8},
            }
        ],
        "translations": {"en": {"title": "Digital skills for farmers"}},
    }


def row(number):
    """The row label the admin shows, in Vietnamese (the admin's language)."""
    with translation.override("vi"):
        return translation.gettext("row %(number)d") % {"number": number}


def csv_upload(courses, name="khoa-hoc.csv"):
    columns, rows = rows_from_catalogue({"courses": courses})
    return SimpleUploadedFile(name, write_csv(columns, rows), "text/csv")


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client


def upload(client, file, publish=False):
    data = {"file": file}
    if publish:
        data["publish"] = "on"
    return client.post(reverse("staff:import"), data)


def test_a_row_for_another_centre_is_rejected_with_its_row(staff_client, world):
    courses = [course(world.a, "A-NEW-01"), course(world.b, "B-NEW-01")]
    before = (CoursePage.objects.count(), Revision.objects.count())
    response = upload(staff_client, csv_upload(courses))
    outcome = response.context["outcome"]
    assert [(p.row, p.column) for p in outcome.problems] == [(row(3), "centre")]
    assert "token" not in response.context or not response.context["token"]
    assert (CoursePage.objects.count(), Revision.objects.count()) == before


def test_a_course_code_of_another_centre_cannot_be_taken(staff_client, world):
    stolen = course(world.a, world.b_course.code)
    response = upload(staff_client, csv_upload([stolen]))
    problems = response.context["outcome"].problems
    assert [(p.row, p.column) for p in problems] == [(row(2), "code")]
    assert CoursePage.objects.get(pk=world.b_course.pk).get_parent().pk == world.b.pk


def test_invalid_cells_are_reported_by_row_and_column(staff_client, world):
    bad = course(world.a, "A-BAD-01")
    bad["category"] = "astrology"
    bad["sessions"][0]["end"] = "2030-03-02T17:00"
    response = upload(staff_client, csv_upload([course(world.a, "A-OK"), bad]))
    problems = {(p.row, p.column) for p in response.context["outcome"].problems}
    assert problems == {(row(3), "category"), (row(3), "session1_end")}


def test_dry_run_shows_what_apply_then_does(staff_client, world):
    existing = CoursePage.objects.child_of(world.a).first()
    courses = [course(world.a, "A-NEW-01"), course(world.a, "A-NEW-02")]
    before = CoursePage.objects.count()
    response = upload(staff_client, csv_upload(courses), publish=True)
    dry = response.context["outcome"]
    assert dry.ok and dry.dry_run
    assert dry.counts["courses"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert [row[2] for row in dry.rows] == ["created", "created"]
    assert CoursePage.objects.count() == before
    response = staff_client.post(
        reverse("staff:import_apply"), {"token": response.context["token"]}
    )
    applied = response.context["outcome"]
    assert applied.ok and not applied.dry_run
    assert applied.counts == dry.counts
    created = CoursePage.objects.filter(code__in=["A-NEW-01", "A-NEW-02"])
    assert created.filter(locale__language_code="vi").live().count() == 2
    assert created.filter(locale__language_code="en").count() == 2
    assert existing.get_parent().pk == world.a.pk
    # The token is used once.
    again = staff_client.post(
        reverse("staff:import_apply"), {"token": response.context.get("token", "")}
    )
    assert again.status_code == 302


@pytest.mark.parametrize("fmt", [Format.XLSX, Format.CSV, Format.JSON])
def test_export_then_import_changes_nothing(staff_client, world, fmt):
    response = staff_client.get(
        reverse("staff:export"),
        {"scope": "centre", "centre": world.a.code, "format": fmt},
    )
    assert response.status_code == 200
    content = response.content
    if fmt == Format.JSON:
        data = json.loads(content)
        assert [c["code"] for c in data["centres"]] == [world.a.code]
    revisions = Revision.objects.count()
    response = upload(
        staff_client, SimpleUploadedFile(f"danh-muc.{fmt}", content), publish=True
    )
    outcome = response.context["outcome"]
    assert outcome.ok, [str(p) for p in outcome.problems]
    courses = outcome.counts["courses"]
    assert courses["created"] == courses["updated"] == 0
    assert courses["unchanged"] == CoursePage.objects.child_of(world.a).count()
    assert {row[2] for row in outcome.rows} == {"unchanged"}
    response = staff_client.post(
        reverse("staff:import_apply"), {"token": response.context["token"]}
    )
    assert response.context["outcome"].counts["courses"]["updated"] == 0
    assert Revision.objects.count() == revisions


def test_export_is_limited_to_what_the_user_may_see(staff_client, world):
    response = staff_client.get(
        reverse("staff:export"),
        {"scope": "centre", "centre": world.b.code, "format": "json"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "centre" in response.context["form"].errors
    response = staff_client.get(
        reverse("staff:export"), {"scope": "nation", "format": "json"}
    )
    data = json.loads(response.content)
    assert [c["code"] for c in data["centres"]] == [world.a.code]


def test_an_upload_over_the_limit_is_refused(staff_client, world, settings):
    settings.STAFF_IMPORT_MAX_BYTES = 100
    response = upload(staff_client, csv_upload([course(world.a, "A-BIG-01")]))
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert "outcome" not in response.context


def test_a_file_that_is_not_a_spreadsheet_is_reported(staff_client):
    response = upload(staff_client, SimpleUploadedFile("x.xlsx", b"not a zip"))
    problems = response.context["outcome"].problems
    assert len(problems) == 1 and "xlsx" in problems[0].message.lower()


def test_the_template_is_vietnamese_and_imports_for_my_centre(staff_client, world):
    response = staff_client.get(reverse("staff:import_template", args=["xlsx"]))
    assert response.status_code == 200
    columns, rows = read_xlsx(response.content)
    data, _where, problems = catalogue_from_rows(columns, rows)
    assert not problems
    assert data["courses"][0]["title"] == "Tin học cơ bản cho người cao tuổi"
    assert {c["centre"] for c in data["courses"]} == {world.a.code}
    response = upload(
        staff_client,
        SimpleUploadedFile("mau.xlsx", io.BytesIO(response.content).read()),
    )
    assert response.context["outcome"].ok
    assert response.context["outcome"].counts["courses"]["created"] == 2


def test_csv_with_semicolons_and_bom_is_read():
    text = "\ufeffcode;centre;title\nX-1;HTCD-1;Lớp học\n"
    columns, rows = read_csv(text.encode("utf-8"))
    assert columns == ["code", "centre", "title"]
    assert rows == [["X-1", "HTCD-1", "Lớp học"]]


def test_other_provinces_editor_cannot_import_into_b(client, world, editor_other):
    client.force_login(editor_other)
    response = upload(client, csv_upload([course(world.b, "B-X-01")]))
    assert [p.row for p in response.context["outcome"].problems] == [row(2)]
    assert not CoursePage.objects.filter(code="B-X-01").exists()


def test_a_province_the_user_may_not_see_is_refused(staff_client, world):
    """Like a centre they may not see: a form error, not an empty file."""
    other = world.c.commune.province
    response = staff_client.get(
        reverse("staff:export"),
        {"scope": "province", "province": other.pk, "format": "json"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "province" in response.context["form"].errors
    own = world.a.commune.province
    response = staff_client.get(
        reverse("staff:export"),
        {"scope": "province", "province": own.pk, "format": "json"},
    )
    data = json.loads(response.content)
    assert [c["code"] for c in data["centres"]] == [world.a.code]


def test_an_export_drops_control_characters_and_imports_back(staff_client, world):
    """A text holding a control character (a line break pasted from a word
    processor, stored before the portal stripped them) does not fail the XLSX
    export (an XLSX cell cannot hold one): it is exported without it, a vertical
    tab as a space, and importing the file back changes that course only."""
    page = CoursePage.objects.child_of(world.a).order_by("pk").first()
    latest = page_latest(page)
    latest.title = "Tin học\x0bcơ bản"
    latest.description = "<p>Mang theo\x1f điện thoại.</p>"
    # A draft, saved as before the portal stripped them (publishing cleans).
    page_save(latest, publish=False)
    response = staff_client.get(
        reverse("staff:export"),
        {"scope": "centre", "centre": world.a.code, "format": Format.XLSX},
    )
    assert response.status_code == 200
    columns, rows = read_xlsx(response.content)
    exported = {r[columns.index("code")]: r for r in rows}[page.code]
    assert exported[columns.index("title")] == "Tin học cơ bản"
    assert exported[columns.index("description")] == "Mang theo điện thoại."
    response = upload(
        staff_client, SimpleUploadedFile("danh-muc.xlsx", response.content), True
    )
    outcome = response.context["outcome"]
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert {code: (action, columns) for _row, code, action, columns in outcome.rows}[
        page.code
    ] == ("updated", ["description", "title"])
    assert outcome.counts["courses"]["updated"] == 1
    assert {row[2] for row in outcome.rows if row[1] != page.code} == {"unchanged"}
    staff_client.post(
        reverse("staff:import_apply"), {"token": response.context["token"]}
    )
    latest = page_latest(CoursePage.objects.get(pk=page.pk))
    assert latest.title == "Tin học cơ bản"
    assert latest.description == "<p>Mang theo điện thoại.</p>"


@pytest.mark.parametrize("fmt", [Format.CSV, Format.JSON])
def test_an_import_drops_control_characters(staff_client, world, fmt):
    record = course(world.a, "A-NEW-01", title="Kỹ năng\x0bsố\x00")
    record["description"] = "Mang theo\x1f điện thoại.\x0c"
    if fmt == Format.CSV:
        file = csv_upload([record])
    else:
        body = json.dumps({"courses": [record]}).encode()
        file = SimpleUploadedFile("khoa-hoc.json", body, "application/json")
    response = upload(staff_client, file, publish=True)
    assert response.context["outcome"].ok
    staff_client.post(
        reverse("staff:import_apply"), {"token": response.context["token"]}
    )
    created = CoursePage.objects.get(code="A-NEW-01", locale__language_code="vi")
    assert created.title == "Kỹ năng số"
    assert created.description == "<p>Mang theo điện thoại.</p>"


def test_a_centre_saved_in_the_admin_exports_and_imports_back_unchanged(
    staff_client, world
):
    """The admin writes a centre's description (and the translation editor a
    translation's) with its own markup: the centre's unchanged JSON export
    imports back with nothing updated and no revision added."""
    centre = CentrePage.objects.get(pk=world.a.pk)
    response = staff_client.post(
        reverse("wagtailadmin_pages:edit", args=[centre.pk]),
        centre_edit_form(
            centre,
            description=rich_text("<p>Phòng máy 15 chỗ.</p><p>Có <b>wifi</b>.</p>"),
        ),
    )
    assert response.status_code == 302
    centre = CentrePage.objects.get(pk=centre.pk)
    assert "data-block-key" in page_latest(centre).description
    english = page_latest(
        centre.get_translation(Locale.objects.get(language_code="en"))
    )
    english.description = '<p data-block-key="a1b2c">A <b>15-seat</b> room.</p>'
    page_save(english, publish=True)
    exported = staff_client.get(
        reverse("staff:export"),
        {"scope": "centre", "centre": centre.code, "format": Format.JSON},
    ).content
    assert json.loads(exported)["centres"][0]["translations"]["en"] == {
        "name": english.title,
        "description": "A 15-seat room.",
    }
    revisions = Revision.objects.count()
    response = upload(
        staff_client, SimpleUploadedFile("danh-muc.json", exported), publish=True
    )
    assert response.context["outcome"].counts["centres"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 1,
    }
    response = staff_client.post(
        reverse("staff:import_apply"), {"token": response.context["token"]}
    )
    assert response.context["outcome"].counts["centres"]["updated"] == 0
    assert Revision.objects.count() == revisions
    centre = CentrePage.objects.get(pk=centre.pk)
    assert "<b>wifi</b>" in page_latest(centre).description
