"""The reference data a supplier picks from: position types (domain research §3.3) and SSYK 2012 (SCB)."""

import pytest
from django.core.management import CommandError, call_command

from insteg.contracts.models import Occupation, PositionType
from insteg.contracts.reference_data import SSYK_UNIT_GROUPS, load_reference_data


def test_the_position_types_of_the_research_are_seeded():
    codes = set(PositionType.objects.values_list("code", flat=True))

    assert codes >= {
        "arbetspraktik",
        "arbetstraning",
        "nystartsjobb",
        "lonebidrag",
        "etableringsjobb",
        "larlingsanstallning",
        "sommarjobb",
        "anstallning",
    }
    nystartsjobb = PositionType.objects.get(code="nystartsjobb")
    assert nystartsjobb.category == PositionType.Category.SUBSIDISED_EMPLOYMENT
    assert nystartsjobb.is_employment
    assert nystartsjobb.typical_financing == PositionType.Financing.EMPLOYMENT_SERVICE
    assert not PositionType.objects.get(code="arbetspraktik").is_employment
    assert str(PositionType.objects.get(code="etableringsjobb").active_from) == "2024-01-01"
    assert all(kind.source for kind in PositionType.objects.all())


def test_all_426_ssyk_unit_groups_from_scb_are_loaded():
    assert Occupation.objects.count() == 426
    assert str(Occupation.objects.get(code="9111")) == "9111 Städare"
    assert Occupation.objects.get(code="5321").title_sv.startswith("Undersköterskor")
    assert all(len(code) == 4 and code.isdigit() for code in Occupation.objects.values_list("code", flat=True))


def test_the_fixture_names_scb_as_its_source():
    readme = (SSYK_UNIT_GROUPS.parent / "README.md").read_text(encoding="utf-8")

    assert "SCB" in readme or "Statistiska centralbyrån" in readme


def test_loading_again_keeps_an_administrators_edits():
    PositionType.objects.filter(code="sommarjobb").update(name_en="Summer job for youth")

    load_reference_data()

    assert PositionType.objects.get(code="sommarjobb").name_en == "Summer job for youth"
    assert Occupation.objects.count() == 426


@pytest.fixture
def ssyk_file(tmp_path):
    def write(text: str):
        path = tmp_path / "ssyk.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_import_adds_and_updates_occupations(ssyk_file, capsys):
    path = ssyk_file("code;label_sv\n9111;Städare, nytt namn\n9999;Ett nytt yrke i en framtida version\n")

    call_command("import_ssyk", path)

    assert Occupation.objects.get(code="9111").title_sv == "Städare, nytt namn"
    assert Occupation.objects.get(code="9999").title_sv == "Ett nytt yrke i en framtida version"
    assert Occupation.objects.count() == 427
    assert "1 occupations added, 1 updated" in capsys.readouterr().out


def test_import_accepts_scbs_file_with_a_byte_order_mark_and_blank_lines(ssyk_file):
    path = ssyk_file("\ufeffcode;label_sv\n\n9111;Städare och lokalvårdare\n\n")

    call_command("import_ssyk", path)

    assert Occupation.objects.get(code="9111").title_sv == "Städare och lokalvårdare"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kod;benämning\n9111;Städare\n", "header line: code;label_sv"),
        ("code;label_sv\n9111;Städare ändrad\n911;Tre siffror\n", "Line 3"),
        ("code;label_sv\n9111;Städare ändrad\nabcd;Bokstäver\n", "Line 3"),
        ("code;label_sv\n9111;Städare ändrad\n9112;\n", "Line 3"),
    ],
)
def test_import_refuses_a_malformed_file_and_writes_nothing(ssyk_file, text, message):
    path = ssyk_file(text)

    with pytest.raises(CommandError, match=message):
        call_command("import_ssyk", path)

    assert Occupation.objects.get(code="9111").title_sv == "Städare"
    assert Occupation.objects.count() == 426


def test_import_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_ssyk", str(tmp_path / "missing.csv"))


def test_import_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("code;label_sv\n9111;Städare\n".encode("latin-1"))

    with pytest.raises(CommandError):
        call_command("import_ssyk", str(path))

    assert Occupation.objects.get(code="9111").title_sv == "Städare"
