"""Everything Insteg keeps about one person (GDPR art. 15 access, art. 20 portability), as plain dicts.

Three kinds of data subject: a participant, a training registrant (found by email) and a user (an account).
Each export says, besides the data, which retention rule applies and what would survive an erasure under the
archive law (arkivlagen): the DPO can answer "what do we keep about this person, and why" from the file alone.
Reading a participant for an export is written to the view log (matching.services.export does it).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.privacy import audit, purposes

# What erasure keeps of a participant, and why: the statistics the pilot's evaluation and the funder rely on.
PARTICIPANT_KEPT_AFTER_ERASURE = [
    "public_id",
    "municipality",
    "age_band",
    "gender",
    "target_group",
    "programme",
    "swedish_level",
    "driving_licence",
    "legal_basis",
    "informed_on",
    "status",
    "placements (dates, status, outcomes)",
    "check-ins and situations (dates, categories, statuses; no free text)",
    "view log (who read, when, why; no personal data of the participant)",
]


def _iso(value):
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def _header(kind: str, by) -> dict:
    return {
        "kind": kind,
        "generated_at": timezone.now().isoformat(),
        "generated_by": by.username if by is not None and by.is_authenticated else "",
        "controller": purposes.controller(),
        "data_protection_officer": purposes.dpo_contact(),
    }


def _legal_holds(record_type: str, record_id: int) -> list[dict]:
    from insteg.retention.models import LegalHold

    holds = LegalHold.objects.filter(record_type=record_type, record_id=record_id).order_by("placed_at", "pk")
    return [
        {
            "reason": hold.reason,
            "placed_at": _iso(hold.placed_at),
            "released_at": _iso(hold.released_at),
            "active": hold.released_at is None,
        }
        for hold in holds
    ]


def _audit_about(target) -> list[dict]:
    from django.contrib.contenttypes.models import ContentType

    from insteg.privacy.models import AuditEvent

    events = AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
    return [
        {"action": e.action, "at": _iso(e.created_at), "by": e.actor.username if e.actor else "", "data": e.data}
        for e in events.order_by("created_at", "pk")
    ]


# --- Participants -----------------------------------------------------------------------------------------------


def export_participant(participant, by) -> dict:
    """matching.services.export (which logs the read as an export), completed with the follow-up, the view log
    with names of who read, legal holds, and which retention rule keeps what."""
    from insteg.matching import services as matching_services
    from insteg.matching.models import Participant

    participant = Participant.objects.select_related("municipality", "programme").get(pk=participant.pk)
    data = matching_services.export(by, participant)
    data["participant"]["restriction_reason_label"] = (
        participant.get_restriction_reason_display() if participant.restriction_reason else ""
    )
    data["participant"]["municipality_name"] = participant.municipality.name
    data["participant"]["programme_name"] = participant.programme.name if participant.programme else ""
    data["proposals"] = _proposals(participant)
    data["placements"] = _placements(participant)
    data["views"] = [
        {
            "viewer": view.viewer.username if view.viewer else "",
            "purpose": view.purpose,
            "where": view.where,
            "viewed_at": _iso(view.viewed_at),
        }
        for view in participant.views.select_related("viewer").order_by("viewed_at", "pk")
    ]
    data["audit"] = _audit_about(participant)
    data["legal_holds"] = _legal_holds("participant", participant.pk)
    data["retention"] = {
        "participant": purposes.rule_summary("participant"),
        "participant_view": purposes.rule_summary("participant_view"),
        "kept_after_erasure": PARTICIPANT_KEPT_AFTER_ERASURE,
        "why_kept": _(
            "After erasure, only these fields remain, anonymised, for the pilot's statistics (GDPR art. 89, "
            "archiving and statistics in the public interest; arkivlagen 1990:782). They are disposed of under "
            "the retention rules above."
        ),
        "on_legal_hold": any(hold["active"] for hold in data["legal_holds"]),
    }
    return {"subject": _header("participant", by), **data}


def _proposals(participant) -> list[dict]:
    return [
        {
            "position": p.position_id,
            "position_title": p.position.title,
            "host": p.position.contract.supplier.name,
            "status": p.status,
            "score": p.score,
            "explanation": p.explanation,
            "disclosure": p.disclosure,
            "shared_adaptations": p.shared_adaptations,
            "proposed_start": _iso(p.proposed_start),
            "proposed_at": _iso(p.proposed_at),
            "decided_at": _iso(p.decided_at),
            "decline_reason": p.decline_reason,
            "created_at": _iso(p.created_at),
        }
        for p in participant.proposals.select_related("position__contract__supplier").order_by("created_at", "pk")
    ]


def _placements(participant) -> list[dict]:
    placements = participant.placements.select_related("position__contract__supplier").prefetch_related(
        "check_ins__actions", "situations__events"
    )
    return [
        {
            "position": p.position_id,
            "host": p.position.contract.supplier.name,
            "starts_on": _iso(p.starts_on),
            "planned_end_on": _iso(p.planned_end_on),
            "status": p.status,
            "supervisor_name": p.supervisor_name,
            "agreed_adaptations": p.agreed_adaptations,
            "ended_on": _iso(p.ended_on),
            "end_reason": p.end_reason,
            "outcome_at_end": p.outcome_at_end,
            "outcome_90": p.outcome_90,
            "check_ins": [_check_in(c) for c in p.check_ins.all()],
            "situations": [_situation(s) for s in p.situations.all()],
        }
        for p in placements.order_by("starts_on", "pk")
    ]


def _check_in(check_in) -> dict:
    return {
        "name": check_in.name,
        "due_on": _iso(check_in.due_on),
        "done_on": _iso(check_in.done_on),
        "channel": check_in.channel,
        "with_whom": check_in.with_whom,
        "status": check_in.status,
        "categories": check_in.categories,
        "notes": check_in.notes,
        "actions": [
            {"text": a.text, "owner": a.owner, "due_on": _iso(a.due_on), "done_on": _iso(a.done_on)}
            for a in check_in.actions.all()
        ],
    }


def _situation(situation) -> dict:
    return {
        "category": situation.category,
        "severity": situation.severity,
        "occurred_on": _iso(situation.occurred_on),
        "description": situation.description,
        "reporter": situation.reporter,
        "reported_at": _iso(situation.reported_at),
        "first_response_at": _iso(situation.first_response_at),
        "resolved_at": _iso(situation.resolved_at),
        "resolution": situation.resolution,
        "events": [{"kind": e.kind, "text": e.text, "at": _iso(e.at)} for e in situation.events.all()],
    }


# --- Training registrants ---------------------------------------------------------------------------------------


def registrations_for(email: str):
    from insteg.training.models import Registration

    return (
        Registration.objects.filter(email__iexact=(email or "").strip())
        .exclude(email="")
        .select_related("session__course", "consent_text")
        .order_by("created_at", "pk")
    )


def _registration(registration) -> dict:
    return {
        "id": registration.pk,
        "course": registration.session.course.title,
        "session_starts_at": _iso(registration.session.starts_at),
        "name": registration.name,
        "email": registration.email,
        "phone": registration.phone,
        "company": registration.organisation_name,
        "role": registration.role,
        "language": registration.language,
        "status": registration.status,
        "consent_text_version": registration.consent_text.version,
        "consent_text": registration.consent_text.text,
        "consent_at": _iso(registration.consent_at),
        "withdrawn_at": _iso(registration.withdrawn_at),
        "attended": registration.attended,
        "registered_at": _iso(registration.created_at),
        "anonymised_at": _iso(registration.anonymised_at),
    }


def export_registrant(email: str, by) -> dict:
    registrations = list(registrations_for(email))
    audit.record("privacy.registrant_exported", actor=by, count=len(registrations))
    return {
        "subject": _header("training_registrant", by),
        "email": email.strip(),
        "registrations": [_registration(r) for r in registrations],
        "legal_holds": [hold for r in registrations for hold in _legal_holds("training_registration", r.pk)],
        "retention": {"training_registration": purposes.BY_CODE["training_registration"].retention[0].summary()},
    }


# --- Users ------------------------------------------------------------------------------------------------------


def export_user(user, by) -> dict:
    """The account, its roles, what it did (audit trail), its tokens (names and dates, never secrets), its
    two-factor devices (names only) and its training registrations."""
    from insteg.matching.models import ParticipantView
    from insteg.privacy.models import AuditEvent

    memberships = user.memberships.select_related("organisation").order_by("created_at", "pk")
    events = AuditEvent.objects.filter(actor=user).select_related("target_type").order_by("created_at", "pk")
    if by is not None and by.pk != user.pk:
        audit.record("privacy.user_exported", actor=by, target=user)
    return {
        "subject": _header("user", by),
        "account": {
            "id": user.pk,
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "email_verified_at": _iso(user.email_verified_at),
            "is_active": user.is_active,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": _iso(m.created_at)} for m in memberships
        ],
        "api_tokens": [
            {"name": t.name, "created": _iso(t.created), "expiry": _iso(t.expiry)}
            for t in user.auth_token_set.order_by("created")
        ],
        "two_factor_devices": _devices(user),
        "audit_events": [
            {
                "action": e.action,
                "at": _iso(e.created_at),
                "target_type": e.target_type.model if e.target_type else "",
                "target_id": e.target_id,
                "data": e.data,
            }
            for e in events
        ],
        "participant_views_made": ParticipantView.objects.filter(viewer=user).count(),
        "training_registrations": [_registration(r) for r in registrations_for(user.email)],
        "retention": {"account": str(purposes.BY_CODE["staff"].retention[0].summary())},
    }


def _devices(user) -> list[dict]:
    from django_otp import devices_for_user

    return [{"name": device.name, "kind": type(device).__name__} for device in devices_for_user(user, confirmed=None)]
