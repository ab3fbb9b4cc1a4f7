"""The import pages, in Swedish and English: upload (with a file refused), the preview with row errors and the
preview of a good file, as a matching officer and a supplier would use them. Zero axe violations."""

import pytest
from django.urls import reverse

from insteg.contracts.tests.factories import AwardFactory, CommitmentFactory, ContractFactory, TenderFactory
from insteg.imports.tests.conftest import csv_bytes, person, place
from insteg.procurement.tests.factories import ProcurementFactory
from insteg.tests.e2e.test_pages_a11y import _assert_accessible, _sign_in


def _upload(page, content: bytes, name: str):
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_participant_import_pages_have_no_axe_violations(live_server, page, matching_officer, language):
    _sign_in(page, live_server.url, matching_officer, language)
    page.goto(live_server.url + reverse("imports:participants"))
    _assert_accessible(page, language)

    _upload(page, b"not a spreadsheet", "remisser.xlsx")  # refused: the form shows the error summary
    assert page.locator(".error-summary").count() == 1
    _assert_accessible(page, language)

    rows = [person(1), person(2, **{"födelseår": "x", "målgrupp *": ""}), person(1)]
    _upload(page, csv_bytes(rows), "remisser.csv")
    assert "/importera/" in page.url
    assert page.locator(".error-summary li").count() == 3
    _assert_accessible(page, language)

    page.goto(live_server.url + reverse("imports:participants"))
    _upload(page, csv_bytes([person(3)]), "remisser.csv")
    assert page.locator("form[action$='/importera/'] button").count() == 1  # the import button
    _assert_accessible(page, language)
    page.click("form[action$='/importera/'] button")
    page.wait_for_load_state()
    _assert_accessible(page, language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_position_import_pages_have_no_axe_violations(
    live_server, page, supplier, procurement_officer, municipality, language
):
    procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="awarded")
    tender = TenderFactory(procurement=procurement, organisation=supplier.organisation)
    contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
    CommitmentFactory(contract=contract)
    _sign_in(page, live_server.url, supplier, language)
    page.goto(live_server.url + reverse("imports:positions"))
    _assert_accessible(page, language)
    page.goto(live_server.url + reverse("imports:contract_positions", args=[contract.pk]))
    _assert_accessible(page, language)
    _upload(page, csv_bytes([place(1), place(2, **{"yrke *": "0000"})]), "platser.csv")
    _assert_accessible(page, language)
