"""The impact estimator against hand-computed ranges, its refusals, and the administrators' parameter page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from insteg.contracts.tests.factories import ComplianceReportFactory
from insteg.lib.errors import DomainError
from insteg.matching.models import Placement
from insteg.matching.tests.conftest import host_contract, position  # noqa: F401 -- shared fixtures
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory
from insteg.privacy.models import AuditEvent
from insteg.reports import parameter_services
from insteg.reports.models import ImpactParameter

PERIOD = {"start": "2026-01-01", "end": "2026-10-31"}
NBSP = "\u00a0"


def _sek(amount: str) -> str:
    return amount.replace(" ", NBSP) + NBSP + "kr"


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def twelve_months(host_contract):  # noqa: F811
    """The supplier reported 12 full-time months and no placement is followed up in Insteg."""
    ComplianceReportFactory(contract=host_contract, months_completed=Decimal(12))
    return host_contract


@pytest.fixture
def three_in_work(position, municipality):  # noqa: F811
    """Three placements that ended in the spring, all three in work 90 days after."""
    for number in range(3):
        starts = datetime.date(2026, 2, 2) + datetime.timedelta(days=number)
        PlacementFactory(
            participant=ParticipantFactory(municipality=municipality, first_name=f"Person{number}"),
            position=position, starts_on=starts, planned_end_on=starts + datetime.timedelta(days=120),
            status=Placement.Status.ENDED, ended_on=starts + datetime.timedelta(days=120), end_reason="completed",
            outcome_at_end="job_at_host", outcome_at_end_evidence="employer_confirmed",
            outcome_90="job_at_host", outcome_90_evidence="register_verified",
        )  # fmt: skip


def _impact(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("reports:impact"), {**PERIOD, **params} if params else None)
    assert response.status_code == 200
    return response


def test_the_in_placement_estimate_is_months_over_12_times_support_less_deadweight_times_attribution(
    client, procurement_officer, twelve_months
):
    response = _impact(client, procurement_officer, deadweight=20, attribution=50, lifetime_share=0)
    scenario = response.context["scenario"]
    # 12 / 12 × 162 000 × (1 − 0.20) × 0.50 = 64 800, shown to the nearest thousand as the estimator rounds;
    # the same at both ends of the parameter's range
    assert scenario.months_delivered == Decimal(12)
    assert (scenario.in_placement.low, scenario.in_placement.high) == (Decimal(65_000), Decimal(65_000))
    page = response.content.decode()
    assert page.count(_sek("65 000")) == 2
    assert "These are scenario estimates, not measured effects." in page
    assert "Left out: set a share of the lifetime cost" in page
    support = ImpactParameter.objects.get(key="public-support-per-year")
    assert support.source_title in page and 'href="https://www.finsamuppsala.se"' in page
    assert "Secondary source" in page and "2022" in page
    assert reverse("reports:parameter_edit", args=[support.pk]) not in page  # only administrators change them


def test_without_settings_the_page_uses_no_deadweight_and_full_attribution(client, funder, twelve_months):
    client.force_login(funder)
    response = client.get(reverse("reports:impact"))
    assert response.status_code == 200
    scenario = response.context["scenario"]
    assert (scenario.deadweight, scenario.attribution, scenario.lifetime_share) == (0, 100, 0)
    assert scenario.in_placement.low == Decimal(162_000)  # 12 / 12 × 162 000 × 1 × 1


def test_the_long_term_scenario_counts_people_in_work_after_90_days_for_the_staff(
    client, matching_officer, three_in_work
):
    response = _impact(client, matching_officer, deadweight=0, attribution=100, lifetime_share=10)
    long_term = response.context["scenario"].long_term
    # 3 people × 10 % × 10–15 million
    assert (long_term.low, long_term.high) == (Decimal(3_000_000), Decimal(4_500_000))
    assert _sek("3 000 000") in response.content.decode() and _sek("4 500 000") in response.content.decode()


def test_the_long_term_scenario_is_not_computed_from_a_count_hidden_from_the_funder(client, funder, three_in_work):
    response = _impact(client, funder, deadweight=0, attribution=100, lifetime_share=10)
    scenario = response.context["scenario"]
    assert scenario.long_term is None
    assert str(scenario.people_in_work) == "–"
    page = response.content.decode()
    assert "Not computed: fewer than 5 people were in work 90 days after" in page
    assert _sek("3 000 000") not in page and "Person0" not in page


@pytest.mark.parametrize(
    "params, field",
    [
        ({"deadweight": 95, "attribution": 50, "lifetime_share": 0}, "deadweight"),
        ({"deadweight": 0, "attribution": 5, "lifetime_share": 0}, "attribution"),
        ({"deadweight": 0, "attribution": 100, "lifetime_share": 25}, "lifetime_share"),
        ({"deadweight": "a lot", "attribution": 100, "lifetime_share": 0}, "deadweight"),
        ({"deadweight": 0, "attribution": 100, "lifetime_share": 0, "end": "2025-01-01"}, "end"),
        ({"deadweight": 0, "attribution": 100, "lifetime_share": 0, "start": "31/12"}, "start"),
    ],
)
def test_bad_settings_are_form_errors_and_no_estimate(client, procurement_officer, twelve_months, params, field):
    response = _impact(client, procurement_officer, **params)
    assert field in response.context["form"].errors
    assert response.context["scenario"] is None
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize("persona_name", ["supplier", "other_supplier", "employment_officer"])
def test_others_may_not_use_the_estimator(client, request, persona_name):
    client.force_login(request.getfixturevalue(persona_name))
    assert client.get(reverse("reports:impact")).status_code == 403


# --- Parameters ------------------------------------------------------------------------------------------------------


def _support() -> ImpactParameter:
    return ImpactParameter.objects.get(key="public-support-per-year")


def _form_data(parameter: ImpactParameter, **changes) -> dict:
    data = {
        "value_low": parameter.value_low,
        "value_high": parameter.value_high,
        "unit": parameter.unit,
        "price_year": parameter.price_year,
        "source_title": parameter.source_title,
        "source_url": parameter.source_url,
        "certainty": parameter.certainty,
        "notes": parameter.notes,
        "active": "on" if parameter.active else "",
    }
    return {**data, **changes}


def test_an_administrator_changes_a_parameter_and_the_next_estimate_uses_it(
    client, administrator, procurement_officer, twelve_months
):
    support = _support()
    url = reverse("reports:parameter_edit", args=[support.pk])
    client.force_login(administrator)
    assert url in client.get(reverse("reports:impact")).content.decode()
    changes = {"value_low": "150000", "value_high": "200000", "price_year": 2025, "source_title": "Kommunens egen"}
    response = client.post(url, _form_data(support, **changes))
    assert response.status_code == 302
    support.refresh_from_db()
    assert (support.value_low, support.value_high, support.price_year) == (150_000, 200_000, 2025)
    event = AuditEvent.objects.get(action="reports.parameter_changed")
    assert event.actor == administrator and event.data["key"] == "public-support-per-year"

    estimate = _impact(client, procurement_officer, deadweight=20, attribution=50, lifetime_share=0)
    scenario = estimate.context["scenario"]
    # 12 / 12 × 150 000–200 000 × 0.8 × 0.5
    assert (scenario.in_placement.low, scenario.in_placement.high) == (Decimal(60_000), Decimal(80_000))

    client.force_login(administrator)
    page = client.get(url).content.decode()
    history = parameter_services.history(support)
    assert [version.who for version in history] == [administrator.name, "Insteg (reference data)"]
    assert history[0].value_high == 200_000 and history[1].value_high == 162_000
    assert {"value (low)", "value (high)", "price year", "source"} <= set(history[0].fields)
    assert administrator.name in page and "Insteg (reference data)" in page


def test_a_parameter_switched_off_leaves_its_estimate_out_and_says_so(client, administrator, twelve_months):
    support = _support()
    client.force_login(administrator)
    client.post(reverse("reports:parameter_edit", args=[support.pk]), _form_data(support, active=""))
    response = _impact(client, administrator, deadweight=0, attribution=100, lifetime_share=0)
    assert response.context["scenario"].in_placement is None
    assert "The parameter “public-support-per-year” is not in use" in response.content.decode()


def test_a_low_end_above_the_high_end_is_refused_and_nothing_changes(client, administrator):
    support = _support()
    client.force_login(administrator)
    response = client.post(
        reverse("reports:parameter_edit", args=[support.pk]),
        _form_data(support, value_low="300000", value_high="200000"),
    )
    assert response.status_code == 200
    assert "The high end must be at least the low end." in response.content.decode()
    support.refresh_from_db()
    assert (support.value_low, support.value_high) == (162_000, 162_000)
    assert not support.history.exists()


@pytest.mark.parametrize("year", [1989, 2101])
def test_a_price_year_outside_1990_to_2100_is_refused(client, administrator, year):
    support = _support()
    client.force_login(administrator)
    response = client.post(reverse("reports:parameter_edit", args=[support.pk]), _form_data(support, price_year=year))
    assert response.status_code == 200 and "Enter a year from 1990 to 2100." in response.content.decode()
    support.refresh_from_db()
    assert support.price_year == 2022


@pytest.mark.parametrize("persona_name", ["procurement_officer", "matching_officer", "funder", "supplier"])
def test_only_administrators_open_the_parameter_page(client, request, persona_name):
    client.force_login(request.getfixturevalue(persona_name))
    url = reverse("reports:parameter_edit", args=[_support().pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _form_data(_support(), value_high="999999")).status_code == 403
    assert _support().value_high == 162_000


def test_the_service_refuses_others_and_checks_the_range_itself(procurement_officer, administrator):
    support = _support()
    with pytest.raises(DomainError):
        parameter_services.save_parameter(support, user=procurement_officer, data={"value_high": Decimal(1)})
    with pytest.raises(ValidationError) as refused:
        parameter_services.save_parameter(support, user=administrator, data={"value_low": Decimal(200_000)})
    assert "value_high" in refused.value.message_dict
    with pytest.raises(ValidationError):
        parameter_services.save_parameter(support, user=administrator, data={"key": "something-else"})
    assert _support().value_low == 162_000 and not AuditEvent.objects.filter(action="reports.parameter_changed")
