"""Each threshold boundary, one krona below, at and above, from the dated table (domain.md §2.4)."""

from datetime import date
from decimal import Decimal

import pytest

from insteg.rules.models import ExchangeRate, Regime, Threshold
from insteg.rules.thresholds import assess_regime

pytestmark = pytest.mark.usefixtures("in_english")

DIRECT, BELOW, ABOVE = Regime.DIRECT_AWARD, Regime.BELOW_THRESHOLD, Regime.ABOVE_THRESHOLD
IN_2025, IN_2026, IN_2023 = date(2025, 6, 1), date(2026, 3, 1), date(2023, 6, 1)


def _boundary(limit: int, below: str, at_or_above: str):
    return [(limit - 1, below), (limit, at_or_above), (limit + 1, at_or_above)]


# (contract type, buyer category, day, value, regime, estimate)
BOUNDARIES = [
    *[("services", "sub_central", IN_2025, v, r, False) for v, r in _boundary(700_000, DIRECT, BELOW)],
    *[("works", "sub_central", IN_2025, v, r, False) for v, r in _boundary(700_000, DIRECT, BELOW)],
    *[("goods", "central", IN_2025, v, r, False) for v, r in _boundary(700_000, DIRECT, BELOW)],
    *[("services", "sub_central", IN_2025, v, r, False) for v, r in _boundary(2_389_585, BELOW, ABOVE)],
    *[("goods", "sub_central", IN_2025, v, r, False) for v, r in _boundary(2_389_585, BELOW, ABOVE)],
    *[("goods", "central", IN_2025, v, r, False) for v, r in _boundary(1_546_202, BELOW, ABOVE)],
    *[("works", "sub_central", IN_2025, v, r, False) for v, r in _boundary(59_880_179, BELOW, ABOVE)],
    *[("works", "central", IN_2025, v, r, False) for v, r in _boundary(59_880_179, BELOW, ABOVE)],
    # Social services: the direct-award limit is the threshold, so there is no "below the threshold".
    *[("social_services", "sub_central", IN_2025, v, r, False) for v, r in _boundary(8_109_450, DIRECT, ABOVE)],
    *[("services", "sub_central", IN_2023, v, r, False) for v, r in _boundary(2_236_731, BELOW, ABOVE)],
    *[("works", "sub_central", IN_2023, v, r, False) for v, r in _boundary(55_991_099, BELOW, ABOVE)],
    *[("social_services", "central", IN_2023, v, r, False) for v, r in _boundary(7_802_550, DIRECT, ABOVE)],
    # 2026: EUR only, estimated at the placeholder rate 10.8126 SEK/EUR (216 000 EUR = 2 335 522 kr).
    # "Below the threshold" depends on the estimated threshold too; a direct award does not.
    ("services", "sub_central", IN_2026, 699_999, DIRECT, False),
    ("services", "sub_central", IN_2026, 700_000, BELOW, True),
    ("services", "sub_central", IN_2026, 700_001, BELOW, True),
    *[("services", "sub_central", IN_2026, v, r, True) for v, r in _boundary(2_335_522, BELOW, ABOVE)],
    *[("goods", "central", IN_2026, v, r, True) for v, r in _boundary(1_513_764, BELOW, ABOVE)],  # EUR 140 000
    *[("works", "sub_central", IN_2026, v, r, True) for v, r in _boundary(58_431_290, BELOW, ABOVE)],  # 5 404 000
    *[("social_services", "sub_central", IN_2026, v, r, True) for v, r in _boundary(8_109_450, DIRECT, ABOVE)],
]


@pytest.mark.parametrize(("contract_type", "buyer_category", "on", "value", "regime", "estimate"), BOUNDARIES)
def test_regime_at_each_boundary(contract_type, buyer_category, on, value, regime, estimate):
    assessment = assess_regime(contract_type=contract_type, value_sek=value, on=on, buyer_category=buyer_category)
    assert assessment.regime == regime
    assert assessment.is_estimate == estimate


def test_2025_limits_are_the_official_sek_values_with_their_sources():
    assessment = assess_regime(contract_type="services", value_sek=1_000_000, on=IN_2025)
    assert [(limit.kind, limit.amount_sek, limit.is_estimate) for limit in assessment.limits] == [
        ("direct_award_limit", 700_000, False),
        ("eu_threshold", 2_389_585, False),
    ]
    assert "UHM" in assessment.limits[1].source
    assert assessment.warnings == []


def test_2026_threshold_is_an_estimate_from_eur_at_the_administrators_rate_and_says_so():
    assessment = assess_regime(contract_type="services", value_sek=1_000_000, on=IN_2026)
    eu = assessment.limits[1]
    assert (eu.amount_sek, eu.is_estimate) == (2_335_522, True)
    assert "2025/2152" in eu.source and "10.8126" in eu.source
    (warning,) = assessment.warnings
    assert "estimate from EUR\xa0216\xa0000 at 10.8126 SEK per EUR" in warning


def test_a_new_exchange_rate_applies_from_its_day():
    ExchangeRate.objects.create(valid_from=date(2026, 2, 1), sek_per_eur=Decimal("11.0000"), source="Test")
    assert assess_regime(contract_type="services", value_sek=2_376_000, on=IN_2026).regime == ABOVE
    assert assess_regime(contract_type="services", value_sek=2_375_999, on=IN_2026).regime == BELOW
    # Before the new rate's day the old one still applies.
    assert assess_regime(contract_type="services", value_sek=2_375_999, on=date(2026, 1, 15)).regime == ABOVE


def test_once_the_official_sek_value_is_entered_it_is_no_longer_an_estimate():
    Threshold.objects.filter(
        kind="eu_threshold", buyer_category="sub_central", contract_type="services", valid_from=date(2026, 1, 1)
    ).update(amount_sek=2_300_000)
    assessment = assess_regime(contract_type="services", value_sek=2_300_000, on=IN_2026)
    assert (assessment.regime, assessment.is_estimate) == (ABOVE, False)


def test_a_direct_award_does_not_depend_on_the_estimated_threshold():
    assessment = assess_regime(contract_type="services", value_sek=100_000, on=IN_2026)
    assert (assessment.regime, assessment.is_estimate) == (DIRECT, False)


def test_without_an_exchange_rate_an_eur_only_threshold_cannot_be_compared():
    ExchangeRate.objects.all().delete()
    assessment = assess_regime(contract_type="services", value_sek=1_000_000, on=IN_2026)
    assert assessment.regime == ABOVE  # the stricter rules, to be safe
    assert any("no exchange rate is set" in warning for warning in assessment.warnings)


# (value, warned): the 2025 services threshold 2 389 585 ± 10 % (238 958.5) and the limit 700 000 ± 70 000
NEAR = [
    (2_150_626, False),
    (2_150_627, True),
    (2_389_585, True),
    (2_628_543, True),
    (2_628_544, False),
    (629_999, False),
    (630_000, True),
    (770_000, True),
    (770_001, False),
    (1_500_000, False),
]


@pytest.mark.parametrize(("value", "warned"), NEAR)
def test_a_value_within_ten_per_cent_of_a_limit_warns(value, warned):
    assessment = assess_regime(contract_type="services", value_sek=value, on=IN_2025)
    assert bool(assessment.warnings) == warned
    if warned:
        assert "within 10 %" in assessment.warnings[0]


def test_the_warning_names_both_amounts_and_the_municipalitys_margin():
    assessment = assess_regime(contract_type="services", value_sek=2_300_000, on=IN_2025, margin_percent=5)
    (warning,) = assessment.warnings
    assert "2\xa0300\xa0000\xa0kr" in warning
    assert "within 5 % of the EU threshold, 2\xa0389\xa0585\xa0kr" in warning
    assert assess_regime(contract_type="services", value_sek=2_200_000, on=IN_2025, margin_percent=5).warnings == []


def test_social_services_warn_once_for_the_limit_that_is_also_the_threshold():
    assessment = assess_regime(contract_type="social_services", value_sek=8_000_000, on=IN_2025)
    assert len(assessment.warnings) == 1


def test_a_day_no_threshold_row_covers_warns_and_assumes_the_stricter_rules():
    assessment = assess_regime(contract_type="services", value_sek=1_000_000, on=date(2019, 6, 1))
    assert assessment.regime == ABOVE
    assert any("No EU threshold is recorded for 2019-06-01" in warning for warning in assessment.warnings)
    assert any("No direct-award limit is recorded" in warning for warning in assessment.warnings)


def test_january_2022_has_a_threshold_but_the_700_000_limit_starts_in_february():
    january = assess_regime(contract_type="services", value_sek=500_000, on=date(2022, 1, 15))
    assert january.regime == BELOW
    assert any("No direct-award limit" in warning for warning in january.warnings)
    assert assess_regime(contract_type="services", value_sek=500_000, on=date(2022, 2, 1)).regime == DIRECT
