"""Spreadsheets (CSV and XLSX) <-> catalogue dicts (docs/spreadsheet-format.md).

One row per course; the columns are the catalogue's course keys, then one group of
columns per session (``session1_start`` ... ``session1_interval``, ``session2_...``),
then the translations (``title_en``, ``summary_en``, ...) and the cancelled or moved
classes as catalogue JSON. Row 1 holds the column names; data starts on row 2, and
problems are reported with these row numbers."""

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.text import strip_control_characters

COURSE_COLUMNS = (
    "code",
    "centre",
    "title",
    "summary",
    "description",
    "category",
    "audiences",
    "level",
    "teaching_language",
    "mode",
    "fee_vnd",
    "capacity",
    "instructor",
    "how_to_join",
    "curriculum",
)
SESSION_KEYS = ("start", "end", "place", "weekdays", "until", "count", "interval")
TRANSLATED_KEYS = ("title", "summary", "description", "how_to_join")
CANCELLATIONS = "cancellations"
INTEGER_COLUMNS = {"fee_vnd", "capacity"}
REQUIRED_COLUMNS = ("code", "centre", "title", "category")
# A text cell starting with one of these is a formula to a spreadsheet program
# (OWASP, "CSV Injection"): a CSV export writes it after an apostrophe, which
# the import removes again (see ``csv_escape``).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Whole numbers: ASCII digits only (str.isdigit() also accepts "²" and "٣").
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
# Đồng with thousands grouped the Vietnamese way ("12.500") or the English way
# ("12,500"), or by spaces: one kind of separator, every group three digits. The
# đồng has no fractions, so "12.500" can only mean twelve thousand five hundred;
# "12.5" or "12500,5" are refused, never guessed.
GROUPED_NUMBER = re.compile(r"-?[0-9]{1,3}([., \u00a0\u202f])[0-9]{3}(?:\1[0-9]{3})*")
CURRENCY = re.compile(r"\s*(₫|đ|đồng|vnđ|vnd)$", re.IGNORECASE)
SESSION_COLUMN = re.compile(r"^session(\d+)_(" + "|".join(SESSION_KEYS) + ")$")
DEFAULTS = {
    "level": "beginner",
    "teaching_language": "vi",
    "mode": "in_person",
    "fee_vnd": 0,
}


class Format(models.TextChoices):
    XLSX = "xlsx", _("Excel spreadsheet (.xlsx)")
    CSV = "csv", _("CSV (.csv, UTF-8)")
    JSON = "json", _("Catalogue JSON (.json)")


CONTENT_TYPES = {
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.CSV: "text/csv; charset=utf-8",
    Format.JSON: "application/json",
}


class SpreadsheetError(Exception):
    """The file cannot be read at all (not a spreadsheet, too many rows)."""


@dataclass
class RowProblem:
    """One rejected cell or row: ``row`` is the spreadsheet row number (or the
    catalogue location, e.g. "centres[2]", for JSON), ``column`` its column."""

    row: str
    column: str
    message: str

    def __str__(self):
        return f"{self.row}, {self.column}: {self.message}"


def translation_languages():
    """Return the content languages other than the source, in settings order."""
    return [code for code, _n in settings.WAGTAIL_CONTENT_LANGUAGES if code != "vi"]


def header(session_count=1):
    """Return the column names for ``session_count`` session groups."""
    columns = list(COURSE_COLUMNS)
    for n in range(1, session_count + 1):
        columns += [f"session{n}_{key}" for key in SESSION_KEYS]
    for language in translation_languages():
        columns += [f"{key}_{language}" for key in TRANSLATED_KEYS]
    columns.append(CANCELLATIONS)
    return columns


# Catalogue -> rows ---------------------------------------------------------------


def course_row(record):
    """Return the catalogue course ``record`` as ``{column: cell}`` (strings and
    whole numbers; missing optional values are empty)."""
    row = {}
    for column in COURSE_COLUMNS:
        value = record.get(column, DEFAULTS.get(column, ""))
        if column == "audiences":
            value = ", ".join(value or [])
        elif value is None:
            value = ""
        row[column] = value
    for n, session in enumerate(record.get("sessions") or [], start=1):
        repeat = session.get("repeat") or {}
        row[f"session{n}_start"] = session.get("start", "")
        row[f"session{n}_end"] = session.get("end", "")
        row[f"session{n}_place"] = session.get("place", "")
        row[f"session{n}_weekdays"] = ", ".join(repeat.get("weekdays", []))
        row[f"session{n}_until"] = repeat.get("until", "")
        row[f"session{n}_count"] = repeat.get("count", "")
        row[f"session{n}_interval"] = (
            repeat.get("interval", "") if repeat.get("interval", 1) != 1 else ""
        )
    for language, texts in (record.get("translations") or {}).items():
        for key in TRANSLATED_KEYS:
            if texts.get(key):
                row[f"{key}_{language}"] = texts[key]
    cancellations = record.get(CANCELLATIONS)
    row[CANCELLATIONS] = (
        json.dumps(cancellations, ensure_ascii=False) if cancellations else ""
    )
    return row


def rows_from_catalogue(data):
    """Return ``(columns, rows)``: the courses of catalogue ``data`` as spreadsheet
    rows (lists of cells in column order). Texts lose their control characters
    (``search.text.strip_control_characters``): an XLSX cell cannot hold them,
    and the import drops them too."""
    courses = data.get("courses", [])
    sessions = max([len(c.get("sessions") or []) for c in courses] + [1])
    columns = header(sessions)
    rows = []
    for record in courses:
        cells = course_row(record)
        rows.append([_cell(cells.get(column, "")) for column in columns])
    return columns, rows


def _cell(value):
    return strip_control_characters(value) if isinstance(value, str) else value


def csv_escape(value):
    """Return the CSV cell of ``value``: a text that a spreadsheet program would
    take for a formula gets an apostrophe in front (OWASP's advice against CSV
    injection), and so does a text that already starts with apostrophes before
    such a character, so that ``csv_unescape`` gives back exactly ``value``."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_unescape(cell):
    """Return the text of a CSV ``cell`` without the apostrophe ``csv_escape``
    put in front of it (an apostrophe before other text is kept)."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def write_csv(columns, rows):
    """Return the rows as UTF-8 CSV bytes (with a byte-order mark, so that
    spreadsheet programs read Vietnamese correctly); no cell is a formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([csv_escape(cell) for cell in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(columns, rows, notes=None):
    """Return the rows as an XLSX workbook; ``notes`` ([(column, explanation)])
    become a second sheet explaining the columns. Every text is a text cell,
    even one starting with "=": a course title is never run as a formula."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "courses"
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl's guess for "=..." text
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    if notes:
        help_sheet = workbook.create_sheet("huong-dan")
        for note in notes:
            help_sheet.append(list(note))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# Rows -> catalogue ---------------------------------------------------------------


def read_csv(content):
    """Return ``(columns, rows)`` from CSV bytes (UTF-8, a byte-order mark allowed;
    commas or semicolons)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(_("The CSV file is not UTF-8 text.")) from None
    # Only the separator is guessed, from the header: the sniffer's other guesses
    # (from a header without quotes: no doubled quotes) would keep the second
    # quote of every "" in the cells.
    try:
        delimiter = (
            csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
        )
    except csv.Error:
        delimiter = ","
    # No cell can be longer than the file, which the upload limit bounds; long
    # texts are then reported by the validation with their row and column, where
    # the csv module's own limit (131,072 characters) would stop the reading.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)
    rows = [[csv_unescape(cell) for cell in row] for row in reader]
    return _split(rows)


def read_xlsx(content):
    """Return ``(columns, rows)`` from the first sheet of XLSX bytes."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not XLSX
        raise SpreadsheetError(
            _("The file is not an Excel (.xlsx) workbook.")
        ) from None
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        if len(rows) > settings.STAFF_IMPORT_MAX_ROWS + 1:
            break
    workbook.close()
    return _split(rows)


def _split(rows):
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    if len(rows) > settings.STAFF_IMPORT_MAX_ROWS + 1:
        raise SpreadsheetError(
            _("The file has more than %(max)d rows.")
            % {"max": settings.STAFF_IMPORT_MAX_ROWS}
        )
    columns = [str(c).strip() if c is not None else "" for c in rows[0]]
    return columns, rows[1:]


def _text(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # As the catalogue's import reads every text (catalogue_parse), so that the
    # dry run's changed columns are the import's.
    return strip_control_characters(str(value)).strip()


def _integer(value, money=False):
    """Return a whole number from a cell, or the cell's value when it is not one
    (the catalogue validation then reports "must be a whole number"). A number
    cell must hold a whole number (3.0 is 3, 1.5 is refused); a text cell ASCII
    digits, and for an amount of đồng (``money``) also thousands grouped by one
    kind of separator and a currency sign: "12.500", "12,500", "12.500 ₫"."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    text = _text(value)
    if money:
        number = CURRENCY.sub("", text).strip()
        match = GROUPED_NUMBER.fullmatch(number)
        if match:
            return int(number.replace(match.group(1), ""))
        text = number or text
    return int(text) if WHOLE_NUMBER.fullmatch(text) else text


def _list(value):
    return [part.strip() for part in _text(value).split(",") if part.strip()]


def course_record(cells):
    """Return the catalogue course record of one row (``{column: cell}``)."""
    record = {}
    for column in COURSE_COLUMNS:
        value = cells.get(column)
        if column == "audiences":
            record[column] = _list(value)
        elif column in INTEGER_COLUMNS:
            if _text(value) == "":
                record[column] = None if column == "capacity" else 0
            else:
                record[column] = _integer(value, money=column == "fee_vnd")
        elif column == "curriculum":
            record[column] = _text(value) or None
        else:
            text = _text(value)
            if text or column not in DEFAULTS:
                record[column] = text
            else:
                record[column] = DEFAULTS[column]
    sessions = {}
    for column, value in cells.items():
        match = SESSION_COLUMN.match(column)
        if match and _text(value) != "":
            sessions.setdefault(int(match.group(1)), {})[match.group(2)] = value
    record["sessions"] = []
    for n in sorted(sessions):
        raw = sessions[n]
        session = {
            "start": _text(raw.get("start")),
            "end": _text(raw.get("end")),
            "place": _text(raw.get("place")),
        }
        if _text(raw.get("weekdays")):
            repeat = {"weekdays": [d.lower() for d in _list(raw.get("weekdays"))]}
            if _text(raw.get("until")):
                repeat["until"] = _text(raw.get("until"))[:10]
            if _text(raw.get("count")):
                repeat["count"] = _integer(raw.get("count"))
            if _text(raw.get("interval")):
                repeat["interval"] = _integer(raw.get("interval"))
            session["repeat"] = repeat
        record["sessions"].append(session)
    translations = {}
    for language in translation_languages():
        texts = {
            key: _text(cells.get(f"{key}_{language}"))
            for key in TRANSLATED_KEYS
            if _text(cells.get(f"{key}_{language}"))
        }
        if texts:
            translations[language] = texts
    if translations:
        record["translations"] = translations
    if _text(cells.get(CANCELLATIONS)):
        from courses.catalogue import TooDeep, json_loads

        try:
            record[CANCELLATIONS] = json_loads(_text(cells.get(CANCELLATIONS)))
        except (json.JSONDecodeError, TooDeep):
            # The validation reports it: "must be a list".
            record[CANCELLATIONS] = _text(cells.get(CANCELLATIONS))
    return record


def catalogue_from_rows(columns, rows):
    """Return ``(data, where, problems)``: the catalogue dict of the spreadsheet
    rows, the row label of each course (``where[i]``, "row 2" for the first data
    row) and the problems found before validation (unknown columns)."""
    problems = []
    known = set(header(0)) | {CANCELLATIONS}
    for column in columns:
        if column and column not in known and not SESSION_COLUMN.match(column):
            problems.append(
                RowProblem(str(_("row 1")), column, str(_("unknown column")))
            )
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            problems.append(
                RowProblem(str(_("row 1")), column, str(_("missing column")))
            )
    courses, where, seen = [], [], {}
    for number, row in enumerate(rows, start=2):
        cells = dict(zip(columns, row, strict=False))
        if all(_text(v) == "" for v in cells.values()):
            continue
        record = course_record(cells)
        label = str(_("row %(number)d") % {"number": number})
        code = record.get("code")
        if code and code in seen:
            problems.append(
                RowProblem(
                    label,
                    "code",
                    str(_("duplicate code (also %(where)s)") % {"where": seen[code]}),
                )
            )
        elif code:
            seen[code] = label
        courses.append(record)
        where.append(label)
    return {"courses": courses}, where, problems


# Problems -> cells ---------------------------------------------------------------

_SESSION_FIELD = re.compile(r"^sessions\[(\d+)\](?:\.repeat)?(?:\.(\w+))?")
_TRANSLATION_FIELD = re.compile(r"^translations\.(\w+)\.(\w+)")


def column_of(field):
    """Return the spreadsheet column of a catalogue problem's ``field``."""
    match = _SESSION_FIELD.match(field)
    if match:
        key = match.group(2) or "start"
        return f"session{int(match.group(1)) + 1}_{key}"
    match = _TRANSLATION_FIELD.match(field)
    if match:
        return f"{match.group(2)}_{match.group(1)}"
    if field.startswith("cancellations"):
        return CANCELLATIONS
    return field or "—"


def read_upload(name, content):
    """Return ``(data, where, problems)`` for an uploaded file: the catalogue dict,
    the row label of each record by ``(section, index)``, and the problems that
    stop it being read (reported like validation problems, nothing written)."""
    from courses.catalogue import (
        CatalogueError,
        catalogue_parse,
        catalogue_references_check,
    )

    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        if extension == Format.JSON:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise SpreadsheetError(_("The file is not UTF-8 text.")) from None
            try:
                data = catalogue_parse(text, name)
            except CatalogueError as error:
                return {}, {}, [RowProblem("—", "—", str(p)) for p in error.problems]
            where = {}
        else:
            reader = read_xlsx if extension == Format.XLSX else read_csv
            columns, rows = reader(content)
            data, labels, problems = catalogue_from_rows(columns, rows)
            where = {("courses", index): label for index, label in enumerate(labels)}
            if problems:
                return data, where, problems
    except SpreadsheetError as error:
        return {}, {}, [RowProblem("—", "—", str(error))]
    # The codes every later step (what the user may write, then the validation)
    # relies on: checked first, so that a missing or unknown centre is reported
    # as such, not as a centre the user may not edit.
    problems = [
        RowProblem(
            where.get((p.section, p.index), f"{p.section}[{p.index}]"),
            column_of(p.field),
            p.message,
        )
        for p in catalogue_references_check(data)
    ]
    return data, where, problems


TEMPLATE_NOTES = (
    ("code", "Mã khóa học, duy nhất (bắt buộc)"),
    ("centre", "Mã trung tâm (bắt buộc), ví dụ HTCD-24000"),
    ("title", "Tên khóa học bằng tiếng Việt (bắt buộc)"),
    ("summary, description", "Tóm tắt; mô tả (dòng trống = đoạn mới)"),
    (
        "category",
        "Lĩnh vực (bắt buộc): digital-skills, literacy, foreign-languages, "
        "agriculture, health, law-civics, vocational, culture-arts, life-skills",
    ),
    (
        "audiences",
        "Đối tượng, cách nhau bằng dấu phẩy: everyone, older-adults, women, youth, "
        "children, ethnic-minorities, people-with-disabilities, farmers, workers",
    ),
    ("level", "beginner (mặc định), intermediate, advanced"),
    ("teaching_language", "vi (mặc định), en, km, zh, ko, ja, tyz, hmn"),
    ("mode", "in_person (mặc định), online, blended"),
    ("fee_vnd", "Học phí (đồng), 0 = miễn phí"),
    ("capacity", "Số chỗ; để trống nếu không giới hạn"),
    ("instructor, how_to_join", "Giảng viên; cách đăng ký"),
    ("curriculum", "Mã chương trình quốc gia (nếu có)"),
    (
        "sessionN_start, sessionN_end",
        "Buổi học N: bắt đầu, kết thúc, dạng 2027-01-05T18:00 (giờ Việt Nam)",
    ),
    ("sessionN_place", "Phòng học"),
    ("sessionN_weekdays", "Lặp hằng tuần vào các ngày: mo, tu, we, th, fr, sa, su"),
    (
        "sessionN_until / sessionN_count",
        "Lặp đến ngày (2027-03-30) hoặc số buổi; chỉ điền một trong hai",
    ),
    ("sessionN_interval", "Cách mấy tuần một lần (mặc định 1)"),
    ("title_en, summary_en, ...", "Bản dịch tiếng Anh (_en) và tiếng Khmer (_km)"),
    ("cancellations", "Buổi nghỉ hoặc dời lịch, dạng JSON như định dạng danh mục"),
)


def template_catalogue():
    """Return the example courses of the downloadable template (Vietnamese)."""
    return {
        "courses": [
            {
                "code": "HTCD-24000-01",
                "centre": "HTCD-24000",
                "title": "Tin học cơ bản cho người cao tuổi",
                "summary": "Dùng điện thoại thông minh, Zalo và dịch vụ công.",
                "description": "Mang theo điện thoại.\n\nCó máy tính dự phòng.",
                "category": "digital-skills",
                "audiences": ["older-adults"],
                "level": "beginner",
                "teaching_language": "vi",
                "mode": "in_person",
                "fee_vnd": 0,
                "capacity": 20,
                "instructor": "Cô Nguyễn Thị Lan",
                "how_to_join": "Đăng ký tại trung tâm hoặc gọi 0262 3812 345.",
                "curriculum": None,
                "sessions": [
                    {
                        "start": "2027-01-05T18:00",
                        "end": "2027-01-05T19:30",
                        "place": "Phòng máy",
                        "repeat": {"weekdays": ["tu", "th"], "until": "2027-03-30"},
                    }
                ],
                "translations": {"en": {"title": "Basic computing for older adults"}},
            },
            {
                "code": "HTCD-24000-02",
                "centre": "HTCD-24000",
                "title": "Trồng cà phê bền vững",
                "summary": "Kỹ thuật tưới tiết kiệm và bón phân hữu cơ.",
                "description": "",
                "category": "agriculture",
                "audiences": ["farmers"],
                "level": "intermediate",
                "teaching_language": "vi",
                "mode": "in_person",
                "fee_vnd": 50000,
                "capacity": None,
                "instructor": "Kỹ sư Y Bhin Niê",
                "how_to_join": "",
                "curriculum": None,
                "sessions": [
                    {
                        "start": "2027-02-06T08:00",
                        "end": "2027-02-06T10:00",
                        "place": "Hội trường",
                        "repeat": {"weekdays": ["sa"], "count": 6},
                    },
                    {
                        "start": "2027-03-20T08:00",
                        "end": "2027-03-20T11:00",
                        "place": "Vườn mẫu",
                    },
                ],
            },
        ]
    }


def export_file(data, fmt, notes=None):
    """Return the bytes of catalogue ``data`` in ``fmt`` (JSON: the catalogue;
    CSV and XLSX: its courses)."""
    if fmt == Format.JSON:
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    columns, rows = rows_from_catalogue(data)
    if fmt == Format.XLSX:
        return write_xlsx(columns, rows, notes)
    return write_csv(columns, rows)
