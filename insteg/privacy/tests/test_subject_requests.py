"""Data subject requests (GDPR art. 15–18, 21): the DPO finds the person, exports, rectifies, restricts and
erases; everyone downloads their own data. Everything logged; outsiders get 403, others' subjects 404."""

import json
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from insteg.accounts.tests.factories import OrganisationFactory
from insteg.lib.errors import DomainError
from insteg.matching import services as matching_services
from insteg.matching.models import Participant, ParticipantView
from insteg.privacy import dsr_services, subject_access
from insteg.privacy.models import AuditEvent, ConsentText
from insteg.retention.models import LegalHold
from insteg.training.models import Registration
from insteg.training.tests.factories import SessionFactory

OUTSIDERS = [
    "procurement_officer",
    "matching_officer",
    "supplier",
    "other_supplier",
    "employment_officer",
    "other_employment_officer",
    "funder",
]


def _pdf_text(content: bytes, tmp_path) -> str:
    assert content.startswith(b"%PDF")
    path = tmp_path / "export.pdf"
    path.write_bytes(content)
    command = ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603, S607


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")


def _registration(email="eva.handledare@example.se", **kwargs):
    return Registration.objects.create(
        session=kwargs.pop("session", None) or SessionFactory(),
        name="Eva Handledare",
        email=email,
        phone="070-5554433",
        organisation_name="Storsjöbygg AB",
        role="handledare",
        status=Registration.Status.CONFIRMED,
        consent_text=ConsentText.objects.current("training_registration"),
        consent_at=timezone.now(),
        **kwargs,
    )


# --- Finding the person --------------------------------------------------------------------------------------


def test_the_dpo_finds_a_participant_by_name_or_pseudonymous_id_and_the_search_is_logged(
    client, data_protection_officer, participant
):
    client.force_login(data_protection_officer)
    assert client.get(reverse("privacy:requests")).status_code == 200
    for query in ("amina yusuf", str(participant.public_id)):
        response = client.post(reverse("privacy:requests"), {"kind": "participant", "query": query})
        assert reverse("privacy:participant_request", args=[participant.pk]) in response.content.decode()
    view = ParticipantView.objects.filter(viewer=data_protection_officer).latest("pk")
    assert (view.participant, view.purpose, view.where) == (participant, "dpo", "data subject request search")


def test_a_dpo_of_another_municipality_finds_nobody_and_gets_404(client, participant):
    from insteg.accounts.models import Organisation, Role
    from insteg.accounts.tests.factories import MembershipFactory

    other = OrganisationFactory(name="Krokoms kommun", kind=Organisation.Kind.MUNICIPALITY, org_number="212000-2593")
    dpo = MembershipFactory(organisation=other, role=Role.DATA_PROTECTION_OFFICER, user__username="dag").user
    client.force_login(dpo)
    response = client.post(reverse("privacy:requests"), {"kind": "participant", "query": "Amina"})
    assert "No participant matches." in response.content.decode()
    assert client.get(reverse("privacy:participant_request", args=[participant.pk])).status_code == 404
    assert client.get(reverse("privacy:participant_export", args=[participant.pk])).status_code == 404
    assert client.get(f"/api/v1/privacy/subjects/participants/{participant.pk}/export").status_code == 404


@pytest.mark.parametrize("persona", OUTSIDERS, indirect=True)
def test_everyone_but_the_dpo_and_administrators_gets_403(client, persona, participant, data_protection_officer):
    client.force_login(persona)
    for url in (
        reverse("privacy:requests"),
        reverse("privacy:participant_request", args=[participant.pk]),
        reverse("privacy:participant_export", args=[participant.pk]),
        reverse("privacy:user_request", args=[data_protection_officer.pk]),
        reverse("privacy:user_export", args=[data_protection_officer.pk]),
        reverse("privacy:view_log"),
        f"/api/v1/privacy/subjects/participants/{participant.pk}/export",
        f"/api/v1/privacy/subjects/users/{data_protection_officer.pk}/export",
        "/api/v1/privacy/subjects/registrants/export?email=a@example.se",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("privacy:registrant_request"), {"email": "a@example.se"}).status_code == 403
    assert client.post(f"/api/v1/privacy/subjects/participants/{participant.pk}/restrict").status_code == 403
    assert not ParticipantView.objects.filter(viewer=persona).exists()


def test_anonymous_visitors_are_sent_to_sign_in_or_get_401(client, participant):
    assert client.get(reverse("privacy:requests")).status_code == 302
    assert client.get(reverse("privacy:my_data")).status_code == 302
    assert client.get("/api/v1/me/export").status_code == 401
    assert client.get(f"/api/v1/privacy/subjects/participants/{participant.pk}/export").status_code == 401


# --- Access (art. 15) -------------------------------------------------------------------------------------------


def test_the_participant_export_holds_everything_and_says_what_an_archive_rule_keeps(
    client, data_protection_officer, participant, journey
):
    LegalHold.objects.create(
        record_type="participant", record_id=participant.pk, reason="Överprövning", placed_by=data_protection_officer
    )
    client.force_login(data_protection_officer)
    response = client.get(reverse("privacy:participant_export", args=[participant.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="participant-{participant.public_id}.json"'
    data = json.loads(response.content)
    assert data["subject"]["kind"] == "participant" and data["subject"]["generated_by"] == "dina"
    assert data["participant"]["email"] == "amina.yusuf@example.se"
    assert data["proposals"][0]["shared_adaptations"] == ["gradual_start"]
    placement = data["placements"][0]
    assert placement["check_ins"][0]["notes"] == "Bussen går för tidigt för Amina."
    assert placement["check_ins"][0]["actions"][0]["text"] == "Ring Amina om busstiderna"
    assert placement["situations"][0]["description"] == "Amina missade bussen."
    assert [e["text"] for e in placement["situations"][0]["events"]][-1] == "Vi ringde Amina."
    assert data["legal_holds"] == [
        {
            "reason": "Överprövning",
            "placed_at": data["legal_holds"][0]["placed_at"],
            "released_at": None,
            "active": True,
        }
    ]
    assert data["retention"]["on_legal_hold"] is True
    assert "age_band" in data["retention"]["kept_after_erasure"]
    assert data["retention"]["participant"].startswith("Kept until a disposal decision is recorded")
    assert any(view["viewer"] == "dina" and view["purpose"] == "export" for view in data["views"])
    assert ParticipantView.objects.filter(viewer=data_protection_officer, purpose="export").count() == 1


@needs_pdftotext
def test_the_participant_export_as_pdf_has_extractable_text(
    client, data_protection_officer, participant, journey, tmp_path
):
    client.force_login(data_protection_officer)
    response = client.get(reverse("privacy:participant_export", args=[participant.pk]) + "?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "Everything stored about a participant" in text
    assert "Yusuf-Lindberg" in text and "amina.yusuf@example.se" in text
    assert "Amina missade bussen." in text
    api = client.get(f"/api/v1/privacy/subjects/participants/{participant.pk}/export?format=pdf")
    assert api.status_code == 200 and api["Content-Type"] == "application/pdf"
    assert "Yusuf-Lindberg" in _pdf_text(api.content, tmp_path)


def test_the_api_export_is_the_same_json(client, administrator, participant, journey):
    client.force_login(administrator)
    response = client.get(f"/api/v1/privacy/subjects/participants/{participant.pk}/export")
    assert response.status_code == 200
    assert response.json()["participant"]["public_id"] == str(participant.public_id)
    assert client.get("/api/v1/privacy/subjects/participants/999999/export").status_code == 404


def test_a_registrant_export_lists_every_registration_with_its_consent(client, data_protection_officer, tmp_path):
    first = _registration()
    _registration(email="EVA.handledare@example.se")
    _registration(email="someone.else@example.se")
    client.force_login(data_protection_officer)
    found = client.post(reverse("privacy:requests"), {"kind": "registrant", "query": "eva.handledare@example.se"})
    assert "2 registrations." in found.content.decode()
    response = client.post(reverse("privacy:registrant_request"), {"email": "eva.handledare@example.se"})
    data = json.loads(response.content)
    assert len(data["registrations"]) == 2
    assert data["registrations"][0]["consent_text_version"] == first.consent_text.version
    assert data["registrations"][0]["consent_at"] == first.consent_at.isoformat()
    api = client.get("/api/v1/privacy/subjects/registrants/export", {"email": "eva.handledare@example.se"})
    assert api.status_code == 200 and len(api.json()["registrations"]) == 2
    bad = client.get("/api/v1/privacy/subjects/registrants/export", {"email": "not an email"})
    assert bad.status_code == 400 and "email" in bad.json()["errors"]
    assert AuditEvent.objects.filter(action="privacy.registrant_exported", actor=data_protection_officer).count() == 2


def test_a_user_export_has_the_account_roles_audit_and_token_names_but_no_secrets(
    client, data_protection_officer, supplier
):
    from insteg.accounts import services as account_services

    account_services.create_api_token(supplier, name="Affärssystemet")
    _registration(email=supplier.email)
    client.force_login(data_protection_officer)
    data = json.loads(client.get(reverse("privacy:user_export", args=[supplier.pk])).content)
    assert data["account"]["username"] == "lars"
    assert data["memberships"][0]["organisation"] == "Storsjöbygg AB"
    assert [t["name"] for t in data["api_tokens"]] == ["Affärssystemet"]
    assert "digest" not in json.dumps(data) and "token_key" not in json.dumps(data)
    assert len(data["training_registrations"]) == 1
    assert data["audit_events"]  # creating the token was recorded with lars as the actor
    assert AuditEvent.objects.filter(action="privacy.user_exported", actor=data_protection_officer).exists()
    api = client.get(f"/api/v1/privacy/subjects/users/{supplier.pk}/export")
    assert api.status_code == 200 and api.json()["account"]["email"] == supplier.email
    assert client.get("/api/v1/privacy/subjects/users/999999/export").status_code == 404


@needs_pdftotext
def test_everyone_downloads_their_own_data_as_json_and_pdf(client, funder, tmp_path):
    client.force_login(funder)
    assert client.get(reverse("privacy:my_data")).status_code == 200
    data = json.loads(client.get(reverse("privacy:my_data") + "?format=json").content)
    assert data["account"]["username"] == "johan" and data["subject"]["kind"] == "user"
    text = _pdf_text(client.get(reverse("privacy:my_data") + "?format=pdf").content, tmp_path)
    assert "Everything stored about a user account" in text and "johan" in text
    api = client.get("/api/v1/me/export")
    assert api.status_code == 200 and api.json()["account"]["username"] == "johan"
    assert client.get("/api/v1/me/export?format=pdf")["Content-Type"] == "application/pdf"


# --- Rectification (art. 16) ------------------------------------------------------------------------------------


def test_the_dpo_corrects_contact_details_and_the_change_is_audited(client, data_protection_officer, participant):
    client.force_login(data_protection_officer)
    url = reverse("privacy:participant_request", args=[participant.pk])
    page = client.get(url).content.decode()
    assert "forward the request to the matching officer" in page
    data = {
        "action": "rectify",
        "rectify-first_name": "Amina",
        "rectify-last_name": "Yusuf",
        "rectify-email": "amina@example.se",
        "rectify-phone": "070-1234567",
    }  # noqa: E501
    assert client.post(url, data).status_code == 302
    participant.refresh_from_db()
    assert (participant.last_name, participant.email) == ("Yusuf", "amina@example.se")
    event = AuditEvent.objects.get(action="privacy.participant_rectified")
    assert event.data == {"fields": ["last_name", "email"]}
    bad = client.post(url, {**data, "rectify-email": "not an email"})
    assert bad.status_code == 200 and "Enter a valid email address." in bad.content.decode()
    participant.refresh_from_db()
    assert participant.email == "amina@example.se"


def test_rectification_refuses_other_fields(data_protection_officer, participant):
    with pytest.raises(ValidationError):
        dsr_services.rectify_participant(participant, data={"notes": "x"}, by=data_protection_officer)


# --- Restriction (art. 18) --------------------------------------------------------------------------------------


def test_a_restricted_person_is_kept_with_a_banner_but_never_matched_or_proposed(
    client, data_protection_officer, matching_officer, participant, position
):
    client.force_login(data_protection_officer)
    url = reverse("privacy:participant_request", args=[participant.pk])
    client.post(url, {"action": "restrict", "restrict-reason": "accuracy_contested"})
    participant.refresh_from_db()
    assert participant.restriction_reason == "accuracy_contested" and participant.restricted_at
    assert AuditEvent.objects.filter(action="privacy.participant_restricted", data={"reason": "accuracy_contested"})

    client.force_login(matching_officer)
    detail = client.get(reverse("matching:participant", args=[participant.pk])).content.decode()
    assert "Processing restricted (GDPR art. 18):" in detail
    candidates = client.get(reverse("matching:candidates", args=[position.pk])).content.decode()
    assert "Yusuf-Lindberg" not in candidates
    with pytest.raises(DomainError):
        matching_services.prepare_proposal(matching_officer, participant=participant, position=position)
    assert participant not in Participant.objects.matchable()

    client.force_login(data_protection_officer)
    client.post(url, {"action": "lift"})
    participant.refresh_from_db()
    assert participant.restricted_at is None
    assert participant in Participant.objects.matchable()
    client.force_login(matching_officer)
    assert "Yusuf-Lindberg" in client.get(reverse("matching:candidates", args=[position.pk])).content.decode()


def test_restriction_in_the_api(client, data_protection_officer, participant):
    client.force_login(data_protection_officer)
    base = f"/api/v1/privacy/subjects/participants/{participant.pk}"
    bad = client.post(f"{base}/restrict", {"reason": "because"}, content_type="application/json")
    assert bad.status_code == 400 and "reason" in bad.json()["errors"]
    assert client.post(f"{base}/unrestrict").status_code == 409
    response = client.post(f"{base}/restrict", {"reason": "objection"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["restriction_reason"] == "objection"
    again = client.post(f"{base}/restrict", {"reason": "objection"}, content_type="application/json")
    assert again.status_code == 409
    assert client.post(f"{base}/unrestrict").json()["restricted_at"] is None
    assert client.post("/api/v1/privacy/subjects/participants/999999/restrict").status_code == 404


# --- Erasure (art. 17) ------------------------------------------------------------------------------------------


def test_the_dpo_erases_a_participant_and_it_is_audited(client, data_protection_officer, participant, journey):
    client.force_login(data_protection_officer)
    response = client.post(reverse("privacy:participant_request", args=[participant.pk]), {"action": "erase"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.erased_at and participant.last_name == ""
    assert AuditEvent.objects.filter(action="participant.erased", actor=data_protection_officer).exists()
    page = client.get(reverse("privacy:participant_request", args=[participant.pk])).content.decode()
    assert "Erased:" in page


def test_the_dpo_erases_a_registrant_and_a_confirmed_seat_is_freed(client, data_protection_officer):
    session = SessionFactory()
    active = _registration(session=session)
    client.force_login(data_protection_officer)
    client.post(reverse("privacy:registrant_request"), {"email": active.email, "action": "erase"})
    active.refresh_from_db()
    assert (active.name, active.email, active.status) == ("", "", Registration.Status.CANCELLED)
    assert active.anonymised_at is not None and active.consent_text_id  # which consent was given stays
    assert AuditEvent.objects.filter(action="privacy.registrant_erased", data={"count": 1}).exists()
    again = client.post(
        reverse("privacy:registrant_request"), {"email": "eva.handledare@example.se", "action": "erase"}
    )
    assert again.status_code == 302


def test_the_dpo_anonymises_an_account_whose_audit_rows_stay(client, data_protection_officer, supplier):
    from insteg.privacy import audit

    audit.record("test.something", actor=supplier)
    client.force_login(data_protection_officer)
    assert client.get(reverse("privacy:user_request", args=[supplier.pk])).status_code == 200
    assert client.post(reverse("privacy:user_request", args=[supplier.pk])).status_code == 302
    supplier.refresh_from_db()
    assert (supplier.username, supplier.first_name, supplier.is_active) == (f"erased-{supplier.pk}", "", False)
    assert "lars" not in supplier.email and not supplier.has_usable_password()
    assert not supplier.memberships.exists()
    assert AuditEvent.objects.filter(action="test.something", actor=supplier).exists()
    assert AuditEvent.objects.filter(action="privacy.user_anonymised", actor=data_protection_officer).exists()
    with pytest.raises(DomainError):
        dsr_services.anonymise_user(data_protection_officer, by=data_protection_officer)


def test_the_export_of_an_erased_participant_says_what_was_kept(data_protection_officer, participant, journey):
    matching_services.erase(data_protection_officer, participant)
    data = subject_access.export_participant(participant, data_protection_officer)
    assert data["participant"]["first_name"] == "" and data["participant"]["erased_at"]
    assert data["participant"]["age_band"] == "30–39"
    assert data["placements"][0]["situations"][0]["description"] == ""
    assert "placements (dates, status, outcomes)" in data["retention"]["kept_after_erasure"]


def test_restricting_needs_a_known_reason_and_the_dpo(matching_officer, data_protection_officer, participant):
    with pytest.raises(DomainError):
        dsr_services.restrict_participant(participant, reason="objection", by=matching_officer)
    with pytest.raises(ValidationError):
        dsr_services.restrict_participant(participant, reason="", by=data_protection_officer)
    assert Participant.objects.get(pk=participant.pk).restricted_at is None
