"""Workflows for participants, proposals and placements, with the privacy rules built in.

Every read of personal data goes through `log_views`; disclosure to a host needs a recorded basis (consent
or a confidentiality assessment, OSL); erasure anonymises in place and keeps aggregate-safe fields.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from personnummer import personnummer

from insteg.accounts.models import Organisation, Role
from insteg.contracts.models import Position
from insteg.lib.errors import DomainError
from insteg.lib.sensitive import refuse_sensitive_words
from insteg.matching.models import Adaptation, Participant, ParticipantView, Placement, Proposal
from insteg.privacy import audit

PARTICIPANT_FIELDS = [
    "referral_reference",
    "first_name",
    "last_name",
    "email",
    "phone",
    "personnummer",
    "birth_year",
    "gender",
    "target_group",
    "programme",
    "occupations",
    "swedish_level",
    "other_languages",
    "driving_licence",
    "home_municipality",
    "max_travel_km",
    "available_from",
    "hours_min",
    "hours_max",
    "waiting_since",
    "adaptations",
    "notes",
    "legal_basis",
    "informed_on",
]


def log_views(user, participants, *, purpose: str, where: str) -> None:
    """Write one view-log row per participant shown, in one query."""
    ParticipantView.objects.bulk_create(
        [ParticipantView(participant=p, viewer=user, purpose=purpose, where=where[:80]) for p in participants]
    )


def municipalities_for(user) -> list[Organisation]:
    return list(Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name"))


def can_register(user, municipality: Organisation) -> bool:
    """Matching officers of the municipality register people; employment officers refer them to any municipality."""
    return municipality.pk in user.organisations_with_role(Role.MATCHING_OFFICER) or user.has_role(
        Role.EMPLOYMENT_OFFICER
    )


def _check_personnummer(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if not settings.INSTEG_COLLECT_PERSONNUMMER:
        raise ValidationError({"personnummer": _("Personal identity numbers are not collected here.")})
    if not personnummer.valid(value):
        raise ValidationError({"personnummer": _("Enter a valid personal identity number, like 19900101-0017.")})
    digits = personnummer.parse(value).format(long_format=True)
    return f"{digits[:8]}-{digits[8:]}"


def _check_notes(notes: str) -> str:
    refuse_sensitive_words(notes or "", field="notes", hint=_("Use the practical adaptations instead."))
    return (notes or "").strip()


def _check_referral_reference(value: str, municipality: Organisation, participant: Participant) -> str:
    """One person per referral in a municipality (the unique constraint says so too; this says it kindly)."""
    value = (value or "").strip()
    taken = Participant.objects.filter(municipality=municipality, referral_reference=value).exclude(pk=participant.pk)
    if value and taken.exists():
        raise ValidationError(
            {"referral_reference": _("The municipality already has a participant with this referral reference.")}
        )
    return value


@transaction.atomic
def save_participant(user, *, data: dict, municipality: Organisation, participant: Participant | None = None):
    if not can_register(user, municipality):
        raise DomainError(_("Only matching officers and employment-service officers register participants."))
    unknown = set(data) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    created = participant is None
    participant = participant or Participant(municipality=municipality)
    if participant.erased_at:
        raise DomainError(_("This person's data has been erased."))
    if created and user.has_role(Role.EMPLOYMENT_OFFICER):
        participant.referred_by = user
    occupations = data.pop("occupations", None)
    data = {**data}
    if "personnummer" in data:
        data["personnummer"] = _check_personnummer(data["personnummer"])
    if "notes" in data:
        data["notes"] = _check_notes(data["notes"])
    if "referral_reference" in data:
        data["referral_reference"] = _check_referral_reference(data["referral_reference"], municipality, participant)
    for name, value in data.items():
        setattr(participant, name, value)
    participant.age_band = Participant.band_for(participant.birth_year)
    participant.full_clean(exclude=["municipality"])
    participant.save()
    if occupations is not None:
        participant.occupations.set(occupations)
    audit.record(
        "participant.registered" if created else "participant.changed",
        actor=user,
        target=participant,
        organisation=municipality,
    )
    return participant


def export(user, participant: Participant) -> dict:
    """Everything stored about the person (GDPR art. 15), and the read is logged."""
    log_views(user, [participant], purpose=ParticipantView.Purpose.EXPORT, where="export")
    fields = {
        name: (value.isoformat() if hasattr(value, "isoformat") else value)
        for name, value in (
            (field.name, getattr(participant, field.attname))
            for field in Participant._meta.concrete_fields
            if field.name not in {"id"}
        )
    }
    fields["public_id"] = str(participant.public_id)
    fields["occupations"] = [o.code for o in participant.occupations.all()]
    return {
        "participant": fields,
        "proposals": [
            {
                "position": p.position_id,
                "status": p.status,
                "score": p.score,
                "disclosure": p.disclosure,
                "shared_adaptations": p.shared_adaptations,
                "created_at": p.created_at.isoformat(),
            }
            for p in participant.proposals.all()
        ],
        "placements": [
            {
                "position": p.position_id,
                "starts_on": p.starts_on.isoformat(),
                "planned_end_on": p.planned_end_on.isoformat(),
                "status": p.status,
                "agreed_adaptations": p.agreed_adaptations,
            }
            for p in participant.placements.all()
        ],
        "views": [
            {"viewer": v.viewer_id, "purpose": v.purpose, "where": v.where, "viewed_at": v.viewed_at.isoformat()}
            for v in participant.views.all()
        ],
    }


@transaction.atomic
def erase(user, participant: Participant) -> Participant:
    """Anonymise: identifying data goes from every table; age band, target group, programme and outcomes stay."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.erased_at:
        raise DomainError(_("This person's data is already erased."))
    participant.age_band = participant.age_band or Participant.band_for(participant.birth_year)
    for name in ("first_name", "last_name", "email", "phone", "personnummer", "other_languages", "notes"):
        setattr(participant, name, "")
    participant.referral_reference = ""  # the employment service's case id points at the person too
    participant.home_municipality = ""
    participant.birth_year = None
    participant.waiting_since = None
    participant.adaptations = []
    participant.status = Participant.Status.INACTIVE
    participant.erased_at = timezone.now()
    participant.save()
    participant.occupations.clear()
    participant.proposals.update(shared_adaptations=[], explanation=[])
    participant.placements.update(agreed_adaptations=[])
    _erase_follow_up(participant)
    audit.record("participant.erased", actor=user, target=participant, organisation=participant.municipality)
    return participant


def _erase_follow_up(participant: Participant) -> None:
    from insteg.followup.services import erase_free_text

    erase_free_text(participant)


# --- Proposals and placements -----------------------------------------------------------------------------


def _require_matching_officer(user, participant: Participant) -> None:
    if participant.municipality_id not in user.organisations_with_role(Role.MATCHING_OFFICER):
        raise DomainError(_("Only the municipality's matching officers propose people to hosts."))


def _refuse_restricted(participant: Participant) -> None:
    """GDPR art. 18: a restricted person's data is stored, not used; no one proposes them until it is lifted."""
    if participant.restricted_at is not None:
        raise DomainError(_("Processing of this person's data is restricted; they cannot be proposed."))


@transaction.atomic
def prepare_proposal(user, *, participant: Participant, position: Position) -> Proposal:
    from insteg.matching import engine

    _require_matching_officer(user, participant)
    _refuse_restricted(participant)
    if position.status != Position.Status.OPEN:
        raise DomainError(_("This position is not open."))
    if participant.status != Participant.Status.AVAILABLE:
        raise DomainError(_("This person is not available for a new placement."))
    if participant.proposals.filter(position=position).exclude(status=Proposal.Status.WITHDRAWN).exists():
        raise DomainError(_("This person is already proposed for this position."))
    fit = engine.explain(participant, position)
    if not fit.feasible:
        raise ValidationError({"position": fit.reasons_not_feasible})
    proposal = Proposal.objects.create(
        participant=participant,
        position=position,
        score=fit.score,
        explanation=fit.as_list(),
        prepared_by=user,
        proposed_start=max(position.start_from, participant.available_from),
    )
    audit.record(
        "matching.proposal_prepared", actor=user, target=proposal, organisation=participant.municipality,
        position=position.pk, score=fit.score,
    )  # fmt: skip
    return proposal


@transaction.atomic
def propose_to_host(proposal: Proposal, *, user, disclosure: str, shared_adaptations, proposed_start) -> Proposal:
    """The host will see first name, start date and the adaptations shared: only with a recorded basis."""
    proposal = (
        Proposal.objects.select_for_update().select_related("participant", "position__contract").get(pk=proposal.pk)
    )
    _require_matching_officer(user, proposal.participant)
    _refuse_restricted(proposal.participant)
    if proposal.status != Proposal.Status.DRAFT:
        raise DomainError(_("Only a prepared proposal can be sent to the host."))
    if disclosure not in Proposal.Disclosure.values:
        raise ValidationError(
            {"disclosure": _("Record the person's consent or a confidentiality assessment before disclosing.")}
        )
    shared = list(shared_adaptations or [])
    if set(shared) - set(proposal.participant.adaptations) or set(shared) - set(Adaptation.values):
        raise ValidationError({"shared_adaptations": _("Share only adaptations the person has.")})
    if proposed_start is None or proposed_start < proposal.position.start_from:
        raise ValidationError({"proposed_start": _("The start must be within the position's start window.")})
    proposal.disclosure = disclosure
    proposal.shared_adaptations = shared
    proposal.proposed_start = proposed_start
    proposal.status = Proposal.Status.PROPOSED
    proposal.proposed_at = timezone.now()
    proposal.save()
    audit.record(
        "matching.proposed_to_host", actor=user, target=proposal, organisation=proposal.participant.municipality,
        disclosure=disclosure,
    )  # fmt: skip
    _notify_host(proposal)
    return proposal


def _notify_host(proposal: Proposal) -> int:
    """No name in the email: the host signs in to see what was disclosed (and that read is logged)."""
    contract = proposal.position.contract
    addresses = list(
        contract.supplier.memberships.filter(role=Role.SUPPLIER_CONTACT).values_list("user__email", flat=True)
    )
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        # The proposal's own address: the host has no list of proposals to find it in.
        url = settings.INSTEG_SITE_URL.rstrip("/") + reverse("matching:proposal", args=[proposal.pk])
        context = {"proposal": proposal, "position": proposal.position, "url": url}
        subject = " ".join(render_to_string("matching/email/proposal_subject.txt", context).split())
        body = render_to_string("matching/email/proposal.txt", context)
    return get_connection().send_messages([EmailMessage(subject, body, to=[address]) for address in addresses])


def host_may_decide(user, proposal: Proposal) -> bool:
    return proposal.position.contract.supplier_id in user.organisations_with_role(Role.SUPPLIER_CONTACT)


@transaction.atomic
def decide(proposal: Proposal, *, user, accept: bool, decline_reason: str = "") -> Placement | None:
    """The host accepts (a placement is created) or declines with a reason category."""
    proposal = (
        Proposal.objects.select_for_update().select_related("participant", "position__contract").get(pk=proposal.pk)
    )
    if not host_may_decide(user, proposal):
        raise DomainError(_("Only the host company's contacts decide on a proposal."))
    if proposal.status != Proposal.Status.PROPOSED:
        raise DomainError(_("This proposal is not waiting for a decision."))
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    if not accept:
        if decline_reason not in Proposal.DeclineReason.values:
            raise ValidationError({"decline_reason": _("Choose a reason for declining.")})
        proposal.status = Proposal.Status.DECLINED
        proposal.decline_reason = decline_reason
        proposal.save()
        audit.record(
            "matching.proposal_declined", actor=user, target=proposal, organisation=proposal.participant.municipality,
            reason=decline_reason,
        )  # fmt: skip
        return None
    placement = _place(proposal)
    proposal.status = Proposal.Status.ACCEPTED
    proposal.save()
    audit.record(
        "matching.proposal_accepted", actor=user, target=proposal, organisation=proposal.participant.municipality,
        placement=placement.pk,
    )  # fmt: skip
    return placement


def supervisor_is_ready(position: Position) -> bool:
    """Trained (attendance marks the position), or holding a confirmed seat at an upcoming session."""
    from insteg.training.services import is_registered_for_upcoming

    return position.supervisor_trained or is_registered_for_upcoming(position.supervisor_email)


def _place(proposal: Proposal) -> Placement:
    position = Position.objects.select_for_update().get(pk=proposal.position_id)
    if position.status != Position.Status.OPEN:
        raise DomainError(_("The position has already been filled."))
    if not supervisor_is_ready(position) and settings.INSTEG_SUPERVISOR_TRAINING_RULE == "block":
        raise DomainError(
            _("The supervisor must attend the supervisor training, or be registered for it, before the start.")
        )
    start = proposal.proposed_start or position.start_from
    placement = Placement(
        participant=proposal.participant,
        position=position,
        proposal=proposal,
        starts_on=start,
        planned_end_on=start + relativedelta(months=position.duration_months) - datetime.timedelta(days=1),
        supervisor_name=position.supervisor_name,
        agreed_adaptations=proposal.shared_adaptations,
    )
    placement.full_clean()
    placement.save()
    position.status = Position.Status.FILLED
    position.save(update_fields=["status"])
    Participant.objects.filter(pk=proposal.participant_id).update(status=Participant.Status.PLACED)
    return placement


@transaction.atomic
def withdraw(proposal: Proposal, *, user) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("participant").get(pk=proposal.pk)
    _require_matching_officer(user, proposal.participant)
    if proposal.status not in (Proposal.Status.DRAFT, Proposal.Status.PROPOSED):
        raise DomainError(_("Only a prepared or proposed match can be withdrawn."))
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    audit.record(
        "matching.proposal_withdrawn", actor=user, target=proposal, organisation=proposal.participant.municipality
    )
    return proposal
