"""Files staff download: the registration list as XLSX and a certificate PDF per attendee."""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from insteg.lib.exports import safe_cell
from insteg.lib.pdf import refuse_fetch
from insteg.training.models import STOCKHOLM, Registration, Session


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Yes") if value else _("No")


# A cell that starts like a formula is written as text, so a name cannot run in the reader's Excel.
_safe_cell = safe_cell


def registrations_xlsx(session: Session, registrations) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    headers = [
        _("Name"), _("Email"), _("Phone"), _("Company"), _("Role"), _("Status"),
        _("Registered"), _("Consent version"), _("Attended"),
    ]  # fmt: skip
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for registration in registrations:
        sheet.append(
            [
                _safe_cell(registration.name),
                _safe_cell(registration.email),
                _safe_cell(registration.phone),
                _safe_cell(registration.organisation_name),
                _safe_cell(registration.role),
                str(registration.get_status_display()),
                timezone.localtime(registration.created_at, STOCKHOLM).replace(tzinfo=None),
                registration.consent_text.version,
                _yes_no(registration.attended),
            ]
        )
    for index, width in enumerate([28, 32, 16, 28, 20, 20, 18, 10, 10], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def certificate_pdf(registration: Registration) -> bytes:
    # Imported here: WeasyPrint loads pango and fonts, which only the PDF download needs.
    from weasyprint import HTML

    html = render_to_string(
        "training/certificate.html",
        {
            "registration": registration,
            "session": registration.session,
            "course": registration.session.course,
            "today": timezone.localdate(),
        },
    )
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(pdf_variant="pdf/ua-1")
