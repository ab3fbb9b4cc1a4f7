"""Files as people send them: the template's Swedish headers, semicolons, Excel's encodings."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from insteg.contracts.tests.factories import AwardFactory, CommitmentFactory, ContractFactory, TenderFactory
from insteg.procurement.tests.factories import ProcurementFactory

PARTICIPANT_HEADERS = [
    "ärendenummer", "förnamn *", "efternamn *", "e-post", "födelseår", "målgrupp *", "program", "yrken", "svenska",
    "körkort", "hemkommun *", "max resväg km", "tillgänglig från *", "timmar minst", "timmar högst",
    "anpassningar", "anteckningar", "informerad *",
]  # fmt: skip

POSITION_HEADERS = [
    "referens", "platstyp *", "yrke *", "titel *", "arbetsplatsens kommun *", "timmar per vecka *",
    "kan börja från *", "måste börja senast *", "längd i månader *", "svenska", "körkort krävs",
    "handledare *", "handledarens e-post *",
]  # fmt: skip


def person(number: int, **overrides) -> dict:
    row = {
        "ärendenummer": f"AF-{number:05d}",
        "förnamn *": "Åsa" if number == 1 else f"Person{number}",
        "efternamn *": "Öberg-Äng",
        "e-post": f"person{number}@example.se",
        "födelseår": "1990",
        "målgrupp *": "newly_arrived",
        "program": "",
        "yrken": "9111, 5120",
        "svenska": "basic",
        "körkort": "ja",
        "hemkommun *": "Östersund",
        "max resväg km": "30",
        "tillgänglig från *": "2026-09-01",
        "timmar minst": "20",
        "timmar högst": "40",
        "anpassningar": "gradual_start",
        "anteckningar": "",
        "informerad *": "2026-08-15",
    }
    row.update(overrides)
    return row


def place(number: int, **overrides) -> dict:
    row = {
        "referens": f"P-{number}",
        "platstyp *": "arbetspraktik",
        "yrke *": "9111",
        "titel *": f"Lokalvårdare {number}",
        "arbetsplatsens kommun *": "Östersund",
        "timmar per vecka *": "30",
        "kan börja från *": "2026-08-01",
        "måste börja senast *": "2026-09-30",
        "längd i månader *": "4",
        "svenska": "everyday",
        "körkort krävs": "nej",
        "handledare *": "Eva Handledare",
        "handledarens e-post *": "eva@storsjobygg.example",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict], *, headers=None, delimiter=";", encoding="utf-8-sig") -> bytes:
    headers = headers or list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return buffer.getvalue().encode(encoding)


def upload(content: bytes, name: str = "remisser.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def supplier_contract(municipality, procurement_officer, supplier):
    """A contract of the municipality with the persona supplier's company."""
    procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="awarded")
    tender = TenderFactory(procurement=procurement, organisation=supplier.organisation)
    contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
    CommitmentFactory(contract=contract)
    return contract


@pytest.fixture(autouse=True)
def _in_english(english):
    """The assertions read the English source texts."""
