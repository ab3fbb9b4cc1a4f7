"""Position types (domain research §3.3) and SSYK 2012 occupations (SCB), as data with their sources."""

import csv
from datetime import date
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SSYK_UNIT_GROUPS = FIXTURES / "ssyk2012-unit-groups.csv"

_AF = "arbetsformedlingen.se"
POSITION_TYPES = [
    # code, Swedish, English, category, is employment, financing, active from, active to, source, certainty
    (
        "arbetspraktik",
        "Arbetspraktik",
        "Work placement (internship)",
        "internship",
        False,
        "employment_service",
        None,
        None,
        f"{_AF}; Kunskapsguiden (Socialstyrelsen)",
        "verified",
    ),
    (
        "arbetstraning",
        "Arbetsträning (kommunal)",
        "Work training (municipal)",
        "work_training",
        False,
        "municipality",
        None,
        None,
        "Kommunernas arbetsmarknadsenheter; namn varierar",
        "secondary",
    ),
    (
        "nystartsjobb",
        "Nystartsjobb",
        "New-start job",
        "subsidised_employment",
        True,
        "employment_service",
        None,
        None,
        f"{_AF}, Nystartsjobb",
        "verified",
    ),
    (
        "lonebidrag",
        "Lönebidrag",
        "Wage subsidy",
        "subsidised_employment",
        True,
        "employment_service",
        None,
        None,
        f"{_AF}, Lönebidrag; förordning (2017:462)",
        "verified",
    ),
    (
        "etableringsjobb",
        "Etableringsjobb",
        "Establishment job",
        "subsidised_employment",
        True,
        "employment_service",
        date(2024, 1, 1),
        None,
        "regeringen.se 2023; arbetet.se 2025-12-03",
        "secondary",
    ),
    (
        "larlingsanstallning",
        "Lärlingsanställning",
        "Apprenticeship",
        "apprenticeship",
        True,
        "employer",
        None,
        None,
        "Upphandlingsmyndigheten, sysselsättningskrav alternativ b",
        "secondary",
    ),
    (
        "sommarjobb",
        "Sommarjobb",
        "Summer job",
        "summer_job",
        True,
        "employer",
        None,
        None,
        "Kommuner och bostadsbolag, t.ex. Stångåstaden",
        "secondary",
    ),
    (
        "anstallning",
        "Anställning",
        "Ordinary employment",
        "employment",
        True,
        "employer",
        None,
        None,
        "LAS (1982:80)",
        "verified",
    ),
]


def position_type_rows():
    keys = ["code", "name_sv", "name_en", "category", "is_employment", "typical_financing", "active_from",
            "active_to", "source", "certainty"]  # fmt: skip
    return [dict(zip(keys, row, strict=True)) for row in POSITION_TYPES]


def read_ssyk(path: Path = SSYK_UNIT_GROUPS) -> list[tuple[str, str]]:
    """(code, Swedish title) for every four-digit unit group in an SCB list (semicolon-separated, with a header)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0], rows[1:]
    if [name.strip().lower() for name in header[:2]] != ["code", "label_sv"]:
        raise ValueError("The file must start with the header line: code;label_sv")
    result = []
    for number, row in enumerate(body, start=2):
        if not row or not "".join(row).strip():
            continue
        code, title = (row + ["", ""])[:2]
        code, title = code.strip(), title.strip()
        if len(code) != 4 or not code.isdigit() or not title:
            raise ValueError(f"Line {number}: expected a four-digit code and a title, got {row!r}")
        result.append((code, title))
    return result


def load_reference_data(position_type_model=None, occupation_model=None) -> None:
    """Idempotent: adds what is missing, never changes an administrator's edits."""
    if position_type_model is None:
        from insteg.contracts.models import Occupation, PositionType

        position_type_model, occupation_model = PositionType, Occupation
    for row in position_type_rows():
        position_type_model.objects.get_or_create(code=row["code"], defaults=row)
    existing = set(occupation_model.objects.values_list("code", flat=True))
    occupation_model.objects.bulk_create(
        [occupation_model(code=code, title_sv=title) for code, title in read_ssyk() if code not in existing]
    )
