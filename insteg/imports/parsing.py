"""Reading an uploaded CSV or XLSX file into rows of text, keyed by column.

Swedish Excel saves "CSV" as cp1252 with semicolons; other tools write UTF-8 (with or without a byte-order
mark) and commas. Both are read. Every way a file can be wrong ends as a `FileProblem` with a sentence for the
person who uploaded it, never as a crash: the file comes from outside and may be anything.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_CELL_CHARS = 5000  # longer than any field: a too-long cell gets the field's own message
DELIMITERS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message says why in the uploader's language."""


@dataclass
class Column:
    """One column of an import: its key, the header in the template, the names accepted for it, and help."""

    key: str
    header_sv: str
    header_en: str
    required: bool = False
    help: str = ""
    aliases: tuple[str, ...] = ()
    allowed: object = None  # a callable giving [(code, label)] for the codes sheet, or None
    in_template: bool = True

    def names(self) -> set[str]:
        return {normalise_header(name) for name in (self.key, self.header_sv, self.header_en, *self.aliases)}


@dataclass
class Table:
    rows: list[tuple[int, dict[str, str]]]
    notes: list[str] = field(default_factory=list)


def normalise_header(name: str) -> str:
    """ "Förnamn *", "first name" and "first_name" all compare as one name."""
    text = str(name or "").replace("\ufeff", "").strip().casefold().rstrip("*").strip()
    return re.sub(r"[\s_\-]+", "_", text)


def read_upload(upload) -> tuple[bytes, str]:
    """The bytes of an uploaded file, refusing what is too big before reading all of it."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:200]
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise FileProblem(_("The file is larger than %(size)d MB. Split it into smaller files.") % {"size": 5})
    content = upload.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise FileProblem(_("The file is larger than %(size)d MB. Split it into smaller files.") % {"size": 5})
    return content, name


def read_table(content: bytes, file_name: str, columns: list[Column]) -> Table:
    if not content.strip():
        raise FileProblem(_("The file is empty."))
    is_xlsx_name = file_name.casefold().endswith((".xlsx", ".xlsm"))
    if content.startswith(OLE_MAGIC) or file_name.casefold().endswith(".xls"):
        raise FileProblem(_("Old Excel files (.xls) cannot be read. Save the file as .xlsx or as CSV."))
    if content.startswith(XLSX_MAGIC):
        records = _xlsx_records(content)
    elif is_xlsx_name:
        raise FileProblem(_("The file is not an Excel workbook (.xlsx), although its name says so."))
    else:
        records = _csv_records(content, columns)
    return _to_table(records, columns)


# --- CSV -----------------------------------------------------------------------------------------------------


def decode(content: bytes) -> str:
    """UTF-8 (a byte-order mark is dropped); otherwise Windows-1252, as Swedish Excel saves "CSV"."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        return content.decode("latin-1")  # never fails: the five bytes cp1252 leaves undefined


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\r\n\t")
    return "\x00" in sample or controls > len(sample) // 20


def _delimiter(first_line: str, columns: list[Column]) -> str:
    """The delimiter that makes the most known headers of the first line; ties go to the most cells."""
    known = set().union(*(column.names() for column in columns))

    def score(delimiter):
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(normalise_header(cell) in known for cell in cells), len(cells)

    return max(DELIMITERS, key=score)


def _csv_records(content: bytes, columns: list[Column]):
    text = decode(content)
    if _looks_binary(text):
        raise FileProblem(_("The file is neither a CSV file nor an Excel workbook (.xlsx)."))
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line, columns))
    try:
        yield from reader
    except csv.Error as error:
        raise FileProblem(
            _("The CSV file cannot be read near line %(line)d. Check its quotation marks.") % {"line": reader.line_num}
        ) from error


# --- XLSX ----------------------------------------------------------------------------------------------------


def _xlsx_records(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError) as error:
        raise FileProblem(_("The Excel workbook cannot be read. Save it again as .xlsx, or as CSV.")) from error
    except Exception as error:  # noqa: BLE001 - a hostile workbook may fail anywhere inside openpyxl
        raise FileProblem(_("The Excel workbook cannot be read. Save it again as .xlsx, or as CSV.")) from error
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            yield [cell_text(value) for value in values]
    except FileProblem:
        raise
    except Exception as error:  # noqa: BLE001 - as above: a broken sheet is bad input, not a crash
        raise FileProblem(_("The Excel workbook cannot be read. Save it again as .xlsx, or as CSV.")) from error
    finally:
        workbook.close()


def cell_text(value) -> str:
    """An Excel cell as the text a CSV would hold: dates in ISO form, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Both ----------------------------------------------------------------------------------------------------


def _header_keys(header: list[str], columns: list[Column]) -> tuple[list[str | None], list[str]]:
    by_name = {name: column.key for column in columns for name in column.names()}
    keys, ignored, seen = [], [], set()
    for cell in header:
        key = by_name.get(normalise_header(cell))
        if key in seen:
            raise FileProblem(_("The column “%(column)s” appears twice in the first row.") % {"column": cell.strip()})
        if key is None and cell.strip():
            ignored.append(cell.strip()[:60])
        if key is not None:
            seen.add(key)
        keys.append(key)
    return keys, ignored


def _to_table(records, columns: list[Column]) -> Table:
    numbered = enumerate(records, start=1)  # row numbers as the spreadsheet shows them
    header = None
    for _number, header in numbered:
        if any(cell.strip() for cell in header):
            break
    if header is None or not any(cell.strip() for cell in header):
        raise FileProblem(_("The file is empty."))
    keys, ignored = _header_keys(header, columns)
    missing = [column for column in columns if column.required and column.key not in keys]
    if missing:
        names = ", ".join(f"{column.header_sv} ({column.header_en})" for column in missing)
        raise FileProblem(
            _("The first row must name the columns. These required columns are missing: %(columns)s.")
            % {"columns": names}
        )
    rows = []
    for number, cells in numbered:
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves empty rows (";;;;") after the last one
        if len(rows) >= MAX_ROWS:
            limit = f"{MAX_ROWS:,}".replace(",", "\u00a0")
            raise FileProblem(_("The file has more than %(rows)s rows. Split it into smaller files.") % {"rows": limit})
        rows.append(
            (number, {key: cell.strip()[:MAX_CELL_CHARS] for key, cell in zip(keys, cells, strict=False) if key})
        )
    if not rows:
        raise FileProblem(_("The file has column names but no rows."))
    notes = []
    if ignored:
        notes.append(_("These columns are not used and were ignored: %(columns)s.") % {"columns": ", ".join(ignored)})
    return Table(rows=rows, notes=notes)
