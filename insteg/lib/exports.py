"""Lists as files: `?export=csv` or `?export=xlsx` on a list page gives the rows that page would show, all of them.

A list view builds its queryset exactly as for the page (same access rules, same filters), then hands it here
with the columns the role sees on that page. No export has a route of its own, so who may download what is
decided by the page's own checks, by construction.

CSV is written the way Swedish Excel reads it when the file is double-clicked: UTF-8 with a byte-order mark
(without it Excel shows å, ä, ö as mojibake), `;` between fields (Excel in a Swedish locale expects it, the comma
being the decimal separator) and decimal commas. Dates are ISO 8601 (2025-03-01), times local Swedish time
(2025-03-01 14:05:00). XLSX gets real dates and numbers, a bold frozen header row and column widths.

Text that came from a user is neutralised against formula injection: a cell that starts like a formula
(`=HYPERLINK(...)`, `+`, `-`, `@`, a tab or carriage return) is written with a leading apostrophe, so the
reader's spreadsheet shows it as text and never runs it.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A guard against a runaway download, far above any list Insteg holds; the docs say so.
MAX_ROWS = 100_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column of an export: its (translated) header and how to get the cell's value from a row."""

    header: str | Promise
    value: Callable[[Any], Any]
    width: int = 20


def safe_cell(value: str) -> str:
    """A cell that starts like a formula is written as text, so a name cannot run in the reader's Excel."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def requested_format(request) -> str | None:
    """`csv` or `xlsx` when the page was asked for a file; any other value gives the ordinary page."""
    value = request.GET.get("export", "")
    return value if value in FORMATS else None


def _plain(value: Any) -> Any:
    """A Python value as a cell value: numbers, dates and text stay themselves; the rest becomes text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0) if timezone.is_aware(value) else value
    if isinstance(value, (date, int, float, Decimal)):
        return value
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(item) for item in value)
    return safe_cell(str(value))


def _csv_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (float, Decimal)):
        # Fixed-point (never 1E+1), decimal comma: Swedish Excel reads 12,5 as a number and 12.5 as text or a date.
        return format(Decimal(str(value)), "f").replace(".", ",")
    return str(value)


def _values(columns: list[Column], rows: Iterable) -> Iterable[list]:
    for row in rows:
        yield [_plain(column.value(row)) for column in columns]


def csv_bytes(columns: list[Column], rows: Iterable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(str(column.header)) for column in columns])
    for values in _values(columns, rows):
        writer.writerow([_csv_text(value) for value in values])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(columns: list[Column], rows: Iterable, *, title: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    # In write-only mode the layout must be set before the first row is written.
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=safe_cell(str(column.header)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for values in _values(columns, rows):
        sheet.append([_xlsx_cell(sheet, value) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value: Any):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def _sheet_title(title: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet name.
    cleaned = "".join(" " if character in "[]:*?/\\" else character for character in str(title)).strip()
    return cleaned[:31] or "Sheet1"


def response(export_format: str, stem: str, columns: list[Column], rows: Iterable, *, title: str = "") -> HttpResponse:
    """The file as a download named `<stem>-<today>.<format>`: a stem is ASCII and never a person's name."""
    rows = rows[:MAX_ROWS] if hasattr(rows, "__getitem__") else rows
    filename = f"{stem}-{timezone.localdate().isoformat()}.{export_format}"
    if export_format == XLSX:
        result = HttpResponse(xlsx_bytes(columns, rows, title=title or stem), content_type=XLSX_CONTENT_TYPE)
    else:
        result = HttpResponse(csv_bytes(columns, rows), content_type="text/csv; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    result["Cache-Control"] = "private, no-store"  # lists can hold personal data: no shared or disk cache
    return result
