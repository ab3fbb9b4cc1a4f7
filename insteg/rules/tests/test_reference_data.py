from datetime import date
from decimal import Decimal

from insteg.rules import reference_data
from insteg.rules.models import Certainty, ExchangeRate, ProportionalityPreset, Threshold, TimeLimit


def test_the_data_migration_created_every_reference_row():
    assert Threshold.objects.count() == len(reference_data.THRESHOLDS)
    assert TimeLimit.objects.count() == len(reference_data.TIME_LIMITS)
    assert set(ProportionalityPreset.objects.values_list("code", flat=True)) == {
        "trafikverket",
        "ostersund-pilot",
        "dialogue-only",
    }
    rate = ExchangeRate.objects.get()
    assert (rate.valid_from, rate.sek_per_eur, rate.certainty) == (
        date(2026, 1, 1),
        Decimal("10.8126"),
        Certainty.UNVERIFIED,
    )
    assert "C/2025/7081" in rate.source


def test_the_rows_carry_the_researched_values_and_certainty():
    services_2024 = Threshold.objects.get(
        kind="eu_threshold", buyer_category="sub_central", contract_type="services", valid_from=date(2024, 1, 1)
    )
    assert (services_2024.amount_sek, services_2024.amount_eur, services_2024.valid_to) == (
        2_389_585,
        221_000,
        date(2025, 12, 31),
    )
    social_2026 = Threshold.objects.get(
        kind="eu_threshold", buyer_category="sub_central", contract_type="social_services", valid_from=date(2026, 1, 1)
    )
    assert (social_2026.amount_sek, social_2026.amount_eur, social_2026.certainty) == (None, 750_000, "unverified")
    direct_award = Threshold.objects.filter(kind="direct_award_limit", amount_sek=700_000)
    assert direct_award.count() == 6
    assert set(direct_award.values_list("valid_from", "valid_to")) == {(date(2022, 2, 1), None)}
    assert TimeLimit.objects.get(code="questions-10").rolls_forward is False
    assert TimeLimit.objects.get(code="reasonable-below-threshold-21").certainty == "unverified"
    assert TimeLimit.objects.get(code="negotiated-with-notice-tenders-30").certainty == "unverified"


def test_loading_is_idempotent_and_keeps_an_administrators_edits():
    assert reference_data.load_reference_data() == 0
    TimeLimit.objects.filter(code="open-35").update(days=40, text_en="Edited by the administrator")
    TimeLimit.objects.filter(code="answers-6").delete()
    assert reference_data.load_reference_data() == 1
    edited = TimeLimit.objects.get(code="open-35")
    assert (edited.days, edited.text_en) == (40, "Edited by the administrator")
    assert TimeLimit.objects.filter(code="answers-6").exists()


def test_loading_fills_emptied_tables_as_browser_tests_need():
    for model in (Threshold, ExchangeRate, TimeLimit):
        model.objects.all().delete()
    ProportionalityPreset.objects.all().delete()
    expected = (
        len(reference_data.THRESHOLDS)
        + len(reference_data.EXCHANGE_RATES)
        + len(reference_data.TIME_LIMITS)
        + len(reference_data.PRESETS)
    )
    assert reference_data.load_reference_data() == expected


def test_every_time_limit_and_preset_is_valid_by_the_models_own_rules():
    for row in [*TimeLimit.objects.all(), *ProportionalityPreset.objects.all(), *Threshold.objects.all()]:
        row.full_clean()
