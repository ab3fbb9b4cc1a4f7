"""The reports API: who may read it, its figures against hand-computed numbers (placements made through the
follow-up services), small counts hidden as null for the funder, bad input as 400 and constant queries."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insteg.contracts.tests.factories import CommitmentFactory, ContractFactory, PositionFactory
from insteg.followup import services as followup
from insteg.matching.tests.conftest import host_contract  # noqa: F401 -- shared fixture
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory
from insteg.procurement.tests.factories import ProcurementFactory
from insteg.reports.models import ImpactParameter
from insteg.tests.personas import PERSONAS

# Every test runs on this day, so "this year so far" and the months delivered by running placements are fixed.
TODAY = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
YEAR = {"start": "2026-01-01", "end": "2026-12-31"}

READERS = {**dict.fromkeys(PERSONAS, 403), "anonymous": 401} | dict.fromkeys(
    ["procurement_officer", "matching_officer", "administrator", "funder"], 200
)
STAFF = ["procurement_officer", "matching_officer", "administrator"]

# age band, gender, starts, planned end, ended, why, outcome at the end, its evidence, after 90 days, its evidence
D = datetime.date
PEOPLE = [
    ("25–29", "woman", D(2026, 6, 1), D(2026, 8, 31), D(2026, 8, 31), "completed", "job_at_host", "employer_confirmed")
    + ("job_at_host", "register_verified"),
    ("25–29", "woman", D(2026, 6, 1), D(2026, 8, 31), D(2026, 8, 31), "completed", "other_job", "self_reported")
    + ("other_job", "self_reported"),
    ("30–39", "man", D(2026, 7, 1), D(2026, 8, 31), D(2026, 8, 31), "completed", "employment_service", "self_reported")
    + ("employment_service", "self_reported"),
    ("30–39", "man", D(2026, 6, 15), D(2026, 9, 14), D(2026, 7, 14), "participant", "studies", "self_reported")
    + ("", ""),
    ("50–59", "woman", D(2026, 11, 1), D(2027, 1, 31), None, "", "", "") + ("", ""),  # still running
]
# Full time, so months delivered are calendar months: 3 + 3 + 2 + 1 (ended early, a third done) + 1 (running).
MONTHS_DELIVERED = 10


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def placements(host_contract, municipality, matching_officer):  # noqa: F811
    """Five people placed in 2026 at the persona supplier's company, followed up through the services."""
    position = PositionFactory(contract=host_contract, hours_per_week=40, supervisor_trained=True)
    return [_placed(position, municipality, matching_officer, *person) for person in PEOPLE]


def _placed(position, municipality, officer, band, gender, starts, planned_end, ended, *outcomes):
    reason, outcome, evidence, outcome_90, evidence_90 = outcomes
    placement = PlacementFactory(
        participant=ParticipantFactory(municipality=municipality, age_band=band, gender=gender),
        position=position,
        starts_on=starts,
        planned_end_on=planned_end,
    )
    followup.start(placement, user=officer)
    if ended:
        followup.end(placement, user=officer, ended_on=ended, reason=reason, outcome=outcome, evidence=evidence)
    if outcome_90:
        followup.record_outcome_90(placement, user=officer, outcome=outcome_90, evidence=evidence_90)
    return placement


def _get(client, user, name, **params):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(f"api:{name}"), params, HTTP_ACCEPT_LANGUAGE="en")


def _tables(response) -> dict:
    return {table["key"]: table for table in response.json()["tables"]}


def _rows(table) -> dict:
    return {row["label"]: row["values"] for row in table["rows"]}


# --- Who may read ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["reports_evaluation", "reports_dashboard", "reports_impact"])
@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_the_municipalitys_staff_and_the_funder_read_reports_and_nobody_else(client, persona, name, request):
    response = _get(client, persona, name)
    assert response.status_code == READERS[request.node.callspec.params["persona"]]
    assert response.headers["Content-Type"] == "application/json"


# --- The evaluation --------------------------------------------------------------------------------------------------


def test_the_staff_see_exact_figures(client, procurement_officer, placements, host_contract):  # noqa: F811
    response = _get(client, procurement_officer, "reports_evaluation", **YEAR)
    assert response.status_code == 200
    data = response.json()
    assert data["suppressed_below"] is None
    assert (data["start"], data["end"]) == ("2026-01-01", "2026-12-31")
    assert [p["id"] for p in data["procurements"]] == [host_contract.procurement_id]
    tables = _tables(response)
    assert list(tables) == [
        "requirements",
        "commitments",
        "people",
        "completion",
        "outcomes",
        "evidence",
        "supervisors",
        "smes",
        "questions",
    ]
    people = tables["people"]
    assert people["columns"] == ["Woman", "Man", "Other description", "Not stated", "Total"]
    assert _rows(people) == {"25–29": [2, 0, 0, 0, 2], "30–39": [0, 2, 0, 0, 2], "50–59": [1, 0, 0, 0, 1]}
    assert people["total"] == {"label": "Total", "values": [3, 2, 0, 0, 5]}
    assert people["about_people"] is True
    # completed, by the participant, by the employer, health, other, still running
    assert [values[0] for values in _rows(tables["completion"]).values()] == [3, 1, 0, 0, 0, 1]
    outcomes = list(_rows(tables["outcomes"]).values())
    assert outcomes == [[1, 1], [1, 1], [0, 0], [1, 0], [1, 1], [0, 0], [0, 0]]
    assert tables["outcomes"]["total"]["values"] == [4, 3]
    [contract] = tables["commitments"]["rows"]
    assert contract["values"] == [2, 24, MONTHS_DELIVERED, "placements"]
    assert isinstance(contract["values"][2], float)  # a decimal is a JSON number, not a string


def test_the_funder_sees_small_counts_as_null_never_the_number(client, funder, placements):
    response = _get(client, funder, "reports_evaluation", **YEAR)
    assert response.status_code == 200
    assert response.json()["suppressed_below"] == 5
    tables = _tables(response)
    people = tables["people"]
    assert _rows(people) == {
        "25–29": [None, 0, 0, 0, None],
        "30–39": [0, None, 0, 0, None],
        "50–59": [None, 0, 0, 0, None],
    }
    assert people["total"]["values"] == [None, None, 0, 0, 5]  # five people: large enough to show
    for table in tables.values():
        if table["about_people"]:
            cells = [v for row in [*table["rows"], table["total"]] if row for v in row["values"]]
            assert not [v for v in cells if isinstance(v, int) and 0 < v < 5], table["key"]
    # Not about people: months and contracts are shown as they are.
    assert tables["commitments"]["rows"][0]["values"][:3] == [2, 24, MONTHS_DELIVERED]


def test_a_chosen_procurement_and_period(client, administrator, placements, host_contract, municipality):  # noqa: F811
    other = ProcurementFactory(organisation=municipality, status="published")
    response = _get(
        client, administrator, "reports_evaluation", procurements=f"{other.pk}", start="2026-06-01", end="2026-06-30"
    )
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["procurements"]] == [other.pk]
    assert _tables(response)["people"]["total"]["values"][-1] == 0
    response = _get(client, administrator, "reports_evaluation", procurements=f"{host_contract.procurement_id}")
    assert response.json()["start"] == "2026-01-01" and response.json()["end"] == "2026-11-30"  # this year so far
    assert _tables(response)["people"]["total"]["values"][-1] == 5


def test_an_end_alone_chooses_that_year(client, funder):
    data = _get(client, funder, "reports_evaluation", end="2025-12-31").json()
    assert (data["start"], data["end"]) == ("2025-01-01", "2025-12-31")
    data = _get(client, funder, "reports_impact", end="2025-12-31").json()
    assert (data["start"], data["end"]) == ("2024-01-01", "2025-12-31")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-13-01"}, "start"),
        ({"start": "yesterday"}, "start"),
        ({"start": "20226-01-01"}, "start"),
        ({"start": "1999-12-31"}, "start"),
        ({"start": "2026-06-01", "end": "2026-05-31"}, "end"),
        ({"start": "2010-01-01", "end": "2026-01-01"}, "end"),  # longer than ten years
        ({"procurements": "one,two"}, "procurements"),
        ({"procurements": "12;15"}, "procurements"),
        ({"procurements": "-1"}, "procurements"),
        ({"procurements": "9" * 40}, "procurements"),
        ({"procurements": "999999"}, "procurements"),  # unknown
        ({"procurements": ",".join(str(n) for n in range(1, 600))}, "procurements"),
    ],
)
def test_bad_selections_are_400_with_the_field_named(client, procurement_officer, params, field):
    response = _get(client, procurement_officer, "reports_evaluation", **params)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert response.json()["detail"]


def test_a_procurement_one_may_not_report_on_is_400(client, procurement_officer, municipality):
    draft = ProcurementFactory(organisation=municipality)
    elsewhere = ProcurementFactory(status="published")  # another municipality's
    for procurement in (draft, elsewhere):
        response = _get(client, procurement_officer, "reports_evaluation", procurements=str(procurement.pk))
        assert response.status_code == 400
        assert str(procurement.pk) in response.json()["errors"]["procurements"][0]


def _queries(client, user, name, **params) -> int:
    client.force_login(user)
    url = reverse(f"api:{name}")
    client.get(url, params)  # the session and the translations are warm from here on
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["funder", "administrator"], indirect=True)
@pytest.mark.parametrize("name", ["reports_evaluation", "reports_dashboard", "reports_impact"])
def test_the_queries_are_the_same_whatever_the_data(client, persona, placements, municipality, matching_officer, name):
    params = {} if name == "reports_dashboard" else YEAR
    before = _queries(client, persona, name, **params)
    assert before <= 35  # about 20 for the evaluation, the rest the session, the user and the rate limits
    for _number in range(3):
        contract = ContractFactory(award__winner__procurement__organisation=municipality)
        contract.procurement.status = "awarded"
        contract.procurement.save()
        CommitmentFactory(contract=contract)
        position = PositionFactory(contract=contract, hours_per_week=40)
        for person in PEOPLE[:3]:
            _placed(position, municipality, matching_officer, *person)
    assert _queries(client, persona, name, **params) == before


# --- The dashboard ---------------------------------------------------------------------------------------------------


def test_the_dashboard_gives_the_staff_counts_and_this_years_aggregates(client, matching_officer, placements):
    response = _get(client, matching_officer, "reports_dashboard")
    assert response.status_code == 200
    data = response.json()
    assert (data["start"], data["end"], data["suppressed_below"]) == ("2026-01-01", "2026-11-30", None)
    due = followup.due_check_ins(municipalities={matching_officer.organisation.pk}).count()
    assert data["staff"] == {
        "procurements": 1,
        "procurements_with_social_requirements": 1,
        "contracts": 1,
        "months_committed": 24,
        "months_delivered": MONTHS_DELIVERED,
        "active_placements": 1,
        "follow_ups_due": due,
    }
    assert due > 0  # the ended placements' check-ins before their end were never recorded
    assert data["year"] == {
        "people_placed": 5,
        "months_delivered": MONTHS_DELIVERED,
        "completion_rate_percent": 75,  # 3 completed of 4 ended
        "in_work_90_days": 2,
        "followed_up_90_days": 3,
        "in_work_90_days_percent": 67,
        "supervisors_trained": 0,
    }


def test_the_funder_gets_the_aggregates_only_with_small_counts_null(client, funder, placements):
    data = _get(client, funder, "reports_dashboard").json()
    assert data["suppressed_below"] == 5
    assert data["staff"] is None
    assert data["year"] == {
        "people_placed": 5,
        "months_delivered": MONTHS_DELIVERED,
        "completion_rate_percent": None,  # 4 ended: too few to show a rate
        "in_work_90_days": None,
        "followed_up_90_days": None,
        "in_work_90_days_percent": None,
        "supervisors_trained": 0,
    }


# --- The impact estimate ---------------------------------------------------------------------------------------------

SCENARIO = {**YEAR, "deadweight": 20, "attribution": 50, "lifetime_share": 10}


def test_the_impact_is_a_range_with_its_parameters_and_method(client, procurement_officer, placements):
    response = _get(client, procurement_officer, "reports_impact", **SCENARIO)
    assert response.status_code == 200
    data = response.json()
    assert (data["deadweight"], data["attribution"], data["lifetime_share"]) == (20, 50, 10)
    assert data["months_delivered"] == MONTHS_DELIVERED
    assert data["people_in_work_90_days"] == 2
    # 10 months / 12 × SEK 162 000 × (1 − 20 %) × 50 %
    in_placement = data["in_placement"]
    assert (in_placement["low"], in_placement["high"], in_placement["currency"]) == (54_000, 54_000, "SEK")
    [support] = in_placement["parameters"]
    assert support["key"] == "public-support-per-year"
    assert support["value_low"] == 162_000 and support["price_year"] == 2022
    assert support["unit"] == "sek_per_person_year" and support["certainty"] == "secondary"
    assert support["source_title"].startswith("Finsam Uppsala")
    # 2 people in work × SEK 10–15 million × 10 % × (1 − 20 %) × 50 %
    long_term = data["long_term"]
    assert (long_term["low"], long_term["high"]) == (800_000, 1_200_000)
    assert long_term["parameters"][0]["key"] == "lifetime-exclusion-cost"
    assert "not measured effects" in data["method"]
    assert "2 people in work" in data["method"]


def test_the_funder_gets_no_long_term_scenario_from_a_hidden_count(client, funder, placements):
    data = _get(client, funder, "reports_impact", **SCENARIO).json()
    assert data["people_in_work_90_days"] is None
    assert data["long_term"] is None
    assert data["in_placement"]["low"] == 54_000  # months are not about people
    assert "too small to show" in data["method"]
    assert "2 people" not in data["method"]


def test_the_defaults_leave_the_long_term_scenario_out(client, procurement_officer, placements):
    data = _get(client, procurement_officer, "reports_impact").json()
    assert (data["start"], data["end"]) == ("2025-01-01", "2026-11-30")  # from 1 January last year
    assert (data["deadweight"], data["attribution"], data["lifetime_share"]) == (0, 100, 0)
    assert data["in_placement"]["low"] == 135_000  # 10 months of SEK 162 000 a year
    assert data["long_term"] is None


def test_a_parameter_taken_out_of_use_leaves_its_estimate_out(client, procurement_officer, placements):
    ImpactParameter.objects.filter(key="public-support-per-year").update(active=False)
    data = _get(client, procurement_officer, "reports_impact", **SCENARIO).json()
    assert data["in_placement"] is None
    assert data["long_term"]["low"] == 800_000


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"deadweight": "95"}, "deadweight"),
        ({"deadweight": "-1"}, "deadweight"),
        ({"attribution": "5"}, "attribution"),
        ({"attribution": "101"}, "attribution"),
        ({"lifetime_share": "21"}, "lifetime_share"),
        ({"lifetime_share": "a lot"}, "lifetime_share"),
        ({"start": "2026-02-30"}, "start"),
        ({"procurements": "x"}, "procurements"),
    ],
)
def test_bad_scenarios_are_400_with_the_field_named(client, funder, params, field):
    response = _get(client, funder, "reports_impact", **params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_decimal_places_of_months_survive(client, procurement_officer, host_contract):  # noqa: F811
    """30 hours a week for a month is 0.75 of a full-time month, rounded to a tenth: 0.8, a number."""
    position = PositionFactory(contract=host_contract, hours_per_week=30)
    officer = _officer_of(host_contract)
    person = ("25–29", "man", D(2026, 6, 1), D(2026, 6, 30), D(2026, 6, 30), "completed", "other_job", "self_reported")
    _placed(position, host_contract.procurement.organisation, officer, *person, "", "")
    data = _get(client, procurement_officer, "reports_dashboard").json()
    assert data["year"]["months_delivered"] == data["staff"]["months_delivered"] == 0.8


def _officer_of(contract):
    from insteg.accounts.models import Role
    from insteg.accounts.tests.factories import MembershipFactory

    return MembershipFactory(organisation=contract.procurement.organisation, role=Role.MATCHING_OFFICER).user
