"""The officer's workflow as services: regime, suggestion, decision, publishing, status."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from insteg.lib.errors import DomainError
from insteg.privacy.models import AuditEvent
from insteg.procurement import services
from insteg.procurement.models import Procurement
from insteg.procurement.tests.factories import CriterionFactory, SocialRequirementFactory
from insteg.rules.models import Regime

CLEANING = {
    "reference": "KS 2026/0100",
    "title": "Lokalvård",
    "description": "",
    "contract_type": "services",
    "cpv_main": "90911200-8",
    "cpv_additional": [],
    "estimated_value_sek": 60_000_000,
    "duration_months": 48,
    "procedure": "open",
    "accelerated": False,
    "accelerated_justification": "",
    "electronic_submission": True,
    "prior_information_notice": False,
    "lots_not_divided_reason": "Städningen samordnas i ett avtal för att hålla nere kostnaden.",
    "notice_sent": datetime.date(2026, 3, 2),
    "tender_deadline": datetime.date(2026, 4, 10),
    "question_deadline": None,
}


def test_creating_a_procurement_computes_its_regime_and_default_question_deadline(municipality, procurement_officer):
    procurement = services.create_procurement(user=procurement_officer, organisation=municipality, data=CLEANING)

    assert procurement.regime == Regime.ABOVE_THRESHOLD
    # Ten days before 10 April 2026 is 31 March, a Tuesday: a working day, so it stays.
    assert procurement.question_deadline == datetime.date(2026, 3, 31)
    assert procurement.status == Procurement.Status.DRAFT
    assert AuditEvent.objects.filter(action="procurement.created", target_id=str(procurement.pk)).exists()


@pytest.mark.parametrize(
    ("value", "regime"),
    [(600_000, Regime.DIRECT_AWARD), (1_500_000, Regime.BELOW_THRESHOLD), (60_000_000, Regime.ABOVE_THRESHOLD)],
)
def test_the_regime_follows_the_value(municipality, procurement_officer, value, regime):
    data = {**CLEANING, "estimated_value_sek": value, "notice_sent": datetime.date(2025, 3, 3)}
    data["tender_deadline"] = datetime.date(2025, 4, 11)
    procurement = services.create_procurement(user=procurement_officer, organisation=municipality, data=data)
    assert procurement.regime == regime


def test_a_supplier_cannot_create_a_procurement_for_the_municipality(municipality, supplier):
    with pytest.raises(DomainError):
        services.create_procurement(user=supplier, organisation=municipality, data=CLEANING)
    assert not Procurement.objects.exists()


def test_bad_dates_are_refused_and_nothing_is_saved(municipality, procurement_officer):
    data = {**CLEANING, "tender_deadline": datetime.date(2026, 3, 1)}
    with pytest.raises(ValidationError) as refused:
        services.create_procurement(user=procurement_officer, organisation=municipality, data=data)
    assert "tender_deadline" in refused.value.message_dict
    assert not Procurement.objects.exists()
    assert not AuditEvent.objects.filter(action="procurement.created").exists()


def test_a_numeric_requirement_gets_the_presets_suggestion(draft, procurement_officer, numeric_criterion):
    requirement = services.add_requirement(draft, user=procurement_officer, criterion=numeric_criterion)

    # Trafikverket's rule of thumb: one slot per 25 MSEK of services; 60 MSEK gives 2 (rounded down).
    assert requirement.preset.code == "trafikverket"
    assert requirement.slots_suggested == 2
    assert "25" in requirement.suggestion_explanation
    assert requirement.clause_text == numeric_criterion.text_sv
    assert not requirement.is_decided


def test_changing_the_value_changes_the_suggestion(draft, procurement_officer, numeric_criterion):
    requirement = services.add_requirement(draft, user=procurement_officer, criterion=numeric_criterion)
    services.update_procurement(draft, user=procurement_officer, data={"estimated_value_sek": 130_000_000})
    requirement.refresh_from_db()
    assert requirement.slots_suggested == 5


def test_deciding_needs_a_rationale_and_keeps_suggestion_and_decision(draft, procurement_officer, numeric_criterion):
    requirement = services.add_requirement(draft, user=procurement_officer, criterion=numeric_criterion)
    with pytest.raises(ValidationError) as refused:
        services.decide_requirement(requirement, user=procurement_officer, data={"slots_decided": 3, "rationale": " "})
    assert "rationale" in refused.value.message_dict

    services.decide_requirement(
        requirement,
        user=procurement_officer,
        data={
            "slots_decided": 3,
            "rationale": "Uppdraget är arbetsintensivt; tre platser är rimligt.",
            "target_groups": ["long_term_unemployed"],
            "alternatives": ["a"],
        },
    )
    requirement.refresh_from_db()
    assert (requirement.slots_suggested, requirement.slots_decided) == (2, 3)
    assert requirement.decided_by == procurement_officer
    event = AuditEvent.objects.get(action="requirement.decided")
    assert event.data["slots_suggested"] == 2
    assert event.data["slots_decided"] == 3


def test_an_unlawful_tender_deadline_is_refused_with_the_reason(draft, procurement_officer):
    # Open procedure, electronic tenders: at least 30 days from 2 March 2026, i.e. 1 April.
    Procurement.objects.filter(pk=draft.pk).update(
        tender_deadline=datetime.date(2026, 3, 20), question_deadline=datetime.date(2026, 3, 10)
    )
    draft.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.publish(draft, user=procurement_officer)
    message = " ".join(refused.value.message_dict["tender_deadline"])
    assert "2026-04-01" in message or "1 april 2026" in message.lower()
    draft.refresh_from_db()
    assert draft.status == Procurement.Status.DRAFT
    assert not AuditEvent.objects.filter(action="procurement.published").exists()


def test_a_lawful_procurement_is_published(draft, procurement_officer):
    SocialRequirementFactory(procurement=draft)
    services.publish(draft, user=procurement_officer)
    draft.refresh_from_db()
    assert draft.status == Procurement.Status.PUBLISHED
    assert draft.published_at is not None
    assert AuditEvent.objects.filter(action="procurement.published", target_id=str(draft.pk)).exists()


def test_an_undecided_requirement_blocks_publishing(draft, procurement_officer):
    SocialRequirementFactory(procurement=draft, rationale="", slots_decided=None)
    with pytest.raises(ValidationError) as refused:
        services.publish(draft, user=procurement_officer)
    assert "requirements" in refused.value.message_dict


def test_above_the_threshold_an_undivided_contract_needs_a_reason(draft, procurement_officer):
    draft.lots.all().delete()
    checks = services.publication_checks(draft)
    assert "lots_not_divided_reason" in checks.errors

    Procurement.objects.filter(pk=draft.pk).update(lots_not_divided_reason="Ett sammanhållet uppdrag.")
    draft.refresh_from_db()
    assert "lots_not_divided_reason" not in services.publication_checks(draft).errors


def test_a_below_threshold_procedure_is_refused_above_the_threshold(draft):
    draft.procedure = "below_threshold"
    assert "procedure" in services.publication_checks(draft).errors


def test_labour_conditions_below_the_threshold_give_a_warning_not_an_error(draft):
    criterion = CriterionFactory(legal_instrument="labour_conditions", requirement_kind="labour_conditions")
    SocialRequirementFactory(procurement=draft, criterion=criterion)
    draft.estimated_value_sek = 1_500_000
    checks = services.publication_checks(draft)
    assert any("17 kap. 2" in warning for warning in checks.warnings)


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        (["awarded"], False),
        (["cancelled", "published"], False),
        (["published", "awarded", "completed"], True),
        (["published", "cancelled"], True),
        (["published", "awarded", "cancelled"], False),
    ],
)
def test_only_the_allowed_status_changes_happen(draft, procurement_officer, path, allowed):
    SocialRequirementFactory(procurement=draft)
    if allowed:
        for status in path:
            services.change_status(draft, user=procurement_officer, status=status)
        draft.refresh_from_db()
        assert draft.status == path[-1]
        return
    with pytest.raises(DomainError):
        for status in path:
            services.change_status(draft, user=procurement_officer, status=status)
            draft.refresh_from_db()


def test_a_published_procurement_cannot_be_changed(draft, procurement_officer):
    SocialRequirementFactory(procurement=draft)
    services.publish(draft, user=procurement_officer)
    with pytest.raises(DomainError):
        services.update_procurement(draft, user=procurement_officer, data={"title": "Nytt namn"})
    draft.refresh_from_db()
    assert draft.title == "Lokalvård i kommunens förskolor"
