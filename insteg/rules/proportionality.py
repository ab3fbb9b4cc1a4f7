"""How many placement slots are proportionate to a contract: the presets of domain.md §3.2 applied.

A suggestion only: the officer decides the number and writes the rationale (procurement.services).
"""

import math
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insteg.rules import reference_data, text, thresholds
from insteg.rules.models import ContractType, ProcurementPolicy, ProportionalityPreset, Regime

Method = ProportionalityPreset.Method


@dataclass(frozen=True)
class Suggestion:
    preset: str
    slots_suggested: int
    slot_definition: str
    recommend_dialogue: bool
    explanation: str


def _per_slot(preset: ProportionalityPreset, contract_type: str) -> int | None:
    return {
        ContractType.WORKS: preset.works_sek_per_slot,
        ContractType.SERVICES: preset.services_sek_per_slot,
        ContractType.SOCIAL_SERVICES: preset.social_services_sek_per_slot,
    }.get(contract_type)


def _contract_type_in_sentence(contract_type: str) -> str:
    return {
        ContractType.GOODS: _("goods"),
        ContractType.WORKS: _("works"),
        ContractType.SERVICES: _("services"),
        ContractType.SOCIAL_SERVICES: _("social services"),
    }[contract_type]


def _slot_minimum_months(preset: ProportionalityPreset) -> int | None:
    """The shortest a slot can be: a contract shorter than that cannot hold one."""
    months = [m for m in (preset.employment_months_per_slot, preset.internship_months_per_slot) if m]
    return min(months) if months else None


def slot_definition(preset: ProportionalityPreset) -> str:
    if preset.method == Method.FIXED:
        return _("a placement of at least %(months)d months") % {"months": preset.fixed_months or 0}
    if preset.method == Method.DIALOGUE_ONLY:
        return _("no placements: a dialogue about employment and internships")
    employment, internship = preset.employment_months_per_slot, preset.internship_months_per_slot
    if employment and internship:
        return _("%(employment)d months of employment or %(internship)d months of internship") % {
            "employment": employment,
            "internship": internship,
        }
    if employment:
        return _("%(months)d months of employment") % {"months": employment}
    return _("%(months)d months of internship") % {"months": internship or 0}


def _count(slots: int) -> str:
    return ngettext("%(count)d slot", "%(count)d slots", slots) % {"count": slots}


def _per_value(preset, contract_type, value, duration_months) -> tuple[int, str]:
    per_slot = _per_slot(preset, contract_type)
    if not per_slot:
        return 0, _(
            "The preset “%(preset)s” gives no value per slot for %(type)s, so it suggests no number. A dialogue "
            "requirement is recommended instead."
        ) % {"preset": preset.name, "type": _contract_type_in_sentence(contract_type)}
    minimum = _slot_minimum_months(preset)
    if minimum and duration_months < minimum:
        return 0, _(
            "The contract runs %(duration)d months, shorter than the shortest slot (%(minimum)d months), so no slot "
            "fits in it. A dialogue requirement is recommended instead."
        ) % {"duration": duration_months, "minimum": minimum}
    rounding_up = preset.rounding == ProportionalityPreset.Rounding.UP
    slots = math.ceil(value / per_slot) if rounding_up else value // per_slot
    explanation = _("%(value)s / %(per_slot)s per slot for %(type)s = %(ratio)s, %(rounded)s: %(slots)s.") % {
        "value": text.sek(value),
        "per_slot": text.sek(per_slot),
        "type": _contract_type_in_sentence(contract_type),
        "ratio": text.ratio(value, per_slot),
        "rounded": _("rounded up") if rounding_up else _("rounded down"),
        "slots": _count(slots),
    }
    if slots == 0:
        explanation += " " + _(
            "The value is too small for a numeric requirement; a dialogue requirement is recommended."
        )
    else:
        explanation += " " + _("One slot is %(definition)s, and may be shared between several people.") % {
            "definition": slot_definition(preset)
        }
    return slots, explanation


def _fixed(preset, duration_months) -> tuple[int, str]:
    numbers = {"preset": preset.name, "slots": preset.fixed_slots or 0, "months": preset.fixed_months or 0}
    if duration_months < (preset.fixed_months or 0):
        return 0, _(
            "The preset “%(preset)s” asks for %(slots)d placements of %(months)d months each, but the contract "
            "runs only %(duration)d months. A dialogue requirement is recommended instead."
        ) % {**numbers, "duration": duration_months}
    return preset.fixed_slots or 0, _(
        "The preset “%(preset)s” asks for a fixed %(slots)d placements of at least %(months)d months each, "
        "whatever the contract's value."
    ) % numbers


def _slots_and_explanation(preset, contract_type, value, duration_months, regime) -> tuple[int, str]:
    if preset.method == Method.DIALOGUE_ONLY:
        return 0, _(
            "The preset “%(preset)s” sets no number of placements: a dialogue requirement about employment and "
            "internships is recommended."
        ) % {"preset": preset.name}
    if contract_type == ContractType.GOODS:
        return 0, _(
            "A goods-only contract has no work performed for the municipality to which employment could be linked, "
            "so a numeric requirement would not be linked to the subject matter. A dialogue requirement is "
            "recommended instead."
        )
    if regime == Regime.DIRECT_AWARD:
        return 0, _(
            "The value is below the direct-award limit. A numeric employment requirement is rarely proportionate "
            "in a direct award; a dialogue requirement is recommended instead."
        )
    if preset.method == Method.FIXED:
        return _fixed(preset, duration_months)
    return _per_value(preset, contract_type, value, duration_months)


def suggest(
    *,
    preset: ProportionalityPreset,
    contract_type: str,
    estimated_value_sek: int,
    duration_months: int,
    regime: str | None = None,
) -> Suggestion:
    """The preset's suggestion for this contract, with a readable explanation of how it was reached."""
    if not regime:
        regime = thresholds.assess_regime(
            contract_type=contract_type, value_sek=estimated_value_sek, on=timezone.localdate()
        ).regime
    slots, explanation = _slots_and_explanation(preset, contract_type, estimated_value_sek, duration_months, regime)
    return Suggestion(
        preset=preset.code,
        slots_suggested=slots,
        slot_definition=slot_definition(preset),
        recommend_dialogue=slots == 0,
        explanation=explanation,
    )


def _reference_preset(code: str) -> ProportionalityPreset:
    """The reference preset; recreated from the reference data if the table was emptied (browser tests)."""
    preset = ProportionalityPreset.objects.filter(code=code).first()
    if preset is not None:
        return preset
    row = reference_data.preset_row(code)
    try:
        with transaction.atomic():
            return ProportionalityPreset.objects.create(**row)
    except IntegrityError:  # created meanwhile by another request
        return ProportionalityPreset.objects.get(code=code)


def default_preset(organisation=None) -> ProportionalityPreset:
    """The organisation's chosen default preset, or Trafikverket's model. Reads only; creates no policy."""
    if organisation is not None:
        policy = ProcurementPolicy.objects.filter(organisation=organisation).select_related("default_preset").first()
        if policy is not None:
            return policy.default_preset
    return _reference_preset(reference_data.DEFAULT_PRESET_CODE)


def policy_for(organisation) -> ProcurementPolicy:
    """The municipality's procurement policy, created with the defaults the first time it is needed."""
    policy = ProcurementPolicy.objects.filter(organisation=organisation).select_related("default_preset").first()
    if policy is not None:
        return policy
    policy, _created = ProcurementPolicy.objects.get_or_create(
        organisation=organisation, defaults={"default_preset": default_preset()}
    )
    return policy
