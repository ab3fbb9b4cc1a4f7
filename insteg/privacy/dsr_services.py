"""Data subject requests handled by the data protection officer: rectification, restriction, erasure.

Every step is audited with ids and codes only. Erasure anonymises where the archive law allows it (domain
research §6.4): a participant keeps the aggregate-safe fields statistics need; a registrant keeps session,
company and attendance; an account keeps its row (audit events point at it) under a pseudonym.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.accounts.access import can_supervise_privacy
from insteg.lib.errors import DomainError
from insteg.matching.models import Participant, RestrictionReason
from insteg.privacy import audit

# The DPO corrects contact details (art. 16) directly: a request often arrives at the DPO, must be answered
# within a month, and names, email and phone are facts the person states themselves. Everything else about a
# participant (programme, adaptations, availability, notes) is the matching officer's assessment, so the DPO
# routes those to the matching officer instead of changing them.
RECTIFIABLE_FIELDS = ["first_name", "last_name", "email", "phone"]


def _require_dpo(user) -> None:
    if not can_supervise_privacy(user):
        raise DomainError(_("Only the data protection officer and administrators handle data subject requests."))


def _locked(participant: Participant) -> Participant:
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.erased_at:
        raise DomainError(_("This person's data has been erased."))
    return participant


@transaction.atomic
def rectify_participant(participant: Participant, *, data: dict, by) -> Participant:
    _require_dpo(by)
    unknown = set(data) - set(RECTIFIABLE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    participant = _locked(participant)
    changed = [name for name, value in data.items() if getattr(participant, name) != (value or "").strip()]
    for name in changed:
        setattr(participant, name, (data[name] or "").strip())
    if changed:
        participant.full_clean(exclude=["municipality"])
        participant.save(update_fields=changed)
    audit.record(
        "privacy.participant_rectified", actor=by, target=participant, organisation=participant.municipality,
        fields=changed,
    )  # fmt: skip
    return participant


@transaction.atomic
def restrict_participant(participant: Participant, *, reason: str, by) -> Participant:
    """Art. 18: the data stays but is not used; matching and proposals skip the person until lifted."""
    _require_dpo(by)
    if reason not in RestrictionReason.values:
        raise ValidationError({"reason": _("Choose a reason for the restriction.")})
    participant = _locked(participant)
    if participant.restricted_at:
        raise DomainError(_("Processing of this person's data is already restricted."))
    participant.restricted_at = timezone.now()
    participant.restriction_reason = reason
    participant.save(update_fields=["restricted_at", "restriction_reason"])
    audit.record(
        "privacy.participant_restricted", actor=by, target=participant, organisation=participant.municipality,
        reason=reason,
    )  # fmt: skip
    return participant


@transaction.atomic
def lift_restriction(participant: Participant, *, by) -> Participant:
    _require_dpo(by)
    participant = _locked(participant)
    if not participant.restricted_at:
        raise DomainError(_("Processing of this person's data is not restricted."))
    participant.restricted_at = None
    participant.restriction_reason = ""
    participant.save(update_fields=["restricted_at", "restriction_reason"])
    audit.record(
        "privacy.participant_restriction_lifted", actor=by, target=participant, organisation=participant.municipality
    )
    return participant


def erase_participant(participant: Participant, *, by) -> Participant:
    _require_dpo(by)
    from insteg.matching import services as matching_services

    return matching_services.erase(by, participant)


@transaction.atomic
def erase_registrant(email: str, *, by) -> int:
    """Every registration with the email: an active one is withdrawn (its seat goes to the next in line), the
    others anonymised; session, company, status and attendance stay for the counts."""
    from insteg.privacy.subject_access import registrations_for
    from insteg.training import services as training_services

    _require_dpo(by)
    registrations = list(registrations_for(email).filter(anonymised_at__isnull=True))
    if not registrations:
        raise DomainError(_("No registration with this email address is left to erase."))
    for registration in registrations:
        if registration.is_active:
            training_services.withdraw(registration)  # anonymises it too
    training_services.anonymise_registrations([registration.pk for registration in registrations])
    audit.record("privacy.registrant_erased", actor=by, count=len(registrations))
    return len(registrations)


@transaction.atomic
def anonymise_user(user, *, by):
    """The account cannot sign in again and names nobody; its row stays so audit events keep their actor id."""
    from django_otp import devices_for_user

    _require_dpo(by)
    if user.pk == by.pk:
        raise DomainError(_("You cannot anonymise your own account."))
    if not user.is_active and user.username.startswith("erased-"):
        raise DomainError(_("This account is already anonymised."))
    user.first_name = user.last_name = ""
    user.username = f"erased-{user.pk}"
    user.email = f"erased-{user.pk}@invalid.invalid"
    user.email_verified_at = None
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.auth_token_set.all().delete()
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    memberships = user.memberships.count()
    user.memberships.all().delete()
    audit.record("privacy.user_anonymised", actor=by, target=user, memberships=memberships)
    return user
