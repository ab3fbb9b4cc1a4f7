"""Importing a referral list: preview, all or nothing, no duplicates, the same rules as the page, privacy."""

import datetime
import io

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from insteg.accounts.models import Organisation, Role
from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory
from insteg.imports import services
from insteg.imports.models import ImportBatch
from insteg.imports.tests.conftest import csv_bytes, person, upload
from insteg.matching.models import Participant, ParticipantView
from insteg.matching.tests.factories import ParticipantFactory
from insteg.privacy.models import AuditEvent


def _preview(client, municipality, rows, **kwargs) -> ImportBatch:
    response = client.post(
        reverse("imports:participants"), {"municipality": municipality.pk, "file": upload(csv_bytes(rows, **kwargs))}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return ImportBatch.objects.get(pk=response.url.strip("/").split("/")[-1])


def _commit(client, batch):
    response = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    batch.refresh_from_db()
    return response


@pytest.fixture
def officer(client, matching_officer):
    client.force_login(matching_officer)
    return matching_officer


def test_the_preview_lists_every_row_and_the_commit_imports_them(client, officer, municipality):
    batch = _preview(client, municipality, [person(1), person(2), person(3)])
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Import 3 new rows" in page
    assert page.count("New: will be created") == 3
    assert Participant.objects.count() == 0  # nothing before the commit

    response = _commit(client, batch)
    assert "Imported: 3 new, 0 already there." in response.content.decode()
    assert Participant.objects.filter(municipality=municipality).count() == 3
    asa = Participant.objects.get(referral_reference="AF-00001")
    assert (asa.first_name, asa.driving_licence, asa.swedish_level, asa.adaptations) == (
        "Åsa",
        True,
        "basic",
        ["gradual_start"],
    )
    assert asa.age_band and asa.referred_by is None  # a matching officer registers; no referral
    assert set(asa.occupations.values_list("code", flat=True)) == {"9111", "5120"}
    assert (batch.status, batch.rows, batch.results, batch.to_create) == ("committed", [], [], 3)


def test_importing_the_same_file_again_creates_no_duplicates(client, officer, municipality):
    rows = [person(1), person(2), person(3, **{"ärendenummer": ""})]
    _commit(client, _preview(client, municipality, rows))
    again = _preview(client, municipality, rows)
    assert (again.to_create, again.to_skip) == (0, 3)
    assert "This file was imported before" in again.notes[0]
    response = _commit(client, again)
    assert "Imported: 0 new, 3 already there." in response.content.decode()
    assert Participant.objects.count() == 3


def test_a_person_registered_by_hand_is_recognised_by_name_year_and_email(client, officer, municipality):
    ParticipantFactory(
        municipality=municipality, first_name="åsa", last_name="ÖBERG-ÄNG", birth_year=1990, email="Person1@example.se"
    )
    batch = _preview(client, municipality, [person(1)])
    assert (batch.to_create, batch.to_skip) == (0, 1)


def test_a_referral_reference_in_another_municipality_is_another_person(client, officer, municipality):
    elsewhere = OrganisationFactory(name="Krokoms kommun", kind=Organisation.Kind.MUNICIPALITY)
    ParticipantFactory(municipality=elsewhere, referral_reference="AF-00001")
    assert _preview(client, municipality, [person(1)]).to_create == 1


def test_duplicate_rows_in_one_file_are_errors_and_nothing_is_imported(client, officer, municipality):
    rows = [person(1), person(2), person(1, **{"förnamn *": "Åsa"}), person(4, **{"ärendenummer": "AF-00002"})]
    batch = _preview(client, municipality, rows)
    errors = [(result["row"], result["errors"]) for result in batch.results if result["errors"]]
    assert errors == [
        (4, [{"column": "referral_reference", "message": "The same person as on row 2."}]),
        (5, [{"column": "referral_reference", "message": "The same person as on row 3."}]),
    ]
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Row 4, referral reference: The same person as on row 2." in page
    assert reverse("imports:commit", args=[batch.pk]) not in page  # no import button while rows are wrong
    response = _commit(client, batch)
    assert "Some rows have errors now. Nothing was imported." in response.content.decode()
    assert Participant.objects.count() == 0


def test_row_errors_name_the_row_the_column_and_the_problem(client, officer, municipality):
    rows = [
        person(1),
        person(2, **{"födelseår": "1890", "målgrupp *": "unemployed", "yrken": "9111, 12"}),
        person(3, **{"tillgänglig från *": "1/9/2026", "timmar minst": "40", "timmar högst": "20", "e-post": "nej"}),
        person(4, **{"förnamn *": "<b>Eva</b>", "anteckningar": "Har diagnos ADHD", "informerad *": ""}),
    ]
    batch = _preview(client, municipality, rows)
    by_row = {result["row"]: {error["column"] for error in result["errors"]} for result in batch.results}
    assert by_row == {
        2: set(),
        3: {"birth_year", "target_group", "occupations"},
        4: {"available_from", "hours_max", "email"},
        5: {"first_name", "notes", "informed_on"},
    }
    assert batch.invalid == 3


def test_swedish_users_get_the_errors_in_swedish(client, matching_officer, municipality):
    client.force_login(matching_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "sv"
    batch = _preview(client, municipality, [person(1, **{"informerad *": ""})])
    assert batch.results[0]["errors"][0]["column"] == "informed_on"
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "informerad" in page  # the column is named as in the Swedish template


def test_a_bad_row_in_the_middle_of_six_thousand_means_nothing_is_imported(client, officer, municipality):
    rows = [person(number) for number in range(1, 6001)]
    rows[4999]["födelseår"] = "nittonhundra"
    batch = _preview(client, municipality, rows)
    assert (batch.total, batch.invalid, batch.to_create) == (6000, 1, 5999)
    assert [result["row"] for result in batch.results if result["errors"]] == [5001]
    _commit(client, batch)
    assert Participant.objects.count() == 0
    assert batch.status == "preview"


def _refuse_insert_of(first_name: str) -> None:
    """A database that refuses one row, as a constraint added by the operator (or a concurrent write) would."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON matching_participant "
                f"WHEN NEW.first_name = '{first_name}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.first_name = '{first_name}' THEN RAISE unique_violation USING MESSAGE = 'refused'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON matching_participant "
                "FOR EACH ROW EXECUTE FUNCTION refuse_one()"
            )


def test_when_the_database_refuses_row_5000_of_6000_nothing_is_imported(client, officer, municipality):
    batch = _preview(client, municipality, [person(number) for number in range(1, 6001)])
    assert batch.can_commit
    _refuse_insert_of("Person5000")
    response = _commit(client, batch)
    assert "The database refused a row" in response.content.decode()
    assert "Nothing was imported." in response.content.decode()
    assert Participant.objects.count() == 0
    assert Participant.occupations.through.objects.count() == 0
    assert batch.status == "preview"
    assert not AuditEvent.objects.filter(action="imports.committed").exists()


def test_someone_registering_the_same_person_after_the_preview_is_skipped_not_doubled(client, officer, municipality):
    batch = _preview(client, municipality, [person(1), person(2)])
    ParticipantFactory(municipality=municipality, referral_reference="AF-00002")
    response = _commit(client, batch)
    assert "Imported: 1 new, 1 already there." in response.content.decode()
    assert Participant.objects.filter(referral_reference="AF-00002").count() == 1


def test_personnummer_are_refused_and_never_stored_where_they_are_not_collected(client, officer, municipality):
    row = {**person(1), "personnummer": "19900101-0017"}
    batch = _preview(client, municipality, [row])
    assert batch.results[0]["errors"] == [
        {"column": "personnummer", "message": "Personal identity numbers are not collected here."}
    ]
    assert "19900101" not in str(batch.rows)


def test_personnummer_are_imported_where_the_setting_allows_them(client, officer, municipality, settings):
    settings.INSTEG_COLLECT_PERSONNUMMER = True
    batch = _preview(client, municipality, [{**person(1), "personnummer": "199001010017"}])
    _commit(client, batch)
    assert Participant.objects.get().personnummer == "19900101-0017"


def test_an_employment_officer_refers_the_people_imported(client, employment_officer, municipality):
    client.force_login(employment_officer)
    _commit(client, _preview(client, municipality, [person(1)]))
    assert Participant.objects.get().referred_by == employment_officer


def test_recognised_people_are_logged_as_read_and_the_audit_has_counts_only(client, officer, municipality):
    known = ParticipantFactory(municipality=municipality, referral_reference="AF-00001")
    batch = _preview(client, municipality, [person(1), person(2)])
    view = ParticipantView.objects.get()
    assert (view.participant, view.viewer, view.where) == (known, officer, "import preview")
    _commit(client, batch)
    event = AuditEvent.objects.get(action="imports.committed")
    assert event.data == {"kind": "participants", "rows": 2, "created": 1, "skipped": 1}
    assert "Person2" not in str(event.data)


def test_discarding_empties_the_rows(client, officer, municipality):
    batch = _preview(client, municipality, [person(1)])
    response = client.post(reverse("imports:discard", args=[batch.pk]))
    assert response.url == reverse("imports:participants")
    batch.refresh_from_db()
    assert (batch.status, batch.rows, batch.results) == ("discarded", [], [])
    assert client.post(reverse("imports:commit", args=[batch.pk]), follow=True).status_code == 200
    assert Participant.objects.count() == 0


def test_uploads_left_for_a_day_are_emptied_by_the_daily_job(client, officer, municipality):
    fresh = _preview(client, municipality, [person(1)])
    stale = _preview(client, municipality, [person(2)])
    ImportBatch.objects.filter(pk=stale.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert services.discard_stale_batches() == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, stale.rows) == ("expired", [])
    assert fresh.status == "preview" and fresh.rows


def test_the_xlsx_template_filled_in_imports(client, officer, municipality):
    response = client.get(reverse("imports:template", args=["participants", "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Deltagare", "Kolumner", "Koder"]
    codes = {(row[0], row[1]) for row in workbook["Koder"].iter_rows(min_row=2, values_only=True)}
    assert ("målgrupp", "newly_arrived") in codes and ("yrken", "9111") in codes
    assert "personnummer" not in [cell.value for cell in workbook["Deltagare"][1]]
    sheet = workbook["Deltagare"]
    headers = [cell.value for cell in sheet[1]]
    values = {key.rstrip(" *"): value for key, value in person(1).items()}
    sheet.append([values.get(header.rstrip(" *"), "") for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch_response = client.post(
        reverse("imports:participants"), {"municipality": municipality.pk, "file": upload(buffer.getvalue(), "ny.xlsx")}
    )
    batch = ImportBatch.objects.get(pk=batch_response.url.strip("/").split("/")[-1])
    assert (batch.to_create, batch.invalid) == (1, 0), batch.results
    _commit(client, batch)
    assert Participant.objects.get().first_name == "Åsa"


def test_the_csv_template_opens_in_swedish_excel(client, officer):
    response = client.get(reverse("imports:template", args=["participants", "csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="insteg-deltagare.csv"'
    assert response.content.startswith("\ufeffärendenummer;förnamn *;efternamn *".encode())


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("matching_officer", 200),
        ("employment_officer", 200),
        ("procurement_officer", 403),
        ("administrator", 403),
        ("supplier", 403),
        ("funder", 403),
        ("data_protection_officer", 403),
    ],
    indirect=["persona"],
)
def test_who_may_import_participants(client, persona, status):
    client.force_login(persona)
    assert client.get(reverse("imports:participants")).status_code == status
    assert client.get(reverse("imports:template", args=["participants", "csv"])).status_code == status


def test_a_matching_officer_cannot_import_into_another_municipality(client, officer):
    elsewhere = OrganisationFactory(name="Krokoms kommun", kind=Organisation.Kind.MUNICIPALITY)
    response = client.post(
        reverse("imports:participants"), {"municipality": elsewhere.pk, "file": upload(csv_bytes([person(1)]))}
    )
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not ImportBatch.objects.exists()


def test_an_upload_is_seen_only_by_the_person_who_uploaded_it(client, officer, municipality, matching_officer):
    batch = _preview(client, municipality, [person(1)])
    colleague = MembershipFactory(organisation=municipality, role=Role.MATCHING_OFFICER).user
    client.force_login(colleague)
    assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:commit", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:discard", args=[batch.pk])).status_code == 404
    assert Participant.objects.count() == 0
