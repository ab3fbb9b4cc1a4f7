"""Importing a supplier's positions: the contract's rules, no duplicates, and only into one's own contract."""

import pytest
from django.urls import reverse

from insteg.contracts.models import Position, PositionType
from insteg.contracts.tests.factories import PositionFactory
from insteg.imports.models import ImportBatch
from insteg.imports.tests.conftest import csv_bytes, place, upload
from insteg.training.tests.factories import RegistrationFactory


def _preview(client, contract, rows) -> ImportBatch:
    response = client.post(
        reverse("imports:contract_positions", args=[contract.pk]), {"file": upload(csv_bytes(rows), "platser.csv")}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return ImportBatch.objects.get(pk=response.url.strip("/").split("/")[-1])


def _commit(client, batch):
    response = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    batch.refresh_from_db()
    return response


def test_a_supplier_imports_positions_for_its_contract(client, supplier, supplier_contract):
    client.force_login(supplier)
    batch = _preview(client, supplier_contract, [place(1), place(2, **{"svenska": "Grundläggande svenska"})])
    assert (batch.to_create, batch.invalid) == (2, 0), batch.results
    _commit(client, batch)
    assert batch.status == "committed"
    first = Position.objects.get(external_reference="P-1")
    assert (first.contract, first.occupation_id, first.position_type.code, first.status) == (
        supplier_contract,
        "9111",
        "arbetspraktik",
        "open",
    )
    assert Position.objects.get(external_reference="P-2").swedish_level == "basic"


def test_the_contract_can_be_chosen_on_the_general_page(client, supplier, supplier_contract):
    client.force_login(supplier)
    response = client.post(
        reverse("imports:positions"), {"contract": supplier_contract.pk, "file": upload(csv_bytes([place(1)]))}
    )
    assert response.status_code == 302
    assert ImportBatch.objects.get().contract == supplier_contract


def test_importing_the_same_positions_again_adds_nothing(client, supplier, supplier_contract):
    client.force_login(supplier)
    rows = [place(1), place(2, referens=""), place(3, referens="")]
    _commit(client, _preview(client, supplier_contract, rows))
    again = _preview(client, supplier_contract, rows)
    assert (again.to_create, again.to_skip) == (0, 3)
    _commit(client, again)
    assert Position.objects.count() == 3


def test_a_position_added_by_hand_is_recognised_by_title_place_start_and_supervisor(
    client, supplier, supplier_contract
):
    PositionFactory(
        contract=supplier_contract, title="lokalvårdare 1", start_from="2026-08-01",
        supervisor_email="eva@storsjobygg.example",
    )  # fmt: skip
    client.force_login(supplier)
    assert _preview(client, supplier_contract, [place(1, referens="")]).to_skip == 1


def test_row_errors_and_duplicates_stop_the_whole_file(client, supplier, supplier_contract):
    client.force_login(supplier)
    rows = [
        place(1),
        place(2, **{"yrke *": "0000", "kan börja från *": "2026-10-01", "handledarens e-post *": "eva"}),
        place(3, **{"platstyp *": "okänd", "timmar per vecka *": "80"}),
        place(1),
    ]
    batch = _preview(client, supplier_contract, rows)
    by_row = {result["row"]: {error["column"] for error in result["errors"]} for result in batch.results}
    assert by_row == {
        2: set(),
        3: {"occupation", "start_until", "supervisor_email"},
        4: {"position_type", "hours_per_week"},
        5: {"external_reference"},
    }
    _commit(client, batch)
    assert Position.objects.count() == 0


def test_a_position_type_the_commitments_do_not_allow_is_refused(client, supplier, supplier_contract):
    commitment = supplier_contract.commitments.get()
    commitment.position_types.set([PositionType.objects.get(code="arbetspraktik")])
    other = PositionType.objects.exclude(code="arbetspraktik").first()
    client.force_login(supplier)
    batch = _preview(client, supplier_contract, [place(1, **{"platstyp *": other.code})])
    assert batch.results[0]["errors"] == [
        {"column": "position_type", "message": "The contract's commitments do not allow this kind of position."}
    ]


def test_a_supervisor_who_attended_the_training_counts_as_trained(client, supplier, supplier_contract):
    RegistrationFactory(email="eva@storsjobygg.example", attended=True)
    client.force_login(supplier)
    _commit(client, _preview(client, supplier_contract, [place(1)]))
    assert Position.objects.get().supervisor_trained


def test_the_buyer_may_import_too(client, procurement_officer, supplier_contract):
    client.force_login(procurement_officer)
    _commit(client, _preview(client, supplier_contract, [place(1)]))
    assert Position.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("supplier", 200),
        ("procurement_officer", 200),
        ("administrator", 200),
        ("matching_officer", 403),
        ("other_supplier", 404),
        ("employment_officer", 404),
        ("funder", 404),
        ("data_protection_officer", 404),
    ],
    indirect=["persona"],
)
def test_who_may_import_positions_into_a_contract(client, persona, status, supplier_contract):
    client.force_login(persona)
    url = reverse("imports:contract_positions", args=[supplier_contract.pk])
    assert client.get(url).status_code == status
    response = client.post(url, {"file": upload(csv_bytes([place(1)]))})
    assert response.status_code == (302 if status == 200 else status)
    assert Position.objects.count() == 0


def test_another_supplier_cannot_choose_a_contract_it_does_not_hold(client, other_supplier, supplier_contract):
    client.force_login(other_supplier)
    assert client.get(reverse("imports:positions")).status_code == 403
    assert client.get(reverse("imports:template", args=["positions", "xlsx"])).status_code == 403


def test_the_position_template_lists_the_position_types(client, supplier, supplier_contract):
    import io

    from openpyxl import load_workbook

    client.force_login(supplier)
    response = client.get(reverse("imports:template", args=["positions", "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in workbook["Platser"][1]][:3] == ["referens", "platstyp *", "yrke *"]
    assert ("platstyp", "arbetspraktik") in {row[:2] for row in workbook["Koder"].iter_rows(values_only=True)}
