"""Each proportionality preset (domain.md §3.2), with the explanation the officer reads."""

import pytest
from django.utils import translation

from insteg.rules import proportionality
from insteg.rules.models import ProcurementPolicy, ProportionalityPreset, Regime

pytestmark = pytest.mark.usefixtures("in_english")

MSEK = 1_000_000


def _suggest(code, contract_type, value, months=24, regime=Regime.ABOVE_THRESHOLD):
    preset = ProportionalityPreset.objects.get(code=code)
    return proportionality.suggest(
        preset=preset, contract_type=contract_type, estimated_value_sek=value, duration_months=months, regime=regime
    )


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


# (preset, contract type, value, months, regime, slots)
CASES = [
    ("trafikverket", "works", 100 * MSEK, 36, Regime.ABOVE_THRESHOLD, 2),  # the statute-style example
    ("trafikverket", "works", 99_999_999, 36, Regime.ABOVE_THRESHOLD, 1),
    ("trafikverket", "works", 50 * MSEK, 36, Regime.BELOW_THRESHOLD, 1),
    ("trafikverket", "works", 49_999_999, 36, Regime.BELOW_THRESHOLD, 0),
    ("trafikverket", "services", 60 * MSEK, 24, Regime.ABOVE_THRESHOLD, 2),
    ("trafikverket", "services", 25 * MSEK, 24, Regime.ABOVE_THRESHOLD, 1),
    ("trafikverket", "services", 24_999_999, 24, Regime.ABOVE_THRESHOLD, 0),
    ("trafikverket", "social_services", 75 * MSEK, 48, Regime.ABOVE_THRESHOLD, 3),
    ("trafikverket", "services", 60 * MSEK, 5, Regime.ABOVE_THRESHOLD, 0),  # shorter than a 6-month internship
    ("trafikverket", "services", 60 * MSEK, 6, Regime.ABOVE_THRESHOLD, 2),
    ("trafikverket", "goods", 100 * MSEK, 24, Regime.ABOVE_THRESHOLD, 0),
    ("trafikverket", "services", 600_000, 12, Regime.DIRECT_AWARD, 0),
    ("ostersund-pilot", "works", 60 * MSEK, 12, Regime.ABOVE_THRESHOLD, 4),
    ("ostersund-pilot", "works", 3 * MSEK, 4, Regime.BELOW_THRESHOLD, 4),
    ("ostersund-pilot", "works", 60 * MSEK, 3, Regime.ABOVE_THRESHOLD, 0),
    ("ostersund-pilot", "goods", 60 * MSEK, 12, Regime.ABOVE_THRESHOLD, 0),
    ("ostersund-pilot", "services", 600_000, 12, Regime.DIRECT_AWARD, 0),
    ("dialogue-only", "works", 500 * MSEK, 48, Regime.ABOVE_THRESHOLD, 0),
]


@pytest.mark.parametrize(("code", "contract_type", "value", "months", "regime", "slots"), CASES)
def test_each_preset(code, contract_type, value, months, regime, slots):
    suggestion = _suggest(code, contract_type, value, months, regime)
    assert suggestion.slots_suggested == slots
    assert suggestion.recommend_dialogue == (slots == 0)
    assert suggestion.preset == code
    assert suggestion.explanation


def test_the_explanation_shows_the_arithmetic():
    suggestion = _suggest("trafikverket", "services", 60 * MSEK)
    assert _plain(suggestion.explanation).startswith(
        "60 000 000 kr / 25 000 000 kr per slot for services = 2.4, rounded down: 2 slots."
    )
    assert suggestion.slot_definition == "12 months of employment or 6 months of internship"
    works = _suggest("trafikverket", "works", 100 * MSEK)
    assert _plain(works.explanation).startswith("100 000 000 kr / 50 000 000 kr per slot for works = 2, rounded down")


def test_the_explanation_is_translated_with_swedish_decimals():
    preset = ProportionalityPreset.objects.get(code="trafikverket")
    with translation.override("sv"):
        suggestion = proportionality.suggest(
            preset=preset, contract_type="services", estimated_value_sek=60 * MSEK, duration_months=24, regime="x"
        )
    assert "2,4" in suggestion.explanation


@pytest.mark.parametrize(
    ("contract_type", "value", "months", "regime", "reason"),
    [
        ("goods", 100 * MSEK, 24, Regime.ABOVE_THRESHOLD, "goods-only contract"),
        ("services", 600_000, 12, Regime.DIRECT_AWARD, "below the direct-award limit"),
        ("services", 10 * MSEK, 24, Regime.ABOVE_THRESHOLD, "too small for a numeric requirement"),
        ("services", 60 * MSEK, 5, Regime.ABOVE_THRESHOLD, "runs 5 months, shorter than the shortest slot (6 months)"),
    ],
)
def test_no_slot_recommends_a_dialogue_requirement_and_says_why(contract_type, value, months, regime, reason):
    suggestion = _suggest("trafikverket", contract_type, value, months, regime)
    assert (suggestion.slots_suggested, suggestion.recommend_dialogue) == (0, True)
    assert reason in suggestion.explanation
    assert "dialogue requirement" in suggestion.explanation


def test_the_ostersund_pilot_is_four_placements_of_four_months_whatever_the_value():
    suggestion = _suggest("ostersund-pilot", "works", 3 * MSEK, months=4, regime=Regime.BELOW_THRESHOLD)
    assert suggestion.slot_definition == "a placement of at least 4 months"
    assert "a fixed 4 placements of at least 4 months" in suggestion.explanation
    short = _suggest("ostersund-pilot", "works", 60 * MSEK, months=3)
    assert "runs only 3 months" in short.explanation


def test_an_administrator_can_make_the_preset_round_up():
    ProportionalityPreset.objects.filter(code="trafikverket").update(rounding="up")
    suggestion = _suggest("trafikverket", "services", 60 * MSEK)
    assert suggestion.slots_suggested == 3
    assert "rounded up: 3 slots" in suggestion.explanation


def test_without_a_regime_the_contract_is_assessed_for_today():
    preset = ProportionalityPreset.objects.get(code="trafikverket")
    suggestion = proportionality.suggest(
        preset=preset, contract_type="services", estimated_value_sek=300_000, duration_months=12
    )
    assert suggestion.recommend_dialogue and "direct-award limit" in suggestion.explanation


def test_policy_for_creates_the_municipalitys_policy_with_trafikverket_once(municipality):
    policy = proportionality.policy_for(municipality)
    assert policy.default_preset.code == "trafikverket"
    assert policy.near_threshold_margin_percent == 10
    assert proportionality.policy_for(municipality) == policy
    assert ProcurementPolicy.objects.count() == 1


def test_default_preset_is_the_policys_choice_else_trafikverket(municipality, supplier_org):
    assert proportionality.default_preset().code == "trafikverket"
    assert proportionality.default_preset(municipality).code == "trafikverket"
    ProcurementPolicy.objects.create(
        organisation=municipality, default_preset=ProportionalityPreset.objects.get(code="ostersund-pilot")
    )
    assert proportionality.default_preset(municipality).code == "ostersund-pilot"
    assert proportionality.default_preset(supplier_org).code == "trafikverket"
    assert not ProcurementPolicy.objects.filter(organisation=supplier_org).exists()


def test_the_default_preset_comes_back_if_its_table_was_emptied():
    ProportionalityPreset.objects.all().delete()
    preset = proportionality.default_preset()
    assert (preset.code, preset.services_sek_per_slot) == ("trafikverket", 25 * MSEK)
