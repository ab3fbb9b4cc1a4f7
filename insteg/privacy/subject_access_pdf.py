"""The subject-access exports as PDF: the same dict as the JSON, laid out as headed sections and tables.

The text must stay extractable (a person may copy it, a screen reader reads it): plain HTML text through
WeasyPrint with tagged PDF/UA output, no images of text. WeasyPrint fetches nothing (refuse_fetch).
"""

import json
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from insteg.lib.pdf import refuse_fetch

TITLES = {
    "participant": lambda: _("Everything stored about a participant"),
    "training_registrant": lambda: _("Everything stored about a training registrant"),
    "user": lambda: _("Everything stored about a user account"),
}


@dataclass
class Section:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # a dict: label and value
    items: list[list[tuple[str, str]]] = field(default_factory=list)  # a list of dicts: one block each
    values: list[str] = field(default_factory=list)  # a list of plain values


def _text(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str) if value else "–"
    return str(value)


def _rows(data: dict) -> list[tuple[str, str]]:
    return [(key.replace("_", " "), _text(value)) for key, value in data.items()]


def sections(data: dict) -> list[Section]:
    result = []
    for key, value in data.items():
        section = Section(key.replace("_", " ").capitalize())
        if isinstance(value, dict):
            section.rows = _rows(value)
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            section.items = [_rows(item) for item in value]
        elif isinstance(value, list):
            section.values = [_text(item) for item in value] or [_("None.")]
        else:
            section.rows = [(key.replace("_", " "), _text(value))]
        result.append(section)
    return result


def export_pdf(data: dict) -> bytes:
    # Imported here: WeasyPrint loads pango and fonts, which only the PDF download needs.
    from weasyprint import HTML

    kind = data.get("subject", {}).get("kind", "")
    title = TITLES.get(kind, lambda: _("Everything stored about a person"))()
    html = render_to_string("privacy/subject_access_pdf.html", {"title": title, "sections": sections(data)})
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(pdf_variant="pdf/ua-1")
