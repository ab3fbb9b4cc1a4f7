"""The import API: a multipart upload; dry_run answers what would happen; otherwise all rows or none."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from insteg.accounts.services import create_api_token
from insteg.contracts.models import Position
from insteg.imports.models import ImportBatch
from insteg.imports.tests.conftest import csv_bytes, person, place
from insteg.matching.models import Participant

PARTICIPANTS = "/api/v1/imports/participants"
POSITIONS = "/api/v1/imports/positions"


def _api(user) -> APIClient:
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        api.force_authenticate(user)
    return api


def _file(rows, name="remisser.csv"):
    return SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv")


def test_a_dry_run_says_what_would_happen_and_saves_nothing(matching_officer):
    response = _api(matching_officer).post(
        PARTICIPANTS + "?dry_run=true", {"file": _file([person(1), person(2)])}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {"dry_run": True, "rows": 2, "created": 2, "skipped": 0, "notes": []}
    assert Participant.objects.count() == 0
    assert not ImportBatch.objects.exists()


def test_an_import_creates_everything_and_again_nothing(matching_officer):
    api = _api(matching_officer)
    first = api.post(PARTICIPANTS, {"file": _file([person(1), person(2)])}, format="multipart")
    assert first.status_code == 201
    assert first.json()["created"] == 2
    again = api.post(PARTICIPANTS, {"file": _file([person(1), person(2)])}, format="multipart")
    assert (again.status_code, again.json()["created"], again.json()["skipped"]) == (201, 0, 2)
    assert Participant.objects.count() == 2
    assert ImportBatch.objects.filter(status="committed", rows=[]).count() == 2


def test_row_errors_are_listed_and_nothing_is_imported(matching_officer):
    rows = [person(1), person(2, **{"födelseår": "x"}), person(3, **{"målgrupp *": ""})]
    for query in ("?dry_run=true", ""):
        response = _api(matching_officer).post(PARTICIPANTS + query, {"file": _file(rows)}, format="multipart")
        assert response.status_code == 400
        assert response.json() == {
            "detail": "Some rows have errors. Nothing was imported.",
            "errors": {
                "rows": [
                    {"row": 3, "column": "birth_year", "message": "Enter a whole number, for example 30."},
                    {"row": 4, "column": "target_group", "message": "This column must be filled in."},
                ]
            },
        }
    assert Participant.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "The submitted file is empty."), (b"\x00\x01\x02" * 100, "neither a CSV file nor an Excel workbook")],
)
def test_a_file_that_cannot_be_used_is_400(matching_officer, content, message):
    upload = SimpleUploadedFile("x.csv", content)
    response = _api(matching_officer).post(PARTICIPANTS, {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert message in str(response.json()["errors"]["file"])


def test_no_file_and_json_bodies_are_refused(matching_officer):
    api = _api(matching_officer)
    assert api.post(PARTICIPANTS, {}, format="multipart").json()["errors"] == {"file": ["No file was submitted."]}
    assert api.post(PARTICIPANTS, {"file": "x"}, format="json").status_code == 415


def test_an_oversized_file_is_400(matching_officer):
    upload = SimpleUploadedFile("big.csv", csv_bytes([person(1)]) + b"x" * (5 * 1024 * 1024))
    response = _api(matching_officer).post(PARTICIPANTS, {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["detail"] == "The file is larger than 5 MB. Split it into smaller files."


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("procurement_officer", 403),
        ("supplier", 403),
        ("funder", 403),
        ("employment_officer", 201),
    ],
    indirect=["persona"],
)
def test_who_may_import_participants(persona, status, municipality):
    response = _api(persona).post(
        PARTICIPANTS, {"file": _file([person(1)]), "municipality": municipality.pk}, format="multipart"
    )
    assert response.status_code == status


def test_a_read_only_token_cannot_import(matching_officer):
    _token, key = create_api_token(matching_officer, name="läsning", scope="read")
    api = APIClient(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.post(PARTICIPANTS, {"file": _file([person(1)])}, format="multipart").status_code == 403


def test_a_supplier_imports_positions_and_another_supplier_gets_404(supplier, other_supplier, supplier_contract):
    data = {"file": _file([place(1)]), "contract": supplier_contract.pk}
    assert _api(other_supplier).post(POSITIONS, data, format="multipart").status_code == 404
    data["file"] = _file([place(1)])
    response = _api(supplier).post(POSITIONS, data, format="multipart")
    assert (response.status_code, response.json()["created"]) == (201, 1)
    assert Position.objects.get().contract == supplier_contract


def test_the_openapi_document_describes_the_upload(client):
    import json

    schema = json.loads(client.get("/api/v1/openapi.json", HTTP_ACCEPT="application/json").content)
    operation = schema["paths"]["/api/v1/imports/participants"]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]
    assert {"200", "201", "400"} <= set(operation["responses"])
