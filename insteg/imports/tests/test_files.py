"""Files as they arrive: Excel's encodings and separators, broken, empty, too big, too long, odd columns."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from insteg.imports import parsing
from insteg.imports.models import ImportBatch
from insteg.imports.tests.conftest import PARTICIPANT_HEADERS, csv_bytes, person, upload
from insteg.matching.models import Participant


@pytest.fixture
def officer(client, matching_officer):
    client.force_login(matching_officer)
    return matching_officer


def _send(client, municipality, content, name="remisser.csv"):
    data = {"municipality": municipality.pk, "file": upload(content, name)}
    return client.post(reverse("imports:participants"), data)


def _batch_after(response) -> ImportBatch:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.get(pk=response.url.strip("/").split("/")[-1])


def _file_error(response) -> str:
    assert response.status_code == 200
    assert not ImportBatch.objects.exists()
    return response.context["form"].errors["file"][0]


def test_utf8_with_a_byte_order_mark_is_read(client, officer, municipality):
    content = csv_bytes([person(1)], encoding="utf-8-sig")
    assert content.startswith(b"\xef\xbb\xbf")
    batch = _batch_after(_send(client, municipality, content))
    assert batch.invalid == 0
    assert batch.results[0]["label"] == "Åsa Öberg-Äng"


def test_latin1_csv_as_swedish_excel_saves_it_is_read_with_a_a_o_intact(client, officer, municipality):
    content = csv_bytes([person(1, **{"hemkommun *": "Åre"})], encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    batch = _batch_after(_send(client, municipality, content))
    assert batch.invalid == 0
    client.post(reverse("imports:commit", args=[batch.pk]))
    created = Participant.objects.get()
    assert (created.first_name, created.last_name, created.home_municipality) == ("Åsa", "Öberg-Äng", "Åre")


def test_semicolons_and_decimal_commas_from_swedish_excel(client, officer, municipality):
    """Excel in Swedish writes `;` between cells, `30,0` for numbers and quotes cells that hold a `;`."""
    row = person(1, **{"max resväg km": "45,0", "yrken": "9111; 5120", "timmar högst": "37,0"})
    content = csv_bytes([row], delimiter=";", encoding="cp1252")
    assert b'"9111; 5120"' in content
    batch = _batch_after(_send(client, municipality, content))
    assert batch.invalid == 0, batch.results
    client.post(reverse("imports:commit", args=[batch.pk]))
    created = Participant.objects.get()
    assert (created.max_travel_km, created.hours_max) == (45, 37)
    assert set(created.occupations.values_list("code", flat=True)) == {"9111", "5120"}


def test_commas_and_english_headers_are_read_too(client, officer, municipality):
    english = {
        "referral reference": "AF-1", "first name": "Bo", "last name": "Ek", "target group": "newly_arrived",
        "home municipality": "Krokom", "available from": "2026-09-01", "informed on": "2026-08-01",
    }  # fmt: skip
    batch = _batch_after(_send(client, municipality, csv_bytes([english], delimiter=",", encoding="utf-8")))
    assert (batch.invalid, batch.to_create) == (0, 1)


def test_half_a_decimal_is_an_error_on_its_row(client, officer, municipality):
    batch = _batch_after(_send(client, municipality, csv_bytes([person(1, **{"max resväg km": "12,5"})])))
    assert batch.results[0]["errors"] == [
        {"column": "max_travel_km", "message": "Enter a whole number, for example 30."}
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "remisser.csv", "The file is empty."),
        (b"\r\n;;;\r\n", "remisser.csv", "The file is empty."),
        (b"not a zip at all", "remisser.xlsx", "The file is not an Excel workbook (.xlsx), although its name says so."),
        (b"PK\x03\x04broken zip", "remisser.xlsx", "The Excel workbook cannot be read."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "remisser.xls", "Old Excel files (.xls) cannot be read."),
        (bytes(range(256)) * 20, "remisser.csv", "The file is neither a CSV file nor an Excel workbook (.xlsx)."),
        ("förnamn;efternamn\r\nÅsa;Ek\r\n".encode(), "remisser.csv", "These required columns are missing:"),
        (csv_bytes([person(1)]).split(b"\r\n")[0] + b"\r\n", "remisser.csv", "column names but no rows"),
        (b'f\xc3\xb6rnamn;efternamn\r\n"unterminated;x\r\n', "x.csv", None),
    ],
)
def test_files_that_cannot_be_used_get_a_clear_message_and_nothing_is_kept(
    client, officer, municipality, content, name, message
):
    response = _send(client, municipality, content, name)
    if message is None:  # a quote never closed: csv reads to the end; the missing columns are what is wrong
        message = "These required columns are missing:"
    assert message in _file_error(response)


def test_missing_columns_are_named_in_both_languages(client, officer, municipality):
    content = csv_bytes([{"förnamn": "Åsa", "efternamn": "Ek"}])
    error = _file_error(_send(client, municipality, content))
    assert "målgrupp (target group)" in error
    assert "informerad (informed on)" in error


def test_unknown_columns_are_ignored_with_a_note(client, officer, municipality):
    row = {**person(1), "Handläggare": "Kalle", "Anteckning 2": "x"}
    batch = _batch_after(_send(client, municipality, csv_bytes([row])))
    assert batch.notes == ["These columns are not used and were ignored: Handläggare, Anteckning 2."]
    assert batch.invalid == 0


def test_a_column_twice_is_refused(client, officer, municipality):
    content = "förnamn;efternamn;Förnamn\r\nÅsa;Ek;Åsa\r\n".encode()
    assert "appears twice" in _file_error(_send(client, municipality, content))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, officer, municipality):
    content = csv_bytes([person(1)]) + b"x" * parsing.MAX_FILE_BYTES
    error = _file_error(_send(client, municipality, content))
    assert error == "The file is larger than 5 MB. Split it into smaller files."


def test_more_rows_than_the_limit_are_refused(client, officer, municipality, settings, monkeypatch):
    monkeypatch.setattr(parsing, "MAX_ROWS", 3)
    content = csv_bytes([person(number) for number in range(1, 5)])
    assert _file_error(_send(client, municipality, content)).startswith("The file has more than 3 rows.")


def test_empty_rows_excel_leaves_at_the_end_are_not_rows(client, officer, municipality):
    content = csv_bytes([person(1)]) + b";;;;;;;;\r\n;;;;\r\n\r\n"
    batch = _batch_after(_send(client, municipality, content))
    assert batch.total == 1


def test_an_xlsx_is_read_with_dates_and_numbers_as_excel_stores_them(client, officer, municipality):
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(PARTICIPANT_HEADERS)
    row = person(1)
    row.update({"födelseår": 1990, "max resväg km": 25.0, "tillgänglig från *": datetime.datetime(2026, 9, 1)})
    row["informerad *"] = datetime.date(2026, 8, 15)
    sheet.append([row[header] for header in PARTICIPANT_HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = _batch_after(_send(client, municipality, buffer.getvalue(), "remisser.xlsx"))
    assert batch.invalid == 0, batch.results
    client.post(reverse("imports:commit", args=[batch.pk]))
    created = Participant.objects.get()
    assert (created.birth_year, created.max_travel_km, str(created.available_from)) == (1990, 25, "2026-09-01")
