"""Issue 6's "Done when" for the pages: every read is logged, outsiders see nothing, the host sees only what was
disclosed, erasure leaves no identifying value anywhere in the database, and bad input never writes."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count
from django.urls import reverse

from insteg.matching import services
from insteg.matching.models import Participant, ParticipantView, Placement, Proposal
from insteg.matching.tests.factories import PlacementFactory, ProposalFactory
from insteg.matching.tests.test_participant_pages import form_data


@pytest.fixture(autouse=True)
def _in_english(english):
    """The assertions read the English source texts."""


@pytest.fixture
def proposed(participant, position, matching_officer):
    """Sent to the host with consent, sharing one of the person's two adaptations."""
    return ProposalFactory(
        participant=participant,
        position=position,
        prepared_by=matching_officer,
        status=Proposal.Status.PROPOSED,
        disclosure=Proposal.Disclosure.CONSENT,
        shared_adaptations=["gradual_start"],
        proposed_start=datetime.date(2026, 9, 1),
    )


# --- The view log records every read ------------------------------------------------------------------------


def test_every_page_that_shows_the_person_writes_who_when_and_why(
    client, matching_officer, supplier, participant, proposed
):
    PlacementFactory(participant=participant, position=proposed.position, proposal=proposed)
    client.force_login(matching_officer)
    reads = [
        (reverse("matching:participants"), "matching", "participant list"),
        (reverse("matching:participant", args=[participant.pk]), "matching", "participant page"),
        (reverse("matching:participant_edit", args=[participant.pk]), "matching", "edit"),
        (reverse("matching:participant_export", args=[participant.pk]), "export", "export"),
        (reverse("matching:participant_erase", args=[participant.pk]), "matching", "erase"),
        (reverse("matching:proposal", args=[proposed.pk]), "matching", "proposal"),
        (reverse("matching:placements"), "follow_up", "placement list"),
    ]
    for url, purpose, where in reads:
        before = ParticipantView.objects.count()
        assert client.get(url).status_code == 200
        latest = ParticipantView.objects.order_by("-pk").first()
        assert ParticipantView.objects.count() == before + 1, url
        assert (latest.participant, latest.viewer, latest.purpose, latest.where) == (
            participant,
            matching_officer,
            purpose,
            where,
        )
    client.force_login(supplier)
    client.get(reverse("matching:proposal", args=[proposed.pk]))
    latest = ParticipantView.objects.order_by("-pk").first()
    assert (latest.viewer, latest.purpose) == (supplier, "host_review")


def _participant_pages(participant):
    pk = participant.pk
    return [
        ("get", reverse("matching:participants")),
        ("get", reverse("matching:participant_create")),
        ("post", reverse("matching:participant_create")),
        ("get", reverse("matching:participant", args=[pk])),
        ("get", reverse("matching:participant_edit", args=[pk])),
        ("post", reverse("matching:participant_edit", args=[pk])),
        ("get", reverse("matching:participant_export", args=[pk])),
        ("get", reverse("matching:participant_erase", args=[pk])),
        ("post", reverse("matching:participant_erase", args=[pk])),
    ]


@pytest.mark.parametrize(
    "persona", ["supplier", "other_supplier", "funder", "procurement_officer", "administrator"], indirect=True
)
def test_outsiders_get_403_or_404_on_every_participant_page_and_learn_nothing(client, persona, participant, position):
    draft = ProposalFactory(participant=participant, position=position, prepared_by=persona)
    client.force_login(persona)
    pages = [
        *_participant_pages(participant),
        ("get", reverse("matching:proposal", args=[draft.pk])),
        ("post", reverse("matching:proposal_withdraw", args=[draft.pk])),
        ("post", reverse("matching:proposal_decide", args=[draft.pk])),
    ]
    for method, url in pages:
        response = getattr(client, method)(url, form_data(last_name="Ändrad") if method == "post" else None)
        assert response.status_code in (403, 404), f"{method} {url}"
        assert "Yusuf" not in response.content.decode()
    assert not ParticipantView.objects.exists()
    participant.refresh_from_db()
    assert participant.last_name == "Yusuf-Lindberg" and participant.erased_at is None
    assert Participant.objects.count() == 1


def test_the_host_sees_only_first_name_start_position_and_the_shared_adaptations(
    client, supplier, participant, proposed
):
    Participant.objects.filter(pk=participant.pk).update(
        birth_year=1987, target_group="newly_arrived", other_languages="tigrinska", notes="Föredrar morgnar."
    )
    client.force_login(supplier)
    page = client.get(reverse("matching:proposal", args=[proposed.pk])).content.decode()
    for shown in ("Amina", "2026-09-01", "Lokalvårdare, praktik", "Gradual start"):
        assert shown in page
    hidden = (
        "Yusuf",  # last name
        "amina.yusuf@example.se",
        "070-1234567",
        "1987",
        "Newly arrived",  # target group
        "tigrinska",
        "Föredrar morgnar",
        "Instructions in writing",  # an adaptation that was not shared
        "Östersunds kommun",  # the municipality that registered the person is not the host's business either
        str(participant.public_id),
        reverse("matching:participant", args=[participant.pk]),
    )
    for value in hidden:
        assert value not in page, value


def test_the_host_sees_no_programme(client, supplier, participant, proposed):
    from insteg.contracts.models import PositionType

    programme = PositionType.objects.exclude(pk=proposed.position.position_type_id).first()
    Participant.objects.filter(pk=participant.pk).update(programme=programme)
    client.force_login(supplier)
    page = client.get(reverse("matching:proposal", args=[proposed.pk])).content.decode()
    assert programme.name_en not in page and programme.name_sv not in page


# --- Erasure ----------------------------------------------------------------------------------------------------


def _dump_database() -> str:
    """Every row of every table, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from introspection
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    chunks.append(str(value))
    return "\n".join(chunks)


def _appears(value: str, dump: str) -> bool:
    """Also as JSON stores it (\\u00e5 for å), so a name inside a JSON column is found too."""
    return value in dump or json.dumps(value)[1:-1] in dump


def test_after_erase_no_identifying_value_is_anywhere_in_the_database_but_statistics_still_count_the_person(
    client, settings, matching_officer, supplier, municipality, position, mailoutbox
):
    settings.INSTEG_COLLECT_PERSONNUMMER = True
    identifying = {
        "first_name": "Zelmira",
        "last_name": "Qvarnström-Okafor",
        "email": "zelmira.qvarnstrom@example.se",
        "phone": "073-9988776",
        "personnummer": "19811218-9876",
    }
    client.force_login(matching_officer)
    client.post(
        reverse("matching:participant_create"),
        form_data(municipality=municipality.pk, target_group="newly_arrived", birth_year="1981", **identifying),
    )
    person = Participant.objects.get()
    assert person.personnummer == "19811218-9876"
    # The person's whole journey: read, exported, proposed, accepted, placed.
    client.get(reverse("matching:participant", args=[person.pk]))
    client.get(reverse("matching:participant_export", args=[person.pk]))
    proposal = ProposalFactory(
        participant=person, position=position, prepared_by=matching_officer, proposed_start=datetime.date(2026, 9, 1)
    )
    client.post(
        reverse("matching:proposal", args=[proposal.pk]),
        {"disclosure": "consent", "shared_adaptations": ["gradual_start"], "proposed_start": "2026-09-01"},
    )
    client.force_login(supplier)
    client.post(reverse("matching:proposal_decide", args=[proposal.pk]), {"decision": "accept"})
    assert Placement.objects.filter(participant=person).exists()
    dump = _dump_database()
    assert all(_appears(value, dump) for value in identifying.values())  # the dump does find them

    client.force_login(matching_officer)
    client.post(reverse("matching:participant_erase", args=[person.pk]))

    dump = _dump_database()
    for name, value in identifying.items():
        assert not _appears(value, dump), name
    assert not _appears("19811218", dump) and not _appears("1981121898", dump)
    by_group = dict(
        Participant.objects.filter(municipality=municipality)
        .values_list("target_group", "age_band")
        .annotate(people=Count("pk"))
        .values_list("target_group", "people")
    )
    assert by_group == {"newly_arrived": 1}
    assert Participant.objects.get().age_band == Participant.band_for(1981)
    assert Placement.objects.filter(participant=person).count() == 1  # the outcome stays for statistics


# --- Notes, personnummer and bad input ------------------------------------------------------------------------


def test_notes_refuse_health_words_and_nothing_is_written(client, matching_officer, municipality, participant):
    client.force_login(matching_officer)
    response = client.post(
        reverse("matching:participant_create"), form_data(municipality=municipality.pk, notes="Har diagnos ADHD.")
    )
    assert response.status_code == 200
    assert "Notes must not hold health details" in response.text and "adhd" in response.text
    assert Participant.objects.count() == 1
    edit = client.post(
        reverse("matching:participant_edit", args=[participant.pk]), form_data(notes="Sjukskriven sedan maj.")
    )
    assert "Notes must not hold health details" in edit.text
    participant.refresh_from_db()
    assert participant.notes == "" and participant.first_name == "Amina"


def test_personnummer_is_not_collected_by_default(client, matching_officer, municipality):
    client.force_login(matching_officer)
    assert 'name="personnummer"' not in client.get(reverse("matching:participant_create")).text
    client.post(
        reverse("matching:participant_create"), form_data(municipality=municipality.pk, personnummer="19900101-0017")
    )
    assert Participant.objects.get().personnummer == ""
    with pytest.raises(ValidationError, match="not collected"):
        services.save_participant(
            matching_officer, data={"personnummer": "19900101-0017"}, municipality=municipality,
            participant=Participant.objects.get(),
        )  # fmt: skip


def test_when_enabled_personnummer_is_validated_and_masked(client, settings, matching_officer, municipality):
    settings.INSTEG_COLLECT_PERSONNUMMER = True
    client.force_login(matching_officer)
    url = reverse("matching:participant_create")
    refused = client.post(url, form_data(municipality=municipality.pk, personnummer="19900101-0000"))
    assert "Enter a valid personal identity number" in refused.text
    assert not Participant.objects.exists()
    client.post(url, form_data(municipality=municipality.pk, personnummer="199001010017"))
    person = Participant.objects.get()
    assert person.personnummer == "19900101-0017"
    page = client.get(reverse("matching:participant", args=[person.pk])).text
    assert "19900101-****" in page and "0017" not in page
    edit_url = reverse("matching:participant_edit", args=[person.pk])
    edit = client.get(edit_url).text
    assert "19900101-****" in edit and "0017" not in edit
    client.post(edit_url, form_data(personnummer=""))  # empty keeps the recorded number
    person.refresh_from_db()
    assert person.personnummer == "19900101-0017"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("notes", "x" * 100_000, "at most 2000 characters"),
        ("first_name", "A" * 100_000, "at most 100 characters"),
        ("first_name", "<script>alert(1)</script>", "without the characters &lt; and &gt;"),
        ("hours_min", "40", "The most hours must be at least the fewest."),
        ("birth_year", "1800", "Enter a birth year between"),
        ("available_from", "not a date", "Enter a valid date."),
        ("occupations", "9" * 5000, "An SSYK code has four digits"),
    ],
)
def test_bad_input_gives_a_message_and_writes_nothing(
    client, matching_officer, municipality, participant, field, value, message
):
    client.force_login(matching_officer)
    created = client.post(
        reverse("matching:participant_create"), form_data(municipality=municipality.pk, **{field: value})
    )
    assert created.status_code == 200 and message in created.text
    assert "<script>alert" not in created.text  # what was typed comes back escaped
    edited = client.post(reverse("matching:participant_edit", args=[participant.pk]), form_data(**{field: value}))
    assert edited.status_code == 200 and message in edited.text
    assert Participant.objects.count() == 1
    participant.refresh_from_db()
    assert (participant.first_name, participant.hours_min, participant.birth_year) == ("Amina", 20, 1990)


# --- The supervisor-training rule --------------------------------------------------------------------------------


@pytest.fixture
def untrained(proposed):
    position = proposed.position
    position.supervisor_trained = False
    position.save()
    return proposed


def test_warn_rule_places_the_person_and_warns_about_the_supervisor_training(client, settings, supplier, untrained):
    settings.INSTEG_SUPERVISOR_TRAINING_RULE = "warn"
    client.force_login(supplier)
    response = client.post(
        reverse("matching:proposal_decide", args=[untrained.pk]), {"decision": "accept"}, follow=True
    )
    assert Placement.objects.filter(proposal=untrained).exists()
    assert "The supervisor has not attended the supervisor training" in response.text


def test_block_rule_refuses_the_placement_until_the_supervisor_is_trained(client, settings, supplier, untrained):
    settings.INSTEG_SUPERVISOR_TRAINING_RULE = "block"
    client.force_login(supplier)
    response = client.post(
        reverse("matching:proposal_decide", args=[untrained.pk]), {"decision": "accept"}, follow=True
    )
    assert "The supervisor must attend the supervisor training" in response.text
    assert not Placement.objects.exists()
    untrained.refresh_from_db()
    assert untrained.status == "proposed"
