"""The participants, matching and placements API: who sees what, the view log, erasure and bad input."""

import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse

from insteg.contracts.models import Occupation, Position
from insteg.contracts.tests.factories import PositionFactory
from insteg.matching.models import Participant, ParticipantView, Placement, Proposal
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory, ProposalFactory

OUTSIDERS = ["procurement_officer", "administrator", "supplier", "other_supplier", "funder"]
HIDDEN_FROM_HOST = ["last_name", "email", "phone", "birth_year", "explanation", "disclosure", "score"]


def _new_person(**fields):
    return {
        "first_name": "Jonas",
        "last_name": "Berg",
        "email": "jonas.berg@example.se",
        "phone": "070-7654321",
        "birth_year": 1988,
        "gender": "man",
        "target_group": "long_term_unemployed",
        "occupations": ["9111"],
        "languages": {"swedish_level": "fluent", "other_languages": "engelska (god)"},
        "driving_licence": True,
        "home_municipality": "Östersund",
        "max_travel_km": 20,
        "available_from": "2026-08-15",
        "hours_min": 20,
        "hours_max": 30,
        "legal_basis": "public_interest",
        "informed_on": "2026-07-01",
        "adaptations": ["quiet_workplace"],
        **fields,
    }


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, data=json.dumps(data), content_type="application/json")


def _views(participant, **filters):
    return ParticipantView.objects.filter(participant=participant, **filters)


@pytest.fixture
def sent_proposal(participant, position, matching_officer):
    """Sent to the host (the supplier persona's company) with the person's consent."""
    return ProposalFactory(
        participant=participant,
        position=position,
        prepared_by=matching_officer,
        status=Proposal.Status.PROPOSED,
        disclosure=Proposal.Disclosure.CONSENT,
        shared_adaptations=["gradual_start"],
        proposed_start=datetime.date(2026, 8, 17),
        explanation=[{"code": "occupation", "points": 40, "text": "Samma yrke (SSYK 9111)."}],
    )


@pytest.fixture
def draft_proposal(participant, position, matching_officer):
    return ProposalFactory(participant=participant, position=position, prepared_by=matching_officer)


# --- Participants: who sees them ------------------------------------------------------------------------------


def test_a_matching_officer_lists_the_municipalitys_participants_and_each_read_is_logged(
    client, matching_officer, participant
):
    other = ParticipantFactory(municipality=participant.municipality, last_name="Öberg")
    client.force_login(matching_officer)

    response = client.get(reverse("api:participants"))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    amina = next(item for item in body["results"] if item["id"] == participant.pk)
    assert amina["last_name"] == "Yusuf-Lindberg"
    assert amina["occupations"] == ["9111"]
    assert amina["languages"] == {"swedish_level": "everyday", "other_languages": ""}
    assert amina["adaptations"] == ["gradual_start", "written_instructions"]
    assert amina["public_id"] == str(participant.public_id)
    assert "personnummer" not in amina
    for person in (participant, other):
        assert _views(person, viewer=matching_officer, purpose="matching", where="api").count() == 1


def test_a_list_page_logs_only_the_people_on_it(client, matching_officer, participant):
    ParticipantFactory.create_batch(3, municipality=participant.municipality)
    client.force_login(matching_officer)

    response = client.get(reverse("api:participants"), {"page_size": 2})

    assert response.json()["count"] == 4 and len(response.json()["results"]) == 2
    assert response.json()["next"]
    assert ParticipantView.objects.filter(viewer=matching_officer).count() == 2


def test_an_employment_officer_sees_only_the_people_they_referred(client, employment_officer, participant):
    ParticipantFactory(municipality=participant.municipality, first_name="Someone", last_name="Else")
    client.force_login(employment_officer)

    response = client.get(reverse("api:participants"))

    assert [item["id"] for item in response.json()["results"]] == [participant.pk]
    assert _views(participant, viewer=employment_officer, purpose="referral").count() == 1


@pytest.mark.parametrize("persona", OUTSIDERS, indirect=True)
def test_no_one_else_reaches_participant_data(client, persona, participant):
    client.force_login(persona)

    assert client.get(reverse("api:participants")).status_code == 403
    assert _post(client, reverse("api:participants"), _new_person()).status_code == 403
    for name in ("api:participant", "api:participant_export"):
        assert client.get(reverse(name, kwargs={"pk": participant.pk})).status_code == 404
    assert (
        _patch(client, reverse("api:participant", kwargs={"pk": participant.pk}), {"first_name": "X"}).status_code
        == 404
    )
    assert client.post(reverse("api:participant_erase", kwargs={"pk": participant.pk})).status_code == 404
    assert not ParticipantView.objects.exists()
    participant.refresh_from_db()
    assert participant.first_name == "Amina" and participant.erased_at is None


def test_anonymous_callers_must_sign_in(client, participant):
    assert client.get(reverse("api:participants")).status_code == 401
    assert client.get(reverse("api:participant", kwargs={"pk": participant.pk})).status_code == 401
    assert client.get(reverse("api:placements")).status_code == 401


def test_a_matching_officer_of_another_municipality_does_not_find_the_person(client, participant):
    from insteg.accounts.models import Role
    from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory

    elsewhere = OrganisationFactory(name="Krokoms kommun", kind="municipality")
    officer = MembershipFactory(organisation=elsewhere, role=Role.MATCHING_OFFICER).user
    client.force_login(officer)

    assert client.get(reverse("api:participant", kwargs={"pk": participant.pk})).status_code == 404
    assert client.get(reverse("api:participants")).json()["count"] == 0


def test_reading_one_participant_is_logged(client, matching_officer, participant):
    client.force_login(matching_officer)

    response = client.get(reverse("api:participant", kwargs={"pk": participant.pk}))

    assert response.status_code == 200
    assert response.json()["email"] == "amina.yusuf@example.se"
    assert _views(participant, viewer=matching_officer, purpose="matching", where="api").count() == 1


# --- Participants: registering and changing -------------------------------------------------------------------


def test_a_matching_officer_registers_a_person_in_their_municipality(client, matching_officer, municipality):
    client.force_login(matching_officer)

    response = _post(client, reverse("api:participants"), _new_person())

    assert response.status_code == 201, response.json()
    body = response.json()
    person = Participant.objects.get(pk=body["id"])
    assert person.municipality == municipality
    assert person.swedish_level == "fluent" and person.other_languages == "engelska (god)"
    assert [o.code for o in person.occupations.all()] == ["9111"]
    assert body["age_band"] == "30–39" and body["status"] == "available"
    assert body["adaptations"] == ["quiet_workplace"]


def test_an_employment_officer_refers_a_person_and_then_sees_them(client, employment_officer, municipality):
    client.force_login(employment_officer)

    response = _post(client, reverse("api:participants"), _new_person(municipality=municipality.pk))

    assert response.status_code == 201, response.json()
    assert Participant.objects.get(pk=response.json()["id"]).referred_by == employment_officer
    assert client.get(reverse("api:participants")).json()["count"] == 1


def test_the_municipality_must_be_named_when_several_fit(client, employment_officer, municipality):
    from insteg.accounts.tests.factories import OrganisationFactory

    OrganisationFactory(name="Krokoms kommun", kind="municipality")
    client.force_login(employment_officer)

    response = _post(client, reverse("api:participants"), _new_person())

    assert response.status_code == 400
    assert "municipality" in response.json()["errors"]
    assert not Participant.objects.exists()


def test_a_matching_officer_changes_a_participant(client, matching_officer, participant):
    client.force_login(matching_officer)

    response = _patch(
        client,
        reverse("api:participant", kwargs={"pk": participant.pk}),
        {"phone": "070-1112233", "occupations": ["9111", "5120"], "languages": {"swedish_level": "fluent"}},
    )

    assert response.status_code == 200, response.json()
    participant.refresh_from_db()
    assert participant.phone == "070-1112233" and participant.swedish_level == "fluent"
    assert sorted(response.json()["occupations"]) == ["5120", "9111"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (_new_person(occupations=["9999"]), "occupations"),
        (_new_person(notes="Har diagnos ADHD, behöver lugn miljö."), "notes"),
        (_new_person(personnummer="19900101-0017"), "personnummer"),
        (_new_person(first_name="x" * 100_000), "first_name"),
        (_new_person(birth_year="nittonhundra"), "birth_year"),
        (_new_person(birth_year=1850), "birth_year"),
        (_new_person(occupations="9111"), "occupations"),
        (_new_person(languages=["svenska"]), "languages"),
        (_new_person(adaptations=["depression"]), "adaptations"),
        (_new_person(adaptations="gradual_start"), "adaptations"),
        (_new_person(hours_min=40, hours_max=20), "hours_max"),
        (_new_person(available_from="20226-01-01"), "available_from"),
        (_new_person(email="not-an-email"), "email"),
        (_new_person(driving_licence="maybe"), "driving_licence"),
        (_new_person(municipality="Östersund"), "municipality"),
        ({}, "first_name"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(client, matching_officer, body, field):
    client.force_login(matching_officer)

    response = _post(client, reverse("api:participants"), body)

    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert response.json()["detail"]
    assert not Participant.objects.exists()


def test_malformed_json_is_refused_with_a_clear_message(client, matching_officer):
    client.force_login(matching_officer)

    response = client.post(reverse("api:participants"), data="{first_name: ", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Participant.objects.exists()


def test_a_bad_change_leaves_the_person_as_they_were(client, matching_officer, participant):
    client.force_login(matching_officer)
    url = reverse("api:participant", kwargs={"pk": participant.pk})

    response = _patch(client, url, {"phone": "070-999", "hours_min": 50, "hours_max": 30})

    assert response.status_code == 400 and "hours_max" in response.json()["errors"]
    participant.refresh_from_db()
    assert participant.phone == "070-1234567" and participant.hours_min == 20
    assert _patch(client, url, {"municipality": 1}).status_code == 400


def test_personnummer_is_taken_and_shown_masked_only_when_the_setting_allows(client, matching_officer, settings):
    settings.INSTEG_COLLECT_PERSONNUMMER = True
    client.force_login(matching_officer)

    response = _post(client, reverse("api:participants"), _new_person(personnummer="199001010017"))

    assert response.status_code == 201, response.json()
    assert response.json()["personnummer"] == "19900101-****"
    assert Participant.objects.get().personnummer == "19900101-0017"
    listed = client.get(reverse("api:participants")).json()["results"][0]
    assert listed["personnummer"] == "19900101-****"
    assert "0017" not in json.dumps(client.get(reverse("api:participants")).json())
    bad = _post(client, reverse("api:participants"), _new_person(personnummer="19900101-0018"))
    assert bad.status_code == 400 and "personnummer" in bad.json()["errors"]


# --- Export and erasure ---------------------------------------------------------------------------------------


def test_the_export_holds_everything_stored_and_is_logged(client, matching_officer, participant, sent_proposal):
    client.force_login(matching_officer)

    response = client.get(reverse("api:participant_export", kwargs={"pk": participant.pk}))

    assert response.status_code == 200
    body = response.json()
    assert body["participant"]["last_name"] == "Yusuf-Lindberg"
    assert body["participant"]["email"] == "amina.yusuf@example.se"
    assert body["participant"]["occupations"] == ["9111"]
    assert body["participant"]["adaptations"] == ["gradual_start", "written_instructions"]
    assert body["proposals"][0]["position"] == sent_proposal.position_id
    assert body["proposals"][0]["disclosure"] == "consent"
    assert any(view["purpose"] == "export" for view in body["views"])
    assert _views(participant, viewer=matching_officer, purpose="export").count() == 1


def test_the_referring_officer_exports_but_may_not_erase(client, employment_officer, participant):
    client.force_login(employment_officer)

    assert client.get(reverse("api:participant_export", kwargs={"pk": participant.pk})).status_code == 200
    assert client.post(reverse("api:participant_erase", kwargs={"pk": participant.pk})).status_code == 403
    participant.refresh_from_db()
    assert participant.erased_at is None


def test_erasure_removes_the_person_from_the_api_and_keeps_the_statistics(client, matching_officer, participant):
    client.force_login(matching_officer)

    response = client.post(reverse("api:participant_erase", kwargs={"pk": participant.pk}))

    assert response.status_code == 200
    assert response.json() == {"erased": True, "public_id": str(participant.public_id)}
    assert client.get(reverse("api:participant", kwargs={"pk": participant.pk})).status_code == 404
    assert client.get(reverse("api:participant_export", kwargs={"pk": participant.pk})).status_code == 404
    assert client.get(reverse("api:participants")).json()["count"] == 0
    assert client.post(reverse("api:participant_erase", kwargs={"pk": participant.pk})).status_code == 404
    participant.refresh_from_db()
    assert (participant.first_name, participant.last_name, participant.email, participant.phone) == ("", "", "", "")
    assert participant.age_band == "30–39" and participant.target_group == "long_term_unemployed"


# --- Proposals: suggestions -----------------------------------------------------------------------------------


def test_candidates_for_a_position_are_ranked_explained_and_logged(client, matching_officer, participant, position):
    far = ParticipantFactory(municipality=participant.municipality, occupations=[Occupation.objects.get(code="5120")])
    client.force_login(matching_officer)

    response = client.get(reverse("api:proposals"), {"position": position.pk})

    assert response.status_code == 200, response.json()
    results = response.json()["results"]
    assert results[0]["participant"] == {"id": participant.pk, "first_name": "Amina"}
    assert results[0]["position"] == {"id": position.pk, "title": position.title}
    assert [item["score"] for item in results] == sorted((item["score"] for item in results), reverse=True)
    assert {"code", "points", "text"} <= set(results[0]["explanation"][0])
    assert "last_name" not in results[0]["participant"]
    shown = {item["participant"]["id"] for item in results}
    for person in (participant, far):
        logged = _views(person, viewer=matching_officer, purpose="matching").count()
        assert logged == (1 if person.pk in shown else 0)


def test_positions_for_a_person_are_ranked(client, matching_officer, participant, position):
    closed = PositionFactory(contract=position.contract, status=Position.Status.FILLED)
    client.force_login(matching_officer)

    response = client.get(reverse("api:proposals"), {"participant": participant.pk})

    assert response.status_code == 200
    ids = [item["position"]["id"] for item in response.json()["results"]]
    assert position.pk in ids and closed.pk not in ids
    assert _views(participant, viewer=matching_officer).count() == 1


def test_the_optimal_assignment_gives_each_person_at_most_one_place(client, matching_officer, participant, position):
    PositionFactory(contract=position.contract, supervisor_trained=True)
    client.force_login(matching_officer)

    response = client.get(reverse("api:proposals"))

    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["participant"]["id"] for item in results] == [participant.pk]
    assert results[0]["explanation"]


def test_suggestion_filters_are_checked(client, matching_officer, participant, position):
    client.force_login(matching_officer)
    url = reverse("api:proposals")

    assert client.get(url, {"position": "abc"}).status_code == 400
    assert client.get(url, {"position": position.pk, "participant": participant.pk}).status_code == 400
    assert client.get(url, {"position": 999_999}).status_code == 404


@pytest.mark.parametrize("persona", [*OUTSIDERS, "employment_officer"], indirect=True)
def test_only_matching_officers_see_suggestions(client, persona, participant, position):
    client.force_login(persona)

    assert client.get(reverse("api:proposals"), {"position": position.pk}).status_code == 403
    body = {"participant": participant.pk, "position": position.pk}
    assert _post(client, reverse("api:proposals"), body).status_code == 403
    assert not ParticipantView.objects.exists()


# --- Proposals: prepare, send, decide -------------------------------------------------------------------------


def test_a_matching_officer_prepares_a_proposal(client, matching_officer, participant, position):
    client.force_login(matching_officer)

    response = _post(client, reverse("api:proposals"), {"participant": participant.pk, "position": position.pk})

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["participant"]["id"] == participant.pk
    assert body["explanation"] and body["score"] == Proposal.objects.get().score
    again = _post(client, reverse("api:proposals"), {"participant": participant.pk, "position": position.pk})
    assert again.status_code == 409


def test_preparing_a_proposal_checks_its_input(client, matching_officer, participant, position):
    client.force_login(matching_officer)
    url = reverse("api:proposals")

    assert "position" in _post(client, url, {"participant": participant.pk, "position": 999_999}).json()["errors"]
    assert "participant" in _post(client, url, {"participant": "Amina", "position": position.pk}).json()["errors"]
    assert _post(client, url, {"participant": participant.pk}).status_code == 400
    assert not Proposal.objects.exists()


def test_the_host_sees_only_what_was_disclosed(client, supplier, sent_proposal):
    client.force_login(supplier)

    response = client.get(reverse("api:proposal", kwargs={"pk": sent_proposal.pk}))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "status", "position", "first_name", "proposed_start", "shared_adaptations"}
    assert body["first_name"] == "Amina" and body["shared_adaptations"] == ["gradual_start"]
    assert body["proposed_start"] == "2026-08-17"
    text = json.dumps(body)
    assert (
        "Yusuf" not in text and "amina.yusuf" not in text and "1990" not in text and "written_instructions" not in text
    )
    assert _views(sent_proposal.participant, viewer=supplier, purpose="host_review").count() == 1


def test_staff_see_the_whole_proposal(client, matching_officer, sent_proposal):
    client.force_login(matching_officer)

    body = client.get(reverse("api:proposal", kwargs={"pk": sent_proposal.pk})).json()

    assert body["disclosure"] == "consent" and body["explanation"][0]["code"] == "occupation"
    assert body["participant"] == {"id": sent_proposal.participant_id, "first_name": "Amina"}


@pytest.mark.parametrize("persona", ["other_supplier", "funder", "procurement_officer", "administrator"], indirect=True)
def test_others_do_not_find_a_proposal(client, persona, sent_proposal):
    client.force_login(persona)

    for name in ("api:proposal", "api:proposal_propose", "api:proposal_decision"):
        url = reverse(name, kwargs={"pk": sent_proposal.pk})
        response = client.get(url) if name == "api:proposal" else _post(client, url, {"accept": True})
        assert response.status_code == 404, name
    assert not ParticipantView.objects.exists()


def test_the_host_does_not_see_a_draft(client, supplier, draft_proposal):
    client.force_login(supplier)

    assert client.get(reverse("api:proposal", kwargs={"pk": draft_proposal.pk})).status_code == 404


def test_a_matching_officer_sends_the_proposal_to_the_host(client, matching_officer, draft_proposal):
    client.force_login(matching_officer)
    url = reverse("api:proposal_propose", kwargs={"pk": draft_proposal.pk})

    response = _post(
        client, url, {"disclosure": "consent", "shared_adaptations": ["gradual_start"], "proposed_start": "2026-08-17"}
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "proposed"
    assert len(mail.outbox) == 1 and "Amina" not in mail.outbox[0].body
    again = _post(client, url, {"disclosure": "consent", "proposed_start": "2026-08-17"})
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"shared_adaptations": [], "proposed_start": "2026-08-17"}, "disclosure"),
        ({"disclosure": "gossip", "proposed_start": "2026-08-17"}, "disclosure"),
        ({"disclosure": "consent", "shared_adaptations": ["shorter_days"], "proposed_start": "2026-08-17"},
         "shared_adaptations"),
        ({"disclosure": "consent", "proposed_start": "2026-01-01"}, "proposed_start"),
    ],
)  # fmt: skip
def test_sending_needs_a_basis_and_only_the_persons_adaptations(client, matching_officer, draft_proposal, body, field):
    client.force_login(matching_officer)

    response = _post(client, reverse("api:proposal_propose", kwargs={"pk": draft_proposal.pk}), body)

    assert response.status_code == 400 and field in response.json()["errors"]
    draft_proposal.refresh_from_db()
    assert draft_proposal.status == "draft" and not mail.outbox


def test_the_referring_officer_and_the_host_may_not_send(client, employment_officer, supplier, sent_proposal):
    body = {"disclosure": "consent", "proposed_start": "2026-08-17"}
    for user in (employment_officer, supplier):
        client.force_login(user)
        assert _post(client, reverse("api:proposal_propose", kwargs={"pk": sent_proposal.pk}), body).status_code == 403


def test_the_host_accepts_and_a_placement_is_made(client, supplier, sent_proposal):
    client.force_login(supplier)

    response = _post(client, reverse("api:proposal_decision", kwargs={"pk": sent_proposal.pk}), {"accept": True})

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["proposal"]["status"] == "accepted" and body["warning"] is None
    assert body["placement"]["first_name"] == "Amina" and body["placement"]["starts_on"] == "2026-08-17"
    assert "last_name" not in json.dumps(body) and "Yusuf" not in json.dumps(body)
    assert Placement.objects.get().participant == sent_proposal.participant


def test_accepting_warns_when_the_supervisor_is_untrained(client, supplier, sent_proposal, settings):
    settings.INSTEG_SUPERVISOR_TRAINING_RULE = "warn"
    Position.objects.filter(pk=sent_proposal.position_id).update(supervisor_trained=False)
    client.force_login(supplier)

    response = _post(client, reverse("api:proposal_decision", kwargs={"pk": sent_proposal.pk}), {"accept": True})

    assert response.status_code == 201
    assert "handledarutbildningen" in response.json()["warning"]  # Swedish, the site's language


def test_accepting_is_refused_under_the_block_rule(client, supplier, sent_proposal, settings):
    settings.INSTEG_SUPERVISOR_TRAINING_RULE = "block"
    Position.objects.filter(pk=sent_proposal.position_id).update(supervisor_trained=False)
    client.force_login(supplier)

    response = _post(client, reverse("api:proposal_decision", kwargs={"pk": sent_proposal.pk}), {"accept": True})

    assert response.status_code == 409
    assert not Placement.objects.exists()
    sent_proposal.refresh_from_db()
    assert sent_proposal.status == "proposed"


def test_the_host_declines_with_a_reason(client, supplier, sent_proposal):
    client.force_login(supplier)
    url = reverse("api:proposal_decision", kwargs={"pk": sent_proposal.pk})

    assert "decline_reason" in _post(client, url, {"accept": False}).json()["errors"]
    assert _post(client, url, {"accept": "perhaps"}).status_code == 400
    response = _post(client, url, {"accept": False, "decline_reason": "timing"})

    assert response.status_code == 200
    assert response.json()["proposal"]["status"] == "declined" and response.json()["placement"] is None
    assert _post(client, url, {"accept": True}).status_code == 409


def test_only_the_host_decides(client, matching_officer, employment_officer, sent_proposal):
    for user in (matching_officer, employment_officer):
        client.force_login(user)
        response = _post(client, reverse("api:proposal_decision", kwargs={"pk": sent_proposal.pk}), {"accept": True})
        assert response.status_code == 403


# --- Placements -----------------------------------------------------------------------------------------------


@pytest.fixture
def placement(participant, position):
    return PlacementFactory(participant=participant, position=position, agreed_adaptations=["gradual_start"])


def test_the_host_sees_its_placements_with_the_first_name_only(client, supplier, placement):
    client.force_login(supplier)

    listed = client.get(reverse("api:placements")).json()
    one = client.get(reverse("api:placement", kwargs={"pk": placement.pk})).json()

    assert listed["count"] == 1 and listed["results"][0] == one
    assert one["first_name"] == "Amina" and "participant" not in one
    assert "Yusuf" not in json.dumps(listed)
    assert _views(placement.participant, viewer=supplier, purpose="host_review").count() == 2


def test_staff_see_placements_with_the_person(client, matching_officer, employment_officer, placement):
    for user in (matching_officer, employment_officer):
        client.force_login(user)
        body = client.get(reverse("api:placement", kwargs={"pk": placement.pk})).json()
        assert body["participant"] == {"id": placement.participant_id, "first_name": "Amina"}
        assert body["supervisor_name"] == "Eva Handledare"
        assert _views(placement.participant, viewer=user, purpose="follow_up").count() == 1


def test_another_supplier_sees_no_placement(client, other_supplier, placement):
    client.force_login(other_supplier)

    assert client.get(reverse("api:placements")).json()["count"] == 0
    assert client.get(reverse("api:placement", kwargs={"pk": placement.pk})).status_code == 404


@pytest.mark.parametrize("persona", ["funder", "procurement_officer", "administrator"], indirect=True)
def test_roles_without_people_get_no_placements(client, persona, placement):
    client.force_login(persona)

    assert client.get(reverse("api:placements")).status_code == 403
    assert client.get(reverse("api:placement", kwargs={"pk": placement.pk})).status_code == 404
    assert not ParticipantView.objects.exists()
