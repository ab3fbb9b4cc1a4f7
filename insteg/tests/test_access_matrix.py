"""Every route of the product, for every role, with the answer each must get.

A new route fails `test_every_route_is_in_the_matrix` until it is added here, so no page or endpoint can
ship without a decision about who may use it. Objects belong to the persona "supplier"; "other_supplier"
is a second organisation of the same kind and must never see them. Participants are referred by the persona
"employment_officer"; "other_employment_officer" works at a second employment-service office and must never learn
they exist. The "data_protection_officer" supervises privacy: the supervision pages and what every signed-in person
gets, never a participant, a draft or a contract (404) nor a role's list (403).
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from insteg.accounts.services import create_api_token
from insteg.accounts.tests.factories import MembershipFactory
from insteg.contracts.models import Award, Commitment
from insteg.contracts.tests.factories import (
    AwardFactory,
    CommitmentFactory,
    ContractFactory,
    PositionFactory,
    TenderFactory,
)
from insteg.core.models import AccessibilityFeedback
from insteg.followup import services as followup_services
from insteg.followup.models import CheckInStep, ResponseTimeLimit
from insteg.matching.models import Placement
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory, ProposalFactory
from insteg.notices.models import Answer
from insteg.notices.tests.factories import AnswerFactory, InterestedSupplierFactory, QuestionFactory
from insteg.procurement.criteria_data import load_criteria
from insteg.procurement.tests.factories import LotFactory, ProcurementFactory, SocialRequirementFactory
from insteg.reports.models import ImpactParameter
from insteg.rules.models import ProportionalityPreset, Threshold, TimeLimit
from insteg.tests.personas import PERSONAS
from insteg.training import services as training_services
from insteg.training.models import Session
from insteg.training.tests.factories import CourseFactory, RegistrationFactory, SessionFactory, in_days

ALL = dict.fromkeys(PERSONAS, 200)
SIGNED_IN = {**ALL, "anonymous": 302}  # anonymous visitors are sent to the login page
ADMIN_ONLY = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "administrator": 200}
API_SIGNED_IN = {**ALL, "anonymous": 401}
SUPPLIER_OBJECT = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "supplier": 200, "administrator": 200}


def _supplier_org(users):
    return {"pk": users["supplier"].organisation.pk}


def _colleague(users):
    organisation = users["supplier"].organisation
    colleague = MembershipFactory(organisation=organisation)
    return {"pk": organisation.pk, "membership_pk": colleague.pk}


def _supplier_token(users):
    token, _secret = create_api_token(users["supplier"], name="Matrix")
    return {"digest": token.digest}


def _draft(users):
    officer = users["procurement_officer"]
    return {"pk": ProcurementFactory(organisation=officer.organisation, officer=officer).pk}


def _draft_lot(users):
    kwargs = _draft(users)
    return {**kwargs, "lot_pk": LotFactory(procurement_id=kwargs["pk"]).pk}


def _draft_requirement(users):
    kwargs = _draft(users)
    return {**kwargs, "requirement_pk": SocialRequirementFactory(procurement_id=kwargs["pk"]).pk}


def _criterion(users):
    load_criteria()
    return {"code": "employment-numeric"}


def _threshold(users):
    return {"pk": Threshold.objects.order_by("pk").first().pk}


def _time_limit(users):
    return {"pk": TimeLimit.objects.get(code="open-35").pk}


def _preset(users):
    return {"pk": ProportionalityPreset.objects.get(code="trafikverket").pk}


def _advertised(users):
    """Published and open whatever today is, so suppliers may still ask and register."""
    officer = users["procurement_officer"]
    procurement = ProcurementFactory(
        organisation=officer.organisation,
        officer=officer,
        status="published",
        tender_deadline=timezone.localdate() + datetime.timedelta(days=60),
        question_deadline=None,
    )
    return {"pk": procurement.pk}


def _supplier_interest(users):
    kwargs = _advertised(users)
    InterestedSupplierFactory(procurement_id=kwargs["pk"], organisation=users["supplier"].organisation)
    return kwargs


def _own_question(users):
    kwargs = _advertised(users)
    supplier = users["supplier"]
    question = QuestionFactory(
        procurement_id=kwargs["pk"], asked_by=supplier, asking_organisation=supplier.organisation
    )
    return {**kwargs, "question_pk": question.pk}


def _answer(users, **fields):
    kwargs = _advertised(users)
    answer = AnswerFactory(procurement_id=kwargs["pk"], written_by=users["procurement_officer"], **fields)
    return {**kwargs, "answer_pk": answer.pk}


def _published_answer(users):
    return _answer(users, status=Answer.Status.PUBLISHED, number=1, published_at=timezone.now())


def _award(users):
    officer = users["procurement_officer"]
    procurement = ProcurementFactory(organisation=officer.organisation, officer=officer, status="awarded")
    tender = TenderFactory(procurement=procurement, organisation=users["supplier"].organisation)
    return {"award_pk": AwardFactory(winner=tender, decided_by=officer).pk}


def _contract(users):
    """Signed with the persona supplier's company: the other supplier must never learn it exists."""
    award = Award.objects.get(pk=_award(users)["award_pk"])
    contract = ContractFactory(award=award)
    CommitmentFactory(contract=contract)
    return {"pk": contract.pk}


def _contract_position(users):
    kwargs = _contract(users)
    return {**kwargs, "position_pk": PositionFactory(contract_id=kwargs["pk"]).pk}


def _contract_commitment(users):
    kwargs = _contract(users)
    return {**kwargs, "commitment_pk": Commitment.objects.get(contract_id=kwargs["pk"]).pk}


def _participant_position(users):
    person = ParticipantFactory(
        municipality=users["matching_officer"].organisation, referred_by=users["employment_officer"]
    )
    return person, PositionFactory(contract_id=_contract(users)["pk"])


def _participant(users):
    return {"pk": _participant_position(users)[0].pk}


def _matching_position(users):
    return {"position_pk": _participant_position(users)[1].pk}


def _sent_proposal(users):
    """Sent to the persona supplier's company (the host) with the person's consent."""
    person, position = _participant_position(users)
    proposal = ProposalFactory(
        participant=person,
        position=position,
        prepared_by=users["matching_officer"],
        status="proposed",
        disclosure="consent",
        proposed_start=position.start_from,
    )
    return {"pk": proposal.pk}


def _placement(users):
    person, position = _participant_position(users)
    return {"pk": PlacementFactory(participant=person, position=position).pk}


def _started_placement(users):
    """Started by the matching officer, so it has its check-in schedule."""
    placement = Placement.objects.get(pk=_placement(users)["pk"])
    followup_services.start(placement, user=users["matching_officer"])
    return {"pk": placement.pk}


def _followup_check_in(users):
    kwargs = _started_placement(users)
    return {**kwargs, "check_in_pk": Placement.objects.get(pk=kwargs["pk"]).check_ins.order_by("due_on").first().pk}


def _followup_action(users):
    kwargs = _started_placement(users)
    action = {"text": "Ordna busskort", "owner": "municipality", "due_on": timezone.localdate()}
    check_in = followup_services.record_check_in(
        Placement.objects.get(pk=kwargs["pk"]).check_ins.order_by("due_on").first(),
        user=users["matching_officer"], done_on=timezone.localdate(), channel="phone", with_whom="both",
        status="on_track", actions=[action],
    )  # fmt: skip
    return {**kwargs, "action_pk": check_in.actions.get().pk}


def _host_situation(users):
    """Reported by the host (the persona supplier), so the host reads it too."""
    kwargs = _started_placement(users)
    situation = followup_services.report_situation(
        Placement.objects.get(pk=kwargs["pk"]), user=users["supplier"], category="attendance", severity="low",
        occurred_on=timezone.localdate(), description="Kom sent i morse.",
    )  # fmt: skip
    return {**kwargs, "situation_pk": situation.pk}


def _training_course(users):
    return {"pk": CourseFactory(organisation=users["matching_officer"].organisation).pk}


def _training_session(users):
    """Upcoming (30 days ahead), of the municipality."""
    return {"pk": SessionFactory(course=CourseFactory(organisation=users["matching_officer"].organisation)).pk}


def _training_registration(users):
    kwargs = _training_session(users)
    return {**kwargs, "registration_pk": RegistrationFactory(session_id=kwargs["pk"]).pk}


def _training_token(users):
    session = Session.objects.get(pk=_training_session(users)["pk"])
    return {"token": training_services.token_for(RegistrationFactory(session=session))}


def _training_attendee(users):
    """A session that started ten days ago and a registration that attended."""
    starts = in_days(-10, 9)
    course = CourseFactory(organisation=users["matching_officer"].organisation)
    session = SessionFactory(course=course, starts_at=starts, ends_at=starts + datetime.timedelta(hours=7))
    return {"pk": session.pk, "registration_pk": RegistrationFactory(session=session, attended=True).pk}


BROKEN_LINK = {"uidb64": "MQ", "token": "bad-token"}
# A municipality's draft: its procurement officers and administrators work on it, its matching officers
# read it, and no one outside the municipality knows it exists.
DRAFT_READ = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302}
DRAFT_READ |= {"procurement_officer": 200, "administrator": 200, "matching_officer": 200}
DRAFT_WRITE = {**DRAFT_READ, "matching_officer": 403}
DRAFT_POST = {**DRAFT_WRITE, "procurement_officer": 302, "administrator": 302}
DESIGNERS = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "procurement_officer": 200, "administrator": 200}
API_DRAFT_READ = {**DRAFT_READ, "anonymous": 401}
# Supplier-facing pages: every supplier contact may ask and register; the receipt is the asker's alone.
SUPPLIER_CONTACTS = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "supplier": 200, "other_supplier": 200}
OWN_QUESTION = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "supplier": 200}
STAFF_API = {**dict.fromkeys(PERSONAS, 403), "anonymous": 401, "procurement_officer": 200, "administrator": 200}
# The matrix posts an empty form-encoded body: staff get 415 (the API speaks JSON), others are stopped first.
STAFF_API_POST = {**STAFF_API, "procurement_officer": 415, "administrator": 415}
# A contract: the buyer's staff and the contract's supplier; matching officers read; everyone else 404.
CONTRACT_OUTSIDERS = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302}
CONTRACT_READ = {**CONTRACT_OUTSIDERS, "procurement_officer": 200, "administrator": 200, "matching_officer": 200}
CONTRACT_READ |= {"supplier": 200}
POSITION_WRITE = {**CONTRACT_READ, "matching_officer": 403}
SUPPLIER_REPORTS = {**CONTRACT_OUTSIDERS, "supplier": 200}
SUPPLIER_REPORTS |= {"procurement_officer": 403, "administrator": 403, "matching_officer": 403}
CONTRACT_API = {**CONTRACT_READ, "anonymous": 401}
CONTRACT_BUYER = {**CONTRACT_READ, "matching_officer": 403, "supplier": 403}
# Participants: the municipality's matching officers and the referring employment officer; nobody else,
# and a host only the proposals sent to it.
PARTICIPANT_WORKERS = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "matching_officer": 200}
PARTICIPANT_WORKERS |= {"employment_officer": 200, "other_employment_officer": 200}  # each sees only their own
PARTICIPANT_READ = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "matching_officer": 200}
PARTICIPANT_READ |= {"employment_officer": 200}
PROPOSAL_READ = {**PARTICIPANT_READ, "supplier": 200}
PLACEMENTS = {**PARTICIPANT_WORKERS, "supplier": 200, "other_supplier": 200}
MATCHING_OFFICERS = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "matching_officer": 200}
API_PARTICIPANT_WORKERS = {**PARTICIPANT_WORKERS, "anonymous": 401}
API_PARTICIPANT = {**PARTICIPANT_READ, "anonymous": 401}
API_PROPOSAL_READ = {**PROPOSAL_READ, "anonymous": 401}
# Supervisor training: sessions are public; courses, registrations and the staff pages are the organiser's
# (the municipality's matching officers and administrators), and registrations name people: 404 to others.
ORGANISERS = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "matching_officer": 200, "administrator": 200}
ORGANISER_OBJECT = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "matching_officer": 200, "administrator": 200}
ORGANISERS_API = {**ORGANISERS, "anonymous": 401}
ORGANISERS_API_POST = {**ORGANISERS_API, "matching_officer": 415, "administrator": 415}
ORGANISER_OBJECT_API = {**ORGANISER_OBJECT, "anonymous": 401}

# Follow-up: the municipality's matching officers write, the referring officer reads; the host only situations.
FOLLOWED = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "matching_officer": 200, "employment_officer": 200}
FOLLOW_UP_WRITE = {**FOLLOWED, "employment_officer": 403}
HOST_ONLY = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "supplier": 200}
FOLLOWED_API = {**FOLLOWED, "anonymous": 401}
FOLLOW_UP_WRITE_API = {**FOLLOWED_API, "matching_officer": 415, "employment_officer": 403}  # empty form body: 415
SITUATION_READ_API = {**FOLLOWED_API, "supplier": 200}
SITUATION_ANSWER_API = {**FOLLOW_UP_WRITE_API, "supplier": 403}

# Reports: the municipality's staff and the funder (who sees small counts of people suppressed).
REPORT_READERS = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "procurement_officer": 200}
REPORT_READERS |= {"matching_officer": 200, "administrator": 200, "funder": 200}
REPORT_READERS_API = {**REPORT_READERS, "anonymous": 401}

# Privacy and security (issue 10): the data-protection officer and administrators supervise; anyone else is refused.
PRIVACY_SUPERVISORS = {
    **dict.fromkeys(PERSONAS, 403),
    "anonymous": 302,
    "administrator": 200,
    "data_protection_officer": 200,
}
PRIVACY_SUPERVISORS_API = {**PRIVACY_SUPERVISORS, "anonymous": 401}
RETENTION_WRITE = {**PRIVACY_SUPERVISORS, "data_protection_officer": 403, "administrator": 302}
RETENTION_WRITE_API = {**RETENTION_WRITE, "anonymous": 401, "administrator": 200}
TWO_FACTOR_STEPS = dict.fromkeys(PERSONAS, 302)  # without a pending sign-in, back to the password step


# Imports (issue 11): participants by those who refer and match; positions by those who may add them to a contract.
PROPOSAL_BYSTANDERS = {"employment_officer": 403, "supplier": 403}
LOT_DELETERS = {"procurement_officer": 204, "administrator": 204}
IMPORT_POSITIONS = {**DESIGNERS, "supplier": 200}
IMPORT_BATCH = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "matching_officer": 200}
IMPORT_PARTICIPANTS_API = {**dict.fromkeys(PERSONAS, 403), "anonymous": 401}
IMPORT_PARTICIPANTS_API |= {"matching_officer": 400, "employment_officer": 400, "other_employment_officer": 400}
IMPORT_POSITIONS_API = {**dict.fromkeys(PERSONAS, 400), "anonymous": 401}  # the body is checked before the contract


def _draft_lot_number(users):
    kwargs = _draft(users)
    return {"pk": kwargs["pk"], "number": LotFactory(procurement_id=kwargs["pk"]).number}


def _supplier_holds_a_contract(users):
    _contract(users)
    return {}


def _participants_template(users):
    return {"kind": "participants", "fmt": "xlsx"}


def _import_batch(users):
    """A participant file in preview, uploaded by the matching officer."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from insteg.imports import services as import_services

    officer = users["matching_officer"]
    header = "förnamn *;efternamn *;målgrupp *;hemkommun *;tillgänglig från *;informerad *\r\n"
    row = "Zenobia;Import;newly_arrived;Östersund;2026-09-01;2026-08-15\r\n"
    upload = SimpleUploadedFile("remisser.csv", (header + row).encode("utf-8-sig"), content_type="text/csv")
    checked = import_services.check_upload(officer, "participants", upload, municipality=officer.organisation)
    return {"pk": import_services.save_preview(officer, checked).pk}


def _proposal(users):
    from insteg.retention.models import DisposalBatch, RetentionRule
    from insteg.retention.services import ensure_default_rules

    ensure_default_rules()
    rule = RetentionRule.objects.get(record_type="participant_view")
    rule.decision_ref, rule.enabled = "KS 2025/17", True
    rule.save()
    return {"pk": DisposalBatch.objects.create(rule=rule, record_ids=[1]).pk}


def _hold(users):
    from insteg.retention.models import LegalHold

    record_id = 1 + (LegalHold.objects.order_by("-record_id").values_list("record_id", flat=True).first() or 0)
    hold = LegalHold.objects.create(
        record_type="participant", record_id=record_id, reason="Överprövning", placed_by=users["administrator"]
    )
    return {"pk": hold.pk}


def _any_user(users):
    return {"pk": users["supplier"].pk}


# route name: (method, kwargs maker or None, {persona: status})
MATRIX = {
    "core:home": ("get", None, ALL),
    "core:accessibility": ("get", None, ALL),
    "core:feedback": ("get", None, ALL),
    "core:feedback_received": ("get", None, ALL),
    "core:feedback_list": ("get", None, ADMIN_ONLY),
    "core:feedback_handle": (
        "post",
        lambda users: {"pk": AccessibilityFeedback.objects.create(problem="Matrix").pk},
        {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "administrator": 302},
    ),
    "accounts:keepalive": ("post", None, {**dict.fromkeys(PERSONAS, 200), "anonymous": 401}),
    "login": ("get", None, {**dict.fromkeys(PERSONAS, 302), "anonymous": 200}),
    "logout": ("post", None, dict.fromkeys(PERSONAS, 302)),
    "password_change": ("get", None, SIGNED_IN),
    "password_change_done": ("get", None, SIGNED_IN),
    "password_reset": ("get", None, ALL),
    "password_reset_done": ("get", None, ALL),
    "password_reset_confirm": ("get", lambda users: BROKEN_LINK, ALL),
    "password_reset_complete": ("get", None, ALL),
    "set_language": ("post", None, dict.fromkeys(PERSONAS, 302)),
    "accounts:register": ("get", None, ALL),
    "accounts:register_done": ("get", None, ALL),
    "accounts:verify_email": ("get", lambda users: BROKEN_LINK, dict.fromkeys(PERSONAS, 400)),
    "accounts:accept_invitation": ("get", lambda users: BROKEN_LINK, dict.fromkeys(PERSONAS, 400)),
    "accounts:tokens": ("get", None, SIGNED_IN),
    "accounts:revoke_token": (
        "post",
        _supplier_token,
        {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "supplier": 302},
    ),
    "accounts:organisation_list": ("get", None, ADMIN_ONLY),
    "accounts:organisation_create": ("get", None, ADMIN_ONLY),
    "accounts:organisation": ("get", _supplier_org, SUPPLIER_OBJECT),
    "accounts:organisation_edit": ("get", _supplier_org, SUPPLIER_OBJECT),
    "accounts:invite": ("get", _supplier_org, SUPPLIER_OBJECT),
    "accounts:remove_member": (
        "post",
        _colleague,
        {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "supplier": 302, "administrator": 302},
    ),
    "privacy:audit_trail": ("get", None, ADMIN_ONLY),
    "api:schema": ("get", None, ALL),
    "api:docs": ("get", None, ALL),
    "api:me": ("get", None, API_SIGNED_IN),
    "procurement:list": ("get", None, SIGNED_IN),
    "procurement:create": ("get", None, DESIGNERS),
    "procurement:detail": ("get", _draft, DRAFT_READ),
    "procurement:edit": ("get", _draft, DRAFT_WRITE),
    "procurement:lots": ("get", _draft, DRAFT_WRITE),
    "procurement:lot_delete": ("post", _draft_lot, DRAFT_POST),
    "procurement:requirement_add": ("get", _draft, DRAFT_WRITE),
    "procurement:requirement": ("get", _draft_requirement, DRAFT_WRITE),
    "procurement:requirement_delete": ("post", _draft_requirement, DRAFT_POST),
    "procurement:publish": ("get", _draft, DRAFT_WRITE),
    "procurement:change_status": ("post", _draft, DRAFT_POST),
    "procurement:document": ("get", _draft, DRAFT_READ),
    "procurement:document_docx": ("get", _draft, DRAFT_READ),
    "procurement:document_pdf": ("get", _draft, DRAFT_READ),
    "api:procurements": ("get", None, API_SIGNED_IN),
    "api:procurement": ("get", _draft, API_DRAFT_READ),
    # A form-encoded empty body: the officers get 415 (the API speaks JSON); everyone else is stopped earlier.
    "api:procurement_transition": (
        "post",
        _draft,
        {**DRAFT_WRITE, "anonymous": 401, "procurement_officer": 415, "administrator": 415},
    ),
    "api:requirements": ("get", _draft, API_DRAFT_READ),
    "api:requirement": ("get", _draft_requirement, API_DRAFT_READ),
    "procurement:criterion_list": ("get", None, SIGNED_IN),
    "procurement:criterion_create": ("get", None, ADMIN_ONLY),
    "procurement:criterion": ("get", _criterion, SIGNED_IN),
    "procurement:criterion_edit": ("get", _criterion, ADMIN_ONLY),
    "api:criteria": ("get", None, API_SIGNED_IN),
    "api:criterion": ("get", _criterion, API_SIGNED_IN),
    "rules:deadline_calculator": ("get", None, ALL),
    "rules:overview": ("get", None, DESIGNERS),
    "rules:threshold_create": ("get", None, ADMIN_ONLY),
    "rules:threshold_edit": ("get", _threshold, ADMIN_ONLY),
    "rules:time_limit_edit": ("get", _time_limit, ADMIN_ONLY),
    "rules:preset_edit": ("get", _preset, ADMIN_ONLY),
    "rules:exchange_rate_create": ("get", None, ADMIN_ONLY),
    "rules:policy_edit": ("get", None, ADMIN_ONLY),
    # Public calculators: every parameter of the deadlines is optional; proportionality needs some.
    "api:deadlines": ("get", None, ALL),
    "api:proportionality": ("get", None, dict.fromkeys(PERSONAS, 400)),
    "notices:list": ("get", None, ALL),
    "notices:feed": ("get", None, ALL),
    "notices:detail": ("get", _advertised, ALL),
    "notices:answer_feed": ("get", _advertised, ALL),
    "imports:participants": ("get", None, PARTICIPANT_WORKERS),
    "imports:template": ("get", _participants_template, PARTICIPANT_WORKERS),
    "imports:positions": ("get", _supplier_holds_a_contract, IMPORT_POSITIONS),
    "imports:contract_positions": ("get", _contract, POSITION_WRITE),
    "imports:batch": ("get", _import_batch, IMPORT_BATCH),
    "imports:commit": ("post", _import_batch, {**IMPORT_BATCH, "matching_officer": 302}),
    "imports:discard": ("post", _import_batch, {**IMPORT_BATCH, "matching_officer": 302}),
    "api:import_participants": ("post", None, IMPORT_PARTICIPANTS_API),
    "api:lots": ("get", _draft, API_DRAFT_READ),
    "api:lot": ("delete", _draft_lot_number, {**API_DRAFT_READ, "matching_officer": 403, **LOT_DELETERS}),
    "api:positions": ("get", None, API_SIGNED_IN),
    "api:saved_proposals": ("get", None, {**PLACEMENTS, "anonymous": 401}),
    "api:proposal_withdraw": (
        "post",
        _sent_proposal,
        {**API_PROPOSAL_READ, "employment_officer": 403, "supplier": 403},
    ),
    "api:import_positions": ("post", None, IMPORT_POSITIONS_API),
    # An empty POST: suppliers are sent back to the notice with a message; others may not register.
    "notices:interest": ("post", _advertised, {**SUPPLIER_CONTACTS, "supplier": 302, "other_supplier": 302}),
    "notices:ask": ("get", _advertised, SUPPLIER_CONTACTS),
    "notices:receipt": ("get", _own_question, OWN_QUESTION),
    "notices:inbox": ("get", _advertised, DESIGNERS),
    "notices:answer_create": ("get", _advertised, DESIGNERS),
    "notices:answer_edit": ("get", _answer, DESIGNERS),
    "notices:answer_publish": ("get", _answer, DESIGNERS),
    "notices:answer_correct": ("get", _published_answer, DESIGNERS),
    "notices:answer_discard": ("post", _answer, {**DESIGNERS, "procurement_officer": 302, "administrator": 302}),
    "notices:extend": ("get", _advertised, DESIGNERS),
    "notices:interested": ("get", _advertised, DESIGNERS),
    "api:notices": ("get", None, ALL),
    "api:notice": ("get", _advertised, ALL),
    "api:questions": ("get", _advertised, {**STAFF_API, "supplier": 200, "other_supplier": 200}),
    "api:question": (
        "get",
        _own_question,
        {**dict.fromkeys(PERSONAS, 404), "anonymous": 401, "procurement_officer": 200, "administrator": 200}
        | {"supplier": 200},
    ),
    "api:answers": ("get", _advertised, ALL),
    "api:answer": ("get", _published_answer, ALL),
    "api:answer_publish": ("post", _answer, STAFF_API_POST),
    "api:answer_correct": ("post", _published_answer, STAFF_API_POST),
    "api:interest": ("get", _supplier_interest, {**STAFF_API, "supplier": 200, "other_supplier": 404}),
    "api:deadline_extensions": ("post", _advertised, STAFF_API_POST),
    "contracts:tenders": ("get", _advertised, DESIGNERS),
    # An empty POST shows the page again with the errors.
    "contracts:award": ("post", _advertised, DESIGNERS),
    "contracts:sign": ("get", _award, DESIGNERS),
    "contracts:list": ("get", None, SIGNED_IN),
    "contracts:detail": ("get", _contract, CONTRACT_READ),
    "contracts:amend": ("get", _contract_commitment, CONTRACT_BUYER),
    "contracts:decide": ("get", _contract, CONTRACT_BUYER),
    "contracts:positions": ("get", None, SIGNED_IN),
    "contracts:position_create": ("get", _contract, POSITION_WRITE),
    "contracts:position_edit": ("get", _contract_position, POSITION_WRITE),
    "contracts:report_create": ("get", _contract, SUPPLIER_REPORTS),
    "api:position_types": ("get", None, API_SIGNED_IN),
    "api:occupations": ("get", None, API_SIGNED_IN),
    "api:tenders": ("get", _advertised, STAFF_API),
    "api:awards": ("get", _advertised, STAFF_API),
    "api:award_contract": ("post", _award, STAFF_API_POST),
    "api:contracts": ("get", None, API_SIGNED_IN),
    "api:contract": ("get", _contract, CONTRACT_API),
    "api:contract_positions": ("get", _contract, CONTRACT_API),
    "api:contract_position": ("get", _contract_position, CONTRACT_API),
    "api:contract_reports": ("get", _contract, CONTRACT_API),
    "api:contract_decisions": ("get", _contract, {**CONTRACT_API, "matching_officer": 403}),
    "matching:participants": ("get", None, PARTICIPANT_WORKERS),
    "matching:participant_create": ("get", None, PARTICIPANT_WORKERS),
    "matching:participant": ("get", _participant, PARTICIPANT_READ),
    "matching:participant_edit": ("get", _participant, PARTICIPANT_READ),
    "matching:participant_export": ("get", _participant, PARTICIPANT_READ),
    "matching:participant_erase": ("get", _participant, {**PARTICIPANT_READ, "employment_officer": 403}),
    "matching:proposal": ("get", _sent_proposal, PROPOSAL_READ),
    # An empty POST: the host sees its form again with the errors.
    "matching:proposal_decide": (
        "post",
        _sent_proposal,
        {**PROPOSAL_READ, "matching_officer": 403, "employment_officer": 403},
    ),
    "matching:proposal_withdraw": (
        "post",
        _sent_proposal,
        {**PROPOSAL_READ, "matching_officer": 302, "employment_officer": 403, "supplier": 403},
    ),
    "matching:placements": ("get", None, PLACEMENTS),
    "matching:positions_for": ("get", _participant, MATCHING_OFFICERS),
    "matching:candidates": ("get", _matching_position, MATCHING_OFFICERS),
    "matching:optimal": ("get", None, MATCHING_OFFICERS),
    # An empty POST: the matching officer is sent back with a message.
    "matching:proposal_prepare": ("post", None, {**MATCHING_OFFICERS, "matching_officer": 302}),
    "api:participants": ("get", None, API_PARTICIPANT_WORKERS),
    "api:participant": ("get", _participant, API_PARTICIPANT),
    "api:participant_export": ("get", _participant, API_PARTICIPANT),
    # Erasure needs no body: the matching officer's empty POST really erases.
    "api:participant_erase": ("post", _participant, {**API_PARTICIPANT, "employment_officer": 403}),
    "api:proposals": ("get", None, {**MATCHING_OFFICERS, "anonymous": 401}),
    "api:proposal": ("get", _sent_proposal, API_PROPOSAL_READ),
    "api:proposal_propose": (
        "post",
        _sent_proposal,
        {**API_PROPOSAL_READ, "matching_officer": 415, "employment_officer": 403, "supplier": 403},
    ),
    "api:proposal_decision": (
        "post",
        _sent_proposal,
        {**API_PROPOSAL_READ, "matching_officer": 403, "employment_officer": 403, "supplier": 415},
    ),
    "api:placements": ("get", None, {**PLACEMENTS, "anonymous": 401}),
    "api:placement": ("get", _placement, API_PROPOSAL_READ),
    "privacy:notice": ("get", lambda users: {"purpose": "training_registration"}, ALL),
    "privacy:overview": ("get", None, PRIVACY_SUPERVISORS),
    "privacy:processing_records": ("get", None, ALL),
    "privacy:requests": ("get", None, PRIVACY_SUPERVISORS),
    "privacy:participant_request": ("get", _participant, PRIVACY_SUPERVISORS),
    "privacy:participant_export": ("get", _participant, PRIVACY_SUPERVISORS),
    # POST only: without an email address the supervisor is sent back to the search.
    "privacy:registrant_request": (
        "post",
        None,
        {**PRIVACY_SUPERVISORS, "administrator": 302, "data_protection_officer": 302},
    ),
    "privacy:user_request": ("get", _any_user, PRIVACY_SUPERVISORS),
    "privacy:user_export": ("get", _any_user, PRIVACY_SUPERVISORS),
    "privacy:my_data": ("get", None, SIGNED_IN),
    "privacy:view_log": ("get", None, PRIVACY_SUPERVISORS),
    "api:processing_records": ("get", None, ALL),
    "api:privacy_participant_export": ("get", _participant, PRIVACY_SUPERVISORS_API),
    "api:privacy_participant_restrict": (
        "post",
        _participant,
        {**PRIVACY_SUPERVISORS_API, "administrator": 415, "data_protection_officer": 415},
    ),
    "api:privacy_participant_unrestrict": (
        "post",
        _participant,
        {**PRIVACY_SUPERVISORS_API, "administrator": 409, "data_protection_officer": 409},
    ),
    "api:privacy_registrant_export": (
        "get",
        None,
        {**PRIVACY_SUPERVISORS_API, "administrator": 400, "data_protection_officer": 400},
    ),
    "api:privacy_user_export": ("get", _any_user, PRIVACY_SUPERVISORS_API),
    "api:me_export": ("get", None, API_SIGNED_IN),
    "retention:overview": ("get", None, PRIVACY_SUPERVISORS),
    "retention:holds": ("get", None, PRIVACY_SUPERVISORS),
    "retention:records": ("get", None, PRIVACY_SUPERVISORS),
    "retention:rule_edit": (
        "get",
        lambda users: {"record_type": "participant"},
        {**PRIVACY_SUPERVISORS, "data_protection_officer": 403},
    ),
    "retention:approve": ("post", _proposal, RETENTION_WRITE),
    "retention:reject": ("post", _proposal, RETENTION_WRITE),
    "retention:release": ("post", _hold, RETENTION_WRITE),
    "api:retention_rules": ("get", None, PRIVACY_SUPERVISORS_API),
    "api:retention_disposals": ("get", None, PRIVACY_SUPERVISORS_API),
    "api:retention_proposals": ("get", None, PRIVACY_SUPERVISORS_API),
    "api:retention_holds": ("get", None, PRIVACY_SUPERVISORS_API),
    "api:retention_proposal_approve": ("post", _proposal, RETENTION_WRITE_API),
    "api:retention_proposal_reject": ("post", _proposal, RETENTION_WRITE_API),
    "api:retention_hold_release": ("post", _hold, RETENTION_WRITE_API),
    "accounts:login_code": ("get", None, TWO_FACTOR_STEPS),
    "accounts:login_enrol": ("get", None, TWO_FACTOR_STEPS),
    "accounts:two_factor": ("get", None, SIGNED_IN),
    "accounts:two_factor_enable": ("get", None, SIGNED_IN),
    "accounts:two_factor_backup_codes": ("post", None, dict.fromkeys(PERSONAS, 302)),
    "accounts:two_factor_reset": ("post", None, dict.fromkeys(PERSONAS, 302)),
    "accounts:profile": ("get", None, SIGNED_IN),
    "accounts:profile_email": ("post", None, SIGNED_IN),  # an empty form is shown again with its errors
    "api:tokens": ("get", None, API_SIGNED_IN),
    "api:token": ("delete", _supplier_token, {**dict.fromkeys(PERSONAS, 404), "anonymous": 401, "supplier": 204}),
    "privacy:consent_texts": ("get", None, ADMIN_ONLY),
    "training:sessions": ("get", None, ALL),
    "training:feed": ("get", None, ALL),
    "training:session": ("get", _training_session, ALL),
    "training:session_ics": ("get", _training_session, ALL),
    "training:registration": ("get", _training_token, ALL),  # the signed token is the key
    "training:company": ("get", None, SUPPLIER_CONTACTS),
    "training:manage": ("get", None, ORGANISERS),
    "training:course_create": ("get", None, ORGANISERS),
    "training:session_create": ("get", None, ORGANISERS),
    "training:course_edit": ("get", _training_course, ORGANISER_OBJECT),
    "training:session_manage": ("get", _training_session, ORGANISER_OBJECT),
    "training:session_edit": ("get", _training_session, ORGANISER_OBJECT),
    "training:session_cancel": ("get", _training_session, ORGANISER_OBJECT),
    # GET goes back to the session page; marking attendance is a POST.
    "training:attendance": (
        "get",
        _training_session,
        {**ORGANISER_OBJECT, "matching_officer": 302, "administrator": 302},
    ),
    "training:export": ("get", _training_session, ORGANISER_OBJECT),
    "training:registration_remove": ("get", _training_registration, ORGANISER_OBJECT),
    "training:certificate": ("get", _training_attendee, ORGANISER_OBJECT),
    "api:training_courses": ("get", None, ORGANISERS_API),
    "api:training_course": ("get", _training_course, ORGANISER_OBJECT_API),
    "api:training_sessions": ("get", None, ALL),
    "api:training_session": ("get", _training_session, ALL),
    "api:training_session_cancel": ("post", _training_session, ORGANISERS_API_POST),
    "api:training_registrations": ("get", _training_session, ORGANISER_OBJECT_API),
    "api:training_registration": ("get", _training_registration, ORGANISER_OBJECT_API),
    "api:training_withdraw": ("post", None, dict.fromkeys(PERSONAS, 415)),  # public; the empty form body is 415
    "followup:due": ("get", None, MATCHING_OFFICERS),
    "followup:placement": ("get", _placement, FOLLOWED),
    "followup:start": ("get", _placement, FOLLOW_UP_WRITE),
    "followup:responsible": ("get", _placement, FOLLOW_UP_WRITE),
    "followup:end": ("get", _placement, FOLLOW_UP_WRITE),
    "followup:outcome_90": ("get", _placement, FOLLOW_UP_WRITE),
    "followup:check_in_add": ("get", _placement, FOLLOW_UP_WRITE),
    "followup:check_in": ("get", _followup_check_in, FOLLOWED),
    "followup:action_done": ("post", _followup_action, {**FOLLOW_UP_WRITE, "matching_officer": 302}),
    "followup:situation_report": ("get", _placement, FOLLOWED),
    "followup:situation": ("get", _host_situation, FOLLOWED),
    "followup:host_placement": ("get", _placement, HOST_ONLY),
    "followup:rules": ("get", None, ORGANISERS),  # administrators edit, matching officers read
    "followup:step_create": ("get", None, ADMIN_ONLY),
    "followup:step_edit": ("get", lambda users: {"pk": CheckInStep.objects.order_by("pk").first().pk}, ADMIN_ONLY),
    "followup:limit_edit": (
        "get",
        lambda users: {"pk": ResponseTimeLimit.objects.order_by("pk").first().pk},
        ADMIN_ONLY,
    ),  # fmt: skip
    "api:followups_due": ("get", None, {**dict.fromkeys(PERSONAS, 403), "anonymous": 401, "matching_officer": 200}),
    "api:followups": ("get", _started_placement, FOLLOWED_API),
    "api:followup": ("get", _followup_check_in, FOLLOWED_API),
    "api:placement_start": ("post", _placement, FOLLOW_UP_WRITE_API),
    "api:placement_end": ("post", _started_placement, FOLLOW_UP_WRITE_API),
    "api:placement_outcome_90": ("post", _started_placement, FOLLOW_UP_WRITE_API),
    "api:situations": ("get", _started_placement, SITUATION_READ_API),
    "api:situation": ("get", _host_situation, SITUATION_READ_API),
    "api:situation_events": ("post", _host_situation, SITUATION_ANSWER_API),
    "reports:dashboard": ("get", None, REPORT_READERS),
    "reports:evaluation": ("get", None, REPORT_READERS),
    "reports:evaluation_xlsx": ("get", None, REPORT_READERS),
    "reports:evaluation_csv": ("get", None, REPORT_READERS),
    "reports:evaluation_pdf": ("get", None, REPORT_READERS),
    "reports:impact": ("get", None, REPORT_READERS),
    "reports:parameter_edit": (
        "get",
        lambda users: {"pk": ImpactParameter.objects.get(key="public-support-per-year").pk},
        ADMIN_ONLY,
    ),  # fmt: skip
    "api:reports_dashboard": ("get", None, REPORT_READERS_API),
    "api:reports_evaluation": ("get", None, REPORT_READERS_API),
    "api:reports_impact": ("get", None, REPORT_READERS_API),
    "api:open_data_ocds": ("get", None, ALL),
}

# Django's own admin is an operator's tool, tested on its own below.
NOT_IN_MATRIX_NAMESPACES = {"admin"}


def _route_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner in NOT_IN_MATRIX_NAMESPACES:
                continue
            yield from _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_route_is_in_the_matrix():
    routes = set(_route_names(get_resolver().url_patterns))
    assert routes - MATRIX.keys() == set(), "add these routes to the access matrix"
    assert MATRIX.keys() - routes == set(), "these matrix entries name no route"


@pytest.fixture
def users(request):
    return {name: request.getfixturevalue(name) for name in PERSONAS if name != "anonymous"}


@pytest.mark.parametrize("persona_name", PERSONAS)
@pytest.mark.parametrize("route", sorted(MATRIX))
def test_access(client, users, route, persona_name):
    method, make_kwargs, expected = MATRIX[route]
    url = reverse(route, kwargs=make_kwargs(users) if make_kwargs else None)
    if persona_name != "anonymous":
        client.force_login(users[persona_name])
    response = getattr(client, method)(url)
    assert response.status_code == expected[persona_name], f"{persona_name} {method.upper()} {url}"
    if response.status_code == 302 and persona_name == "anonymous" and route not in ("logout", "set_language"):
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona_name", [name for name in PERSONAS if name != "anonymous"])
def test_only_superusers_reach_djangos_admin(client, users, persona_name):
    client.force_login(users[persona_name])
    response = client.get("/django-admin/")
    assert response.status_code == 302 and "/django-admin/login/" in response["Location"]


# Lists a persona may open show only what it may see. The participant made by each maker is named MARKER; the
# first persona of each entry must find it (so the test can fail), the others must not.
MARKER = "Zenobia"
LIST_ISOLATION = {
    "matching:participants": (_participant, "employment_officer", ["other_employment_officer"]),
    "api:participants": (_participant, "employment_officer", ["other_employment_officer"]),
    "matching:placements": (_placement, "employment_officer", ["other_employment_officer", "other_supplier"]),
    "api:placements": (_placement, "employment_officer", ["other_employment_officer", "other_supplier"]),
}


@pytest.mark.parametrize("route", sorted(LIST_ISOLATION))
def test_lists_show_nothing_of_another_organisation(client, users, route):
    make_kwargs, insider, outsiders = LIST_ISOLATION[route]
    make_kwargs(users)
    from insteg.matching.models import Participant

    Participant.objects.update(first_name=MARKER)
    client.force_login(users[insider])
    assert MARKER in client.get(reverse(route)).content.decode()
    for outsider in outsiders:
        client.force_login(users[outsider])
        response = client.get(reverse(route))
        assert response.status_code == 200
        assert MARKER not in response.content.decode(), f"{outsider} sees {route}"


# Where existence itself is confidential, a persona that may not see the object gets the same answer whether it
# exists or not: a 403 for a real object and a 404 for a made-up one would tell them it is there.
CONFIDENTIAL_PREFIXES = ("matching:", "api:participant", "api:proposal", "api:placement", "followup:", "api:follow")
CONFIDENTIAL_PREFIXES += ("api:situation", "notices:receipt", "api:question", "contracts:", "api:contract")
CONFIDENTIAL_PREFIXES += ("api:award", "api:tender")
# (route, persona): the persona may see the object and is refused only this action, so its 403 reveals nothing.
MAY_KNOW = {
    ("api:proposal_withdraw", "employment_officer"),
    ("api:proposal_withdraw", "supplier"),
    ("matching:participant_erase", "employment_officer"),
    ("matching:proposal_decide", "matching_officer"),
    ("matching:proposal_decide", "employment_officer"),
    ("matching:proposal_withdraw", "employment_officer"),
    ("matching:proposal_withdraw", "supplier"),
    ("api:participant_erase", "employment_officer"),
    ("api:proposal_propose", "employment_officer"),
    ("api:proposal_propose", "supplier"),
    ("api:proposal_decision", "matching_officer"),
    ("api:proposal_decision", "employment_officer"),
    ("api:situation_events", "supplier"),
    ("api:situation_events", "employment_officer"),
    ("api:contract_decisions", "matching_officer"),
    ("contracts:amend", "matching_officer"),
    ("contracts:amend", "supplier"),
    ("contracts:decide", "matching_officer"),
    ("contracts:decide", "supplier"),
    ("contracts:position_create", "matching_officer"),
    ("contracts:position_edit", "matching_officer"),
    ("contracts:report_create", "procurement_officer"),
    ("contracts:report_create", "administrator"),
    ("contracts:report_create", "matching_officer"),
} | {(route, "employment_officer") for route in MATRIX if route.startswith(("followup:", "api:placement_"))}


# Keyed by a published procurement or its award decision, both public: refusing the action reveals nothing.
PUBLIC_PARENT = {"contracts:tenders", "contracts:award", "contracts:sign", "api:tenders", "api:awards"}
PUBLIC_PARENT |= {"api:award_contract", "api:questions"}


def _made_up(kwargs):
    return {key: 987654 if isinstance(value, int) else value for key, value in kwargs.items()}


CONFIDENTIAL_ROUTES = sorted(
    route for route, (_method, make_kwargs, _expected) in MATRIX.items()
    if make_kwargs and route.startswith(CONFIDENTIAL_PREFIXES) and route not in PUBLIC_PARENT
)  # fmt: skip


@pytest.mark.parametrize("route", CONFIDENTIAL_ROUTES)
def test_a_refusal_does_not_reveal_that_a_confidential_object_exists(client, users, route):
    method, make_kwargs, expected = MATRIX[route]
    kwargs = make_kwargs(users)
    revealing = []
    for persona_name, status in expected.items():
        if persona_name == "anonymous" or status != 403 or (route, persona_name) in MAY_KNOW:
            continue
        client.force_login(users[persona_name])
        response = getattr(client, method)(reverse(route, kwargs=_made_up(kwargs)))
        if response.status_code != 403:
            revealing.append(persona_name)
    assert revealing == [], f"a 403 on {route} tells {revealing} that it exists"
