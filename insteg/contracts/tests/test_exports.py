"""Contracts and positions as CSV/XLSX: each supplier gets its own contracts' rows and nobody else's."""

import pytest
from django.urls import reverse

from insteg.contracts.tests.factories import (
    AwardFactory,
    CommitmentFactory,
    ContractFactory,
    PositionFactory,
    TenderFactory,
)
from insteg.lib.tests.export_files import column, csv_rows, xlsx_rows
from insteg.procurement.tests.factories import ProcurementFactory

POSITIONS = reverse("contracts:positions")
CONTRACTS = reverse("contracts:list")


@pytest.fixture
def others_contract(municipality, procurement_officer, other_supplier):
    procurement = ProcurementFactory(
        organisation=municipality, officer=procurement_officer, status="awarded", reference="KS 2026/0300"
    )
    tender = TenderFactory(procurement=procurement, organisation=other_supplier.organisation)
    contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
    CommitmentFactory(contract=contract)
    return contract


@pytest.fixture
def two_positions(contract, others_contract):
    return (
        PositionFactory(contract=contract, title="Lokalvårdare, praktik"),
        PositionFactory(contract=others_contract, title="Fönsterputsare, praktik", workplace_municipality="Krokom"),
    )


def test_a_supplier_exports_only_its_own_contracts_positions(client, supplier, other_supplier, two_positions):
    client.force_login(supplier)
    rows = csv_rows(client.get(POSITIONS, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0][:3] == ["Title", "Position type", "Occupation code (SSYK 2012)"]
    assert column(rows, "Title") == ["Lokalvårdare, praktik"]
    assert column(rows, "Contract") == ["KS 2026/0231 – Storsjöbygg AB"]

    client.force_login(other_supplier)
    rows = xlsx_rows(client.get(POSITIONS, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Title") == ["Fönsterputsare, praktik"]


def test_the_buyer_exports_every_position_and_the_filters_apply(client, procurement_officer, two_positions):
    client.force_login(procurement_officer)
    rows = csv_rows(client.get(POSITIONS, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert sorted(column(rows, "Title")) == ["Fönsterputsare, praktik", "Lokalvårdare, praktik"]
    rows = csv_rows(client.get(POSITIONS, {"export": "csv", "municipality": "Krokom"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Title") == ["Fönsterputsare, praktik"]
    assert column(rows, "Start from") == ["2026-08-01"]


def test_the_contract_list_export_has_the_compliance_state(client, supplier, other_supplier, contract, others_contract):
    client.force_login(supplier)
    rows = csv_rows(client.get(CONTRACTS, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Reference") == ["KS 2026/0231"]
    assert column(rows, "Supplier") == ["Storsjöbygg AB"]
    assert column(rows, "Months committed") == ["24"]
    assert column(rows, "Starts") == ["2026-06-01"]


@pytest.mark.parametrize("count", [1, 8])
def test_the_positions_export_takes_the_same_number_of_queries_however_many(
    client, supplier, contract, django_assert_num_queries, count
):
    PositionFactory.create_batch(count, contract=contract)
    client.force_login(supplier)
    client.get(POSITIONS)  # warm the session
    with django_assert_num_queries(6) as captured:  # the same for one position or eight
        response = client.get(POSITIONS, {"export": "csv"})
    assert len(csv_rows(response)) == count + 1, captured


def test_the_contract_export_takes_the_same_number_of_queries_however_many(
    client, procurement_officer, municipality, contract, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PositionFactory(contract=contract)  # so the first measure includes the positions' placements too
    client.force_login(procurement_officer)
    client.get(CONTRACTS)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(CONTRACTS, {"export": "csv"})
    for _ in range(5):
        procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="awarded")
        tender = TenderFactory(procurement=procurement)
        other = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
        CommitmentFactory(contract=other)
        PositionFactory(contract=other)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(CONTRACTS, {"export": "csv"})
    assert len(csv_rows(response)) == 7
