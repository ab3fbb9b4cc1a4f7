"""The downloadable templates: the columns to fill in (Swedish headers; English ones are accepted too), and in
the workbook a sheet explaining every column and a sheet with every allowed code."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from insteg.imports.parsing import Column
from insteg.training.documents import _safe_cell

SHEET_NAMES = {"participants": "Deltagare", "positions": "Platser"}


def template_columns(columns: list[Column]) -> list[Column]:
    return [column for column in columns if column.in_template]


def header(column: Column) -> str:
    return f"{column.header_sv} *" if column.required else column.header_sv


def template_csv(columns: list[Column]) -> bytes:
    """Semicolons and a byte-order mark: what Swedish Excel opens as columns, with å, ä and ö intact."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(
        [header(column) for column in template_columns(columns)]
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(kind: str, columns: list[Column]) -> bytes:
    columns = template_columns(columns)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAMES[kind]
    sheet.append([header(column) for column in columns])
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(header(column)) + 4)
    sheet.freeze_panes = "A2"
    _help_sheet(workbook.create_sheet("Kolumner"), columns)
    _codes_sheet(workbook.create_sheet("Koder"), columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _help_sheet(sheet, columns: list[Column]) -> None:
    sheet.append([_("Column"), _("Also accepted"), _("Required"), _("What to write")])
    for column in columns:
        allowed = _("A code from the sheet Koder.") if column.allowed else ""
        sheet.append(
            [
                column.header_sv,
                column.header_en,
                _("yes") if column.required else _("no"),
                _safe_cell(" ".join(part for part in (str(column.help), allowed) if part)),
            ]
        )
    _style(sheet, [24, 28, 10, 90])


def _codes_sheet(sheet, columns: list[Column]) -> None:
    sheet.append([_("Column"), _("Code"), _("Meaning")])
    for column in columns:
        for code, label in column.allowed() if column.allowed else []:
            sheet.append([column.header_sv, _safe_cell(str(code)), _safe_cell(str(label))])
    _style(sheet, [24, 28, 70])


def _style(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
