"""The pilot evaluation as files: an XLSX workbook (a sheet per table), one CSV and a PDF report with charts.

All three are written from the same `Evaluation` as the page, so they say the same thing, and a count hidden by
small-cell suppression is written as "–" everywhere: the files never hold its number.
"""

import csv
import dataclasses
import io
import re
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from insteg.lib.pdf import refuse_fetch
from insteg.reports.figures import Evaluation, Table
from insteg.reports.suppression import Count

HIDDEN = "–"
PERCENT = re.compile(r"^(\d+) %$")


# --- What every format says ---------------------------------------------------------------------------------------


def report_title() -> str:
    return _("Pilot evaluation")


def period_text(evaluation: Evaluation) -> str:
    return f"{evaluation.start.isoformat()} – {evaluation.end.isoformat()}"


def selection_text(evaluation: Evaluation, *, all_chosen: bool) -> str:
    """Which procurements, in a sentence; the list itself is a sheet of the workbook and, when chosen, in the PDF."""
    count = len(evaluation.procurements)
    if not count:
        return _("No procurements to report on.")
    if all_chosen:
        text = ngettext("All %(count)d published procurement.", "All %(count)d published procurements.", count)
    else:
        text = ngettext("%(count)d chosen procurement.", "%(count)d chosen procurements.", count)
    return text % {"count": count}


def procurement_names(evaluation: Evaluation) -> list[str]:
    return [f"{procurement.reference} {procurement.title}" for procurement in evaluation.procurements]


def suppression_note(evaluation: Evaluation) -> str:
    if evaluation.threshold:
        return _(
            "Small groups are hidden: counts of people below %(threshold)d are shown as –, and so is any figure "
            "that would reveal one."
        ) % {"threshold": evaluation.threshold}
    return _(
        "Exact counts: this version shows small groups as they are and is for the municipality's staff. Share "
        "the figures outside the municipality only with counts below %(threshold)d hidden."
    ) % {"threshold": settings.INSTEG_REPORT_MIN_CELL}


def method_notes(evaluation: Evaluation) -> list[tuple[str, str]]:
    """What is counted and where the numbers come from, for the page, the PDF and the workbook's front sheet."""
    return [
        (
            _("Procurements"),
            _(
                "The chosen procurements that have been published. Requirements, tenderers, winners and answers "
                "to questions are counted for the whole procurement, whatever the period."
            ),
        ),
        (
            _("People"),
            _(
                "Placements that started in the period (planned placements that never started are not counted), "
                "by the age band and gender recorded for the person. Gender is self-reported and optional."
            ),
        ),
        (
            _("Months"),
            _(
                "Months committed are full-time months in the contracts' commitments. Months delivered come from "
                "the placements followed up in Insteg when a contract has any, else from the supplier's reports; "
                "the table says which for each contract. Delivery is counted from the start of each contract up "
                "to the end of the period or today, whichever comes first."
            ),
        ),
        (
            _("Outcomes"),
            _(
                "Where the person went at the end of the placement and 90 days after it (Statskontoret's measure), "
                "with how the outcome is known: self-reported, confirmed by the employer or verified in a register. "
                "The completion rate is the share of ended placements that were completed as planned."
            ),
        ),
        (
            _("Supervisors"),
            _("People from the contracted companies who attended the supervisor training during the period."),
        ),
        (
            _("Answers on time"),
            _(
                "Published answers to suppliers' questions, on time when published by the legal answer deadline "
                "(six days before the tender deadline, four when the procedure is accelerated)."
            ),
        ),
        (_("Small groups"), suppression_note(evaluation)),
        (
            _("Retention"),
            _(
                "The figures are counted from data kept when people's details are erased or anonymised, so the "
                "report stays the same after retention."
            ),
        ),
    ]


def filename(evaluation: Evaluation, extension: str) -> str:
    return f"{_('pilot-evaluation')}-{evaluation.start.isoformat()}-{evaluation.end.isoformat()}.{extension}"


def cell_text(value) -> str:
    """How a value reads in the table: hidden counts as "–", decimals in the reader's language."""
    if isinstance(value, Count):
        return HIDDEN if value.hidden else str(value.value)
    if isinstance(value, Decimal | float):
        return formats.number_format(value)
    return str(value)


def is_number(value) -> bool:
    return isinstance(value, Count | int | float | Decimal) and not isinstance(value, bool)


def row_header(table: Table) -> str:
    """What the rows of a table are, for the header of its first column."""
    return {
        "requirements": _("Requirement"),
        "commitments": _("Contract"),
        "people": _("Age band"),
        "completion": _("How it ended"),
        "outcomes": _("Outcome"),
        "evidence": _("How it is known"),
        "supervisors": _("Company"),
        "smes": _("Companies"),
        "questions": _("Answers"),
    }.get(table.key, _("Row"))


def shown_table(table: Table, row_urls: list[str | None] | None = None) -> dict:
    """The table as the page and the PDF show it: text for every cell, hidden cells marked, links on rows."""
    rows = rows_with_total(table)
    urls = list(row_urls or []) + [None] * len(rows)
    numeric = [
        all(_reads_as_number(values[index]) for _label, values, _total in rows if values[index] != "")
        for index in range(len(table.columns))
    ]
    return {
        "row_header": row_header(table),
        "columns": [{"text": str(column), "number": numeric[index]} for index, column in enumerate(table.columns)],
        "rows": [
            {
                "label": label,
                "total": is_total,
                "url": None if is_total else urls[index],
                "cells": [
                    {"text": cell_text(value), "number": numeric[column], "hidden": _is_hidden(value)}
                    for column, value in enumerate(values)
                ],
            }
            for index, (label, values, is_total) in enumerate(rows)
        ],
    }


def _reads_as_number(value) -> bool:
    return is_number(value) or (isinstance(value, str) and (value == HIDDEN or bool(PERCENT.match(value))))


def _is_hidden(value) -> bool:
    return (isinstance(value, Count) and value.hidden) or value == HIDDEN


def rows_with_total(table: Table) -> list[tuple[str, list, bool]]:
    rows = [(str(label), values, False) for label, values in table.rows]
    if table.total:
        rows.append((str(table.total[0]), table.total[1], True))
    return rows


# --- XLSX ---------------------------------------------------------------------------------------------------------


def _sheet_names() -> dict[str, str]:
    return {
        "requirements": _("Requirements"),
        "commitments": _("Commitments"),
        "people": _("People"),
        "completion": _("Completion"),
        "outcomes": _("Outcomes"),
        "evidence": _("Evidence"),
        "supervisors": _("Supervisors"),
        "smes": _("SMEs"),
        "questions": _("Questions"),
    }


def sheet_name(table: Table) -> str:
    name = _sheet_names().get(table.key, table.key)
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31]


def evaluation_xlsx(evaluation: Evaluation, *, all_chosen: bool = True) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    _front_sheet(workbook.active, evaluation, all_chosen)
    _procurements_sheet(workbook.create_sheet(_("Procurements")[:31]), evaluation)
    for table in evaluation.tables:
        _table_sheet(workbook.create_sheet(sheet_name(table)), table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _front_sheet(sheet, evaluation: Evaluation, all_chosen: bool) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheet.title = _("Report")[:31]
    sheet["A1"] = report_title()
    sheet["A1"].font = Font(bold=True, size=16)
    facts = [
        (_("Period"), period_text(evaluation)),
        (_("Procurements"), selection_text(evaluation, all_chosen=all_chosen)),
        (_("Small groups"), suppression_note(evaluation)),
        (_("Created"), timezone.localdate().isoformat()),
    ]
    row = 3
    for label, text in facts:
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        _text_cell(sheet.cell(row=row, column=2), text).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    sheet.cell(row=row, column=1, value=_("Tables")).font = Font(bold=True, size=13)
    for table in evaluation.tables:
        row += 1
        link = sheet.cell(row=row, column=1, value=sheet_name(table))
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet_name(table)}'!A1")
        link.font = Font(underline="single", color="005A8C")
        _text_cell(sheet.cell(row=row, column=2), str(table.title))
    row += 2
    sheet.cell(row=row, column=1, value=_("Method")).font = Font(bold=True, size=13)
    for label, text in method_notes(evaluation):
        row += 1
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        sheet.cell(row=row, column=2, value=text).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90


HEADER_ROW = 4  # title, summary, a blank row, then the table


def _procurements_sheet(sheet, evaluation: Evaluation) -> None:
    from openpyxl.styles import Font

    sheet["A1"] = _("Procurements in the report")
    sheet["A1"].font = Font(bold=True, size=14)
    _header(sheet, [_("Reference"), _("Title")])
    for row, procurement in enumerate(evaluation.procurements, start=HEADER_ROW + 1):
        _text_cell(sheet.cell(row=row, column=1), procurement.reference)
        _text_cell(sheet.cell(row=row, column=2), procurement.title)
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 70
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)


def _header(sheet, header: list[str]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    for column, text in enumerate(header, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="003F63")
        cell.border = Border(bottom=Side(style="medium", color="1B1B1B"))
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="left" if column == 1 else "right")


def _table_sheet(sheet, table: Table) -> None:
    from openpyxl.styles import Border, Font, Side
    from openpyxl.utils import get_column_letter

    sheet["A1"] = str(table.title)
    sheet["A1"].font = Font(bold=True, size=14)
    _text_cell(sheet["A2"], table.summary)
    header = [row_header(table), *(str(column) for column in table.columns)]
    _header(sheet, header)
    row = HEADER_ROW
    for label, values, is_total in rows_with_total(table):
        row += 1
        _text_cell(sheet.cell(row=row, column=1), label).font = Font(bold=is_total)
        for column, value in enumerate(values, start=2):
            cell = _value_cell(sheet.cell(row=row, column=column), value)
            cell.font = Font(bold=is_total)
        if is_total:
            for column in range(1, len(header) + 1):
                sheet.cell(row=row, column=column).border = Border(top=Side(style="thin", color="1B1B1B"))
    widths = [max(len(label) for label in [header[0], *(label for label, _v, _t in rows_with_total(table))])]
    widths += [len(text) for text in header[1:]]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 12), 60)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)


def _text_cell(cell, text: str):
    cell.value = text
    if isinstance(text, str) and text.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text: a name cannot run in the reader's Excel
    return cell


def _value_cell(cell, value):
    from openpyxl.styles import Alignment

    if isinstance(value, Count) and value.hidden:
        cell.value = HIDDEN
        cell.alignment = Alignment(horizontal="right")
    elif isinstance(value, Count):
        cell.value = value.value
        cell.number_format = "#,##0"
    elif isinstance(value, bool):
        _text_cell(cell, str(value))
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = "#,##0"
    elif isinstance(value, Decimal | float):
        cell.value = float(value)
        cell.number_format = "#,##0.0#"
    elif isinstance(value, str) and PERCENT.match(value):
        cell.value = int(PERCENT.match(value).group(1)) / 100
        cell.number_format = "0 %"
    else:
        _text_cell(cell, str(value))
        if str(value) == HIDDEN:
            cell.alignment = Alignment(horizontal="right")
    return cell


# --- CSV ----------------------------------------------------------------------------------------------------------


def evaluation_csv(evaluation: Evaluation) -> str:
    """One file in long form (table, row, column, value), the way Swedish Excel opens it: UTF-8 with a byte order
    mark, semicolons between fields and a decimal comma."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["table", "row", "column", "value"])  # fixed names, so a script reads the file in any language
    for table in evaluation.tables:
        for label, values, _is_total in rows_with_total(table):
            for column, value in zip(table.columns, values, strict=False):
                writer.writerow(
                    [_csv_text(str(table.title)), _csv_text(label), _csv_text(str(column)), _csv_value(value)]
                )
    return buffer.getvalue()


def _csv_value(value) -> str:
    if isinstance(value, Count):
        return HIDDEN if value.hidden else str(value.value)
    if isinstance(value, Decimal | float):
        return format(Decimal(str(value)).normalize(), "f").replace(".", ",")
    return _csv_text(str(value))


def _csv_text(text: str) -> str:
    """Text that Excel would take for a formula is written with a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


# --- PDF ----------------------------------------------------------------------------------------------------------


CHART_SCHEME = "insteg-chart:"
PDF_MAX_ROWS = 30  # a longer table of contracts or companies is summed up in the PDF; the files have every row
PDF_MAX_LISTED = 30  # procurements listed on the title page when all are reported on


def evaluation_pdf(evaluation: Evaluation, *, all_chosen: bool = True) -> bytes:
    # Imported here: WeasyPrint loads pango and fonts, which only the PDF download needs.
    from weasyprint import HTML

    from insteg.reports.charts import chart_for, not_drawn_note

    tables = []
    for table in evaluation.tables:
        chart = chart_for(table)
        note = "" if chart else not_drawn_note(table)
        tables.append({"table": table, "chart": chart, "chart_note": note, "shown": shown_table(_abbreviated(table))})
    names = procurement_names(evaluation)
    html = render_to_string(
        "reports/evaluation_pdf.html",
        {
            "title": report_title(),
            "language": get_language(),
            "evaluation": evaluation,
            "period": period_text(evaluation),
            "selection": selection_text(evaluation, all_chosen=all_chosen),
            "procurement_names": names if not all_chosen or len(names) <= PDF_MAX_LISTED else [],
            "suppression_note": suppression_note(evaluation),
            "method_notes": method_notes(evaluation),
            "tables": tables,
            "chart_scheme": CHART_SCHEME,
            "created": timezone.localdate(),
        },
    )
    charts = {item["table"].key: item["chart"].svg for item in tables if item["chart"]}
    return HTML(string=html, url_fetcher=_chart_fetcher(charts)).write_pdf(pdf_variant="pdf/ua-1")


def _abbreviated(table: Table) -> Table:
    """A long table not about people (contracts, say) as its first rows and one row that sums up the rest, so a
    printed report stays readable; the XLSX and CSV have every row. Tables about people are never summed up this
    way: a sum of hidden counts could reveal them."""
    if table.about_people or len(table.rows) <= PDF_MAX_ROWS + 1:
        return table
    shown, rest = table.rows[:PDF_MAX_ROWS], table.rows[PDF_MAX_ROWS:]
    label = ngettext(
        "%(count)d more row (every row is in the XLSX and CSV files)",
        "%(count)d more rows (every row is in the XLSX and CSV files)",
        len(rest),
    ) % {"count": len(rest)}
    sums = [_column_sum([values[index] for _label, values in rest]) for index in range(len(table.columns))]
    return dataclasses.replace(table, rows=[*shown, (label, sums)])


def _column_sum(values: list):
    if values and all(is_number(value) and not isinstance(value, Count) for value in values):
        return sum(values)
    return ""


def _chart_fetcher(charts: dict[str, str]):
    """The report's own charts, from memory, as images with their alt text (so PDF/UA has a figure with a text
    alternative and each SVG keeps its own styles and ids); every other URL is refused as in all Insteg PDFs."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ChartFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            key = url.removeprefix(CHART_SCHEME)
            if url.startswith(CHART_SCHEME) and key in charts:
                return URLFetcherResponse(url, charts[key].encode("utf-8"), {"Content-Type": "image/svg+xml"})
            return refuse_fetch(url)

    return ChartFetcher()
