"""The contracts API: the same services and access rules as the pages; a supplier never reaches another's contract."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from insteg.accounts.models import Role
from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory
from insteg.contracts.models import (
    Award,
    ComplianceDecision,
    ComplianceReport,
    Contract,
    Position,
    PositionType,
    Tender,
)
from insteg.contracts.tests.factories import (
    AwardFactory,
    CommitmentFactory,
    ComplianceReportFactory,
    ContractFactory,
    PositionFactory,
    TenderFactory,
)
from insteg.procurement.tests.factories import LotFactory, ProcurementFactory, SocialRequirementFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MID_JULY_2026 = datetime.datetime(2026, 7, 15, 10, tzinfo=STOCKHOLM)


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def others_contract(municipality, procurement_officer, other_supplier):
    """The same municipality's contract with the other supplier (maria's company)."""
    procurement = ProcurementFactory(
        organisation=municipality, officer=procurement_officer, status="awarded", reference="KS 2026/0300"
    )
    tender = TenderFactory(procurement=procurement, organisation=other_supplier.organisation)
    contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
    CommitmentFactory(contract=contract)
    return contract


@pytest.fixture
def advertised(municipality, procurement_officer):
    return ProcurementFactory(organisation=municipality, officer=procurement_officer, status="published")


@pytest.fixture
def tender(advertised, supplier):
    return TenderFactory(procurement=advertised, organisation=supplier.organisation)


@pytest.fixture
def christmas_award(tender, procurement_officer):
    """Notice sent electronically on Monday 14 December 2026: day ten is Christmas Eve."""
    SocialRequirementFactory(procurement=tender.procurement)
    return AwardFactory(
        winner=tender,
        decided_by=procurement_officer,
        decided_on=datetime.date(2026, 12, 14),
        notice_sent_on=datetime.date(2026, 12, 14),
    )


POSITION = {
    "position_type": "arbetspraktik",
    "occupation": "9111",
    "title": "Lokalvårdare, praktik",
    "workplace_municipality": "Östersund",
    "workplace_address": "Storgatan 1",
    "hours_per_week": 30,
    "start_from": "2026-08-01",
    "start_until": "2026-09-30",
    "duration_months": 4,
    "swedish_level": "basic",
    "supervisor_name": "Eva Handledare",
    "supervisor_email": "eva@storsjobygg.example",
    "supervisor_trained": True,
}

REPORT = {
    "period_start": "2026-06-01",
    "places_offered": 2,
    "people_started": 1,
    "months_completed": 1.5,
    "ended_early": 0,
    "ended_early_met": 0,
    "confirms_terms": True,
    "confirms_supervision": True,
}

SIGNING = {"value_sek": 55_000_000, "starts_on": "2027-01-01", "ends_on": "2030-12-31", "options": "1 + 1 år"}


# --- Reference tables -----------------------------------------------------------------------------------------


def test_position_types_are_listed_with_their_sources(supplier):
    body = _api(supplier).get("/api/v1/position-types").json()
    assert set(body) == {"count", "next", "previous", "results"}
    types = {item["code"]: item for item in body["results"]}
    assert types["nystartsjobb"]["is_employment"] is True
    assert types["arbetspraktik"]["category"] == "internship"
    assert types["arbetspraktik"]["source"]


def test_reference_tables_need_a_login():
    assert _api().get("/api/v1/position-types").status_code == 401
    assert _api().get("/api/v1/occupations").status_code == 401


@pytest.mark.parametrize(("query", "expected"), [("9111", "9111"), ("911", "9111"), ("städare", "9111")])
def test_occupations_are_found_by_code_or_title_words(supplier, query, expected):
    body = _api(supplier).get("/api/v1/occupations", {"q": query}).json()
    assert expected in [item["code"] for item in body["results"]]
    assert all(item["code"].startswith(query) or query in item["title_sv"].lower() for item in body["results"])


def test_occupations_are_paginated(supplier):
    body = _api(supplier).get("/api/v1/occupations", {"page_size": 10}).json()
    assert body["count"] > 400
    assert len(body["results"]) == 10
    assert body["next"] and body["previous"] is None
    assert set(body["results"][0]) == {"code", "title_sv"}


# --- Tenders and award ----------------------------------------------------------------------------------------


def test_an_officer_records_a_tender_with_the_suppliers_sme_flag(advertised, procurement_officer, supplier):
    client = _api(procurement_officer)
    body = {"organisation": supplier.organisation.pk, "price_sek": 54_000_000}
    response = client.post(f"/api/v1/procurements/{advertised.pk}/tenders", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["is_sme"] is True
    assert response.json()["lot"] is None
    listed = client.get(f"/api/v1/procurements/{advertised.pk}/tenders").json()
    assert [item["organisation_name"] for item in listed["results"]] == ["Storsjöbygg AB"]


def test_a_tender_for_a_lot_names_the_lot_by_number(advertised, procurement_officer, supplier):
    LotFactory(procurement=advertised, number=2)
    body = {"organisation": supplier.organisation.pk, "lot": 2}
    response = _api(procurement_officer).post(f"/api/v1/procurements/{advertised.pk}/tenders", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["lot"] == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [("organisation", "municipality"), ("organisation", 999_999), ("organisation", "x"), ("lot", 7), ("price_sek", -1)],
)
def test_bad_tenders_are_400_and_nothing_is_recorded(advertised, procurement_officer, supplier, field, value):
    if value == "municipality":
        value = advertised.organisation.pk
    body = {"organisation": supplier.organisation.pk, field: value}
    response = _api(procurement_officer).post(f"/api/v1/procurements/{advertised.pk}/tenders", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Tender.objects.exists()


def test_the_same_tender_twice_is_400(tender, procurement_officer, supplier):
    body = {"organisation": supplier.organisation.pk}
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{tender.procurement_id}/tenders", body, format="json"
    )
    assert response.status_code == 400
    assert "organisation" in response.json()["errors"]


def test_tenders_for_a_draft_are_409(municipality, procurement_officer, supplier):
    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    body = {"organisation": supplier.organisation.pk}
    response = _api(procurement_officer).post(f"/api/v1/procurements/{draft.pk}/tenders", body, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("supplier", 403),
        ("matching_officer", 403),
        ("funder", 403),
        ("administrator", 200),
        ("procurement_officer", 200),
    ],
    indirect=["persona"],
)
def test_tenders_and_awards_are_the_buyers(advertised, persona, expected):
    client = _api(persona)
    assert client.get(f"/api/v1/procurements/{advertised.pk}/tenders").status_code == expected
    assert client.get(f"/api/v1/procurements/{advertised.pk}/awards").status_code == expected


def test_a_supplier_does_not_learn_of_a_draft(municipality, procurement_officer, supplier):
    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    assert _api(supplier).get(f"/api/v1/procurements/{draft.pk}/tenders").status_code == 404
    assert _api(supplier).post(f"/api/v1/procurements/{draft.pk}/awards", {}, format="json").status_code == 404


def test_the_award_gives_the_standstill_moved_over_christmas(tender, procurement_officer):
    body = {"tender": tender.pk, "decided_on": "2026-12-14", "notice_sent_on": "2026-12-14"}
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{tender.procurement_id}/awards", body, format="json"
    )
    assert response.status_code == 201, response.json()
    award = response.json()
    # Day ten is Christmas Eve; Christmas, Boxing Day (a Saturday) and Sunday follow.
    assert award["standstill_ends"] == "2026-12-28"
    assert award["earliest_contract_signing"] == "2026-12-29"
    assert award["supplier"]["name"] == "Storsjöbygg AB"
    tender.procurement.refresh_from_db()
    assert tender.procurement.status == "awarded"


def test_a_second_award_for_the_same_lot_is_409(christmas_award, procurement_officer):
    body = {"tender": christmas_award.winner_id, "decided_on": "2026-12-15", "notice_sent_on": "2026-12-15"}
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{christmas_award.procurement_id}/awards", body, format="json"
    )
    assert response.status_code == 409
    assert Award.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"notice_sent_on": "2026-12-10"}, "notice_sent_on"),
        ({"decided_on": "2026-02-30"}, "decided_on"),
        ({"decided_on": "20226-12-14"}, "decided_on"),
        ({"tender": "other"}, "tender"),
        ({"notice_electronic": "perhaps"}, "notice_electronic"),
    ],
)
def test_bad_awards_are_400_and_nothing_is_written(tender, procurement_officer, changes, field):
    if changes.get("tender") == "other":
        changes = {"tender": TenderFactory().pk}
    body = {"tender": tender.pk, "decided_on": "2026-12-14", "notice_sent_on": "2026-12-14", **changes}
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{tender.procurement_id}/awards", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Award.objects.exists()


# --- Signing --------------------------------------------------------------------------------------------------


def test_signing_inside_the_standstill_over_christmas_is_refused(christmas_award, procurement_officer):
    body = {**SIGNING, "signed_on": "2026-12-28"}
    response = _api(procurement_officer).post(f"/api/v1/awards/{christmas_award.pk}/contract", body, format="json")
    assert response.status_code == 400
    message = " ".join(response.json()["errors"]["signed_on"])
    assert "2026-12-29" in message
    assert not Contract.objects.exists()


def test_signing_the_day_after_the_standstill_creates_the_contract_with_commitments(
    christmas_award, procurement_officer
):
    body = {**SIGNING, "signed_on": "2026-12-29"}
    response = _api(procurement_officer).post(f"/api/v1/awards/{christmas_award.pk}/contract", body, format="json")
    assert response.status_code == 201, response.json()
    contract = response.json()
    assert contract["supplier"]["name"] == "Storsjöbygg AB"
    assert contract["early_signing_ground"] == ""
    [commitment] = contract["commitments"]
    assert commitment["months_fulltime"] == 24
    assert "arbetspraktik" in commitment["position_types"]
    assert contract["compliance"]["months_committed"] == 24


def test_early_signing_with_a_legal_ground_is_recorded(christmas_award, procurement_officer):
    ground = "Synnerlig brådska, 20 kap. 3 § LOU."
    body = {**SIGNING, "signed_on": "2026-12-21", "early_signing_ground": ground}
    response = _api(procurement_officer).post(f"/api/v1/awards/{christmas_award.pk}/contract", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["early_signing_ground"] == ground


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": "2026-12-31"}, "ends_on"),
        ({"value_sek": -5}, "value_sek"),
        ({"value_sek": "much"}, "value_sek"),
        ({"starts_on": "2027-02-30"}, "starts_on"),
        ({"signed_on": None}, "signed_on"),
    ],
)
def test_bad_signing_is_400_and_nothing_is_written(christmas_award, procurement_officer, changes, field):
    body = {**SIGNING, "signed_on": "2026-12-29", "starts_on": "2027-01-01", **changes}
    response = _api(procurement_officer).post(f"/api/v1/awards/{christmas_award.pk}/contract", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Contract.objects.exists()


def test_an_award_is_signed_once(contract, procurement_officer):
    body = {**SIGNING, "signed_on": "2026-05-20"}
    response = _api(procurement_officer).post(f"/api/v1/awards/{contract.award_id}/contract", body, format="json")
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("supplier", 403), ("matching_officer", 403), ("other_supplier", 403), ("anonymous", 401)],
    indirect=["persona"],
)
def test_only_the_buyer_signs(christmas_award, persona, expected):
    body = {**SIGNING, "signed_on": "2026-12-29"}
    response = _api(persona).post(f"/api/v1/awards/{christmas_award.pk}/contract", body, format="json")
    assert response.status_code == expected
    assert not Contract.objects.exists()


def test_malformed_json_is_400_not_500(christmas_award, procurement_officer):
    response = _api(procurement_officer).post(
        f"/api/v1/awards/{christmas_award.pk}/contract", data='{"value_sek": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]


# --- Contracts ------------------------------------------------------------------------------------------------


@time_machine.travel(MID_JULY_2026, tick=False)
def test_the_contract_shows_commitments_and_compliance(contract, supplier):
    ComplianceReportFactory(contract=contract, months_completed=1, submitted_by=supplier)
    body = _api(supplier).get(f"/api/v1/contracts/{contract.pk}").json()
    assert body["procurement"] == {"id": contract.procurement_id, "reference": "KS 2026/0231", "title": body[
        "procurement"]["title"]}  # fmt: skip
    assert body["supplier"] == {"id": supplier.organisation.pk, "name": "Storsjöbygg AB"}
    assert body["commitments"][0]["penalty_per_missing_month_sek"] == 10_000
    compliance = body["compliance"]
    assert compliance["months_committed"] == 24
    assert compliance["months_delivered"] == 1
    assert compliance["first_start_due"] == "2026-12-01"
    assert compliance["first_start_ok"] is True
    assert compliance["status"] in {"on_track", "at_risk"}


def test_each_supplier_sees_only_its_own_contracts(contract, others_contract, supplier, other_supplier):
    mine = _api(supplier).get("/api/v1/contracts").json()
    theirs = _api(other_supplier).get("/api/v1/contracts").json()
    assert [item["id"] for item in mine["results"]] == [contract.pk]
    assert [item["id"] for item in theirs["results"]] == [others_contract.pk]
    assert _api(other_supplier).get(f"/api/v1/contracts/{contract.pk}").status_code == 404
    assert _api(supplier).get(f"/api/v1/contracts/{others_contract.pk}").status_code == 404


@pytest.mark.parametrize(
    ("persona", "count"),
    [
        ("procurement_officer", 2),
        ("matching_officer", 2),
        ("administrator", 2),
        ("funder", 0),
        ("employment_officer", 0),
    ],
    indirect=["persona"],
)
def test_the_buyers_staff_see_the_municipalitys_contracts(contract, others_contract, persona, count):
    assert _api(persona).get("/api/v1/contracts").json()["count"] == count


def test_the_contract_list_needs_a_login(contract):
    assert _api().get("/api/v1/contracts").status_code == 401


def _list_queries(user) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = _api(user).get("/api/v1/contracts")
    assert response.status_code == 200
    return len(queries)


def test_the_contract_list_runs_a_constant_number_of_queries(contract, procurement_officer, supplier):
    ComplianceReportFactory(contract=contract, submitted_by=supplier)
    PositionFactory(contract=contract)  # a prefetch with no rows skips its next level: start with one of each
    _list_queries(procurement_officer)  # the throttle's first write and the person's roles, once
    few = _list_queries(procurement_officer)
    for _number in range(3):
        more = ContractFactory(
            award=AwardFactory(winner=TenderFactory(procurement=contract.procurement), decided_by=procurement_officer)
        )
        CommitmentFactory(contract=more).position_types.set(contract.commitments.get().position_types.all())
        ComplianceReportFactory(contract=more, submitted_by=supplier)
        PositionFactory(contract=more)
    assert _list_queries(procurement_officer) == few


def test_contract_lists_are_paginated(contract, procurement_officer):
    body = _api(procurement_officer).get("/api/v1/contracts", {"page_size": 1}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1


# --- Positions ------------------------------------------------------------------------------------------------


def test_a_supplier_offers_and_changes_a_position(contract, supplier):
    client = _api(supplier)
    response = client.post(f"/api/v1/contracts/{contract.pk}/positions", POSITION, format="json")
    assert response.status_code == 201, response.json()
    position = response.json()
    assert position["occupation"] == "9111"
    assert position["position_type"] == "arbetspraktik"
    assert position["status"] == "open"
    url = f"/api/v1/contracts/{contract.pk}/positions/{position['id']}"
    changed = client.patch(url, {"hours_per_week": 20, "status": "filled"}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["hours_per_week"] == 20
    assert client.get(url).json()["status"] == "filled"
    listed = client.get(f"/api/v1/contracts/{contract.pk}/positions").json()
    assert [item["id"] for item in listed["results"]] == [position["id"]]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occupation": "9999"}, "occupation"),
        ({"position_type": "slavery"}, "position_type"),
        ({"start_until": "2026-07-01"}, "start_until"),
        ({"hours_per_week": -3}, "hours_per_week"),
        ({"hours_per_week": "thirty"}, "hours_per_week"),
        ({"duration_months": 0}, "duration_months"),
        ({"start_from": "2026-13-01"}, "start_from"),
        ({"supervisor_email": "not an address"}, "supervisor_email"),
        ({"status": "lost"}, "status"),
    ],
)
def test_bad_positions_are_400_and_nothing_is_saved(contract, supplier, changes, field):
    response = _api(supplier).post(f"/api/v1/contracts/{contract.pk}/positions", {**POSITION, **changes}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Position.objects.exists()


def test_an_unknown_ssyk_code_is_named(contract, supplier):
    body = {**POSITION, "occupation": "9999"}
    response = _api(supplier).post(f"/api/v1/contracts/{contract.pk}/positions", body, format="json")
    assert "9999" in response.json()["errors"]["occupation"][0]


def test_a_position_type_the_commitments_do_not_allow_is_400(contract, supplier):
    contract.commitments.get().position_types.set(PositionType.objects.filter(code="nystartsjobb"))
    response = _api(supplier).post(f"/api/v1/contracts/{contract.pk}/positions", POSITION, format="json")
    assert response.status_code == 400
    assert "position_type" in response.json()["errors"]


def test_another_supplier_cannot_see_or_change_positions(contract, others_contract, supplier, other_supplier):
    position = PositionFactory(contract=contract)
    client = _api(other_supplier)
    assert client.get(f"/api/v1/contracts/{contract.pk}/positions").status_code == 404
    assert client.post(f"/api/v1/contracts/{contract.pk}/positions", POSITION, format="json").status_code == 404
    url = f"/api/v1/contracts/{contract.pk}/positions/{position.pk}"
    assert client.get(url).status_code == 404
    assert client.patch(url, {"title": "Mine now"}, format="json").status_code == 404
    # Nor through its own contract's address.
    own_url = f"/api/v1/contracts/{others_contract.pk}/positions/{position.pk}"
    assert client.get(own_url).status_code == 404
    assert client.patch(own_url, {"title": "Mine now"}, format="json").status_code == 404
    position.refresh_from_db()
    assert position.title == "Lokalvårdare, praktik"


def test_matching_officers_read_positions_but_do_not_offer_them(contract, matching_officer):
    PositionFactory(contract=contract)
    client = _api(matching_officer)
    assert client.get(f"/api/v1/contracts/{contract.pk}/positions").json()["count"] == 1
    assert client.post(f"/api/v1/contracts/{contract.pk}/positions", POSITION, format="json").status_code == 403


# --- Reports --------------------------------------------------------------------------------------------------


@time_machine.travel(MID_JULY_2026, tick=False)
def test_a_supplier_reports_a_started_period(contract, supplier, procurement_officer):
    response = _api(supplier).post(f"/api/v1/contracts/{contract.pk}/reports", REPORT, format="json")
    assert response.status_code == 201, response.json()
    report = response.json()
    assert report["period_end"] == "2026-06-30"
    assert report["months_completed"] == 1.5
    listed = _api(procurement_officer).get(f"/api/v1/contracts/{contract.pk}/reports").json()
    assert [item["period_start"] for item in listed["results"]] == ["2026-06-01"]
    compliance = _api(procurement_officer).get(f"/api/v1/contracts/{contract.pk}").json()["compliance"]
    assert compliance["months_delivered"] == 1.5


@time_machine.travel(MID_JULY_2026, tick=False)
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"period_start": "2026-09-01"}, "period_start"),
        ({"period_start": "2026-06-02"}, "period_start"),
        ({"confirms_supervision": False}, "confirms_terms"),
        ({"months_completed": -1}, "months_completed"),
        ({"months_completed": 1.25}, "months_completed"),
        ({"places_offered": "two"}, "places_offered"),
        ({"people_started": 3}, "people_started"),
        ({"period_start": "2026-06-31"}, "period_start"),
    ],
)
def test_bad_reports_are_400_and_nothing_is_saved(contract, supplier, changes, field):
    response = _api(supplier).post(f"/api/v1/contracts/{contract.pk}/reports", {**REPORT, **changes}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not ComplianceReport.objects.exists()


@time_machine.travel(MID_JULY_2026, tick=False)
def test_early_ends_may_be_left_out_of_a_report(contract, supplier):
    body = {name: value for name, value in REPORT.items() if not name.startswith("ended_early")}
    response = _api(supplier).post(f"/api/v1/contracts/{contract.pk}/reports", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["ended_early"] == 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/procurements/{procurement}/tenders",
        "/api/v1/procurements/{procurement}/awards",
        "/api/v1/awards/{award}/contract",
        "/api/v1/contracts/{contract}/positions",
        "/api/v1/contracts/{contract}/decisions",
    ],
)
@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "null", "{", '{"a": NaN}'])
def test_bodies_that_are_not_objects_are_400(contract, procurement_officer, path, body):
    url = path.format(procurement=contract.procurement_id, award=contract.award_id, contract=contract.pk)
    response = _api(procurement_officer).post(url, data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"]


@time_machine.travel(MID_JULY_2026, tick=False)
def test_only_the_suppliers_contacts_report(contract, others_contract, procurement_officer, other_supplier):
    url = f"/api/v1/contracts/{contract.pk}/reports"
    assert _api(procurement_officer).post(url, REPORT, format="json").status_code == 403
    assert _api(other_supplier).post(url, REPORT, format="json").status_code == 404
    assert _api(other_supplier).get(url).status_code == 404
    assert not ComplianceReport.objects.exists()


# --- Decisions ------------------------------------------------------------------------------------------------


def test_the_officer_decides_and_the_supplier_is_told(contract, procurement_officer, supplier, mailoutbox):
    body = {"kind": "penalty", "amount_sek": 20_000, "reason": "Två månader saknas."}
    response = _api(procurement_officer).post(f"/api/v1/contracts/{contract.pk}/decisions", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["supplier_notified_at"]
    assert [message.to for message in mailoutbox] == [[supplier.email]]
    listed = _api(supplier).get(f"/api/v1/contracts/{contract.pk}/decisions").json()
    assert [item["amount_sek"] for item in listed["results"]] == [20_000]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "fine", "amount_sek": 1, "reason": "x"}, "kind"),
        ({"kind": "bonus", "amount_sek": -1, "reason": "x"}, "amount_sek"),
        ({"kind": "bonus", "amount_sek": 1, "reason": "   "}, "reason"),
        ({"kind": "bonus", "amount_sek": 1}, "reason"),
    ],
)
def test_bad_decisions_are_400(contract, procurement_officer, body, field):
    response = _api(procurement_officer).post(f"/api/v1/contracts/{contract.pk}/decisions", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not ComplianceDecision.objects.exists()


def test_decisions_are_the_buyers_and_the_own_suppliers(contract, supplier, other_supplier, matching_officer):
    url = f"/api/v1/contracts/{contract.pk}/decisions"
    body = {"kind": "bonus", "amount_sek": 5_000, "reason": "Fler månader än utlovat."}
    assert _api(supplier).post(url, body, format="json").status_code == 403
    assert _api(matching_officer).get(url).status_code == 403
    assert _api(matching_officer).post(url, body, format="json").status_code == 403
    assert _api(other_supplier).get(url).status_code == 404
    assert _api(other_supplier).post(url, body, format="json").status_code == 404
    assert not ComplianceDecision.objects.exists()


def test_a_supplier_of_another_municipality_has_nothing_to_see(contract):
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.SUPPLIER_CONTACT).user
    assert _api(stranger).get("/api/v1/contracts").json()["count"] == 0


# --- Who gets what (mirrors the entries proposed for insteg/tests/test_access_matrix.py) ----------------------

PERSONA_NAMES = [
    "anonymous",
    "procurement_officer",
    "matching_officer",
    "administrator",
    "supplier",
    "other_supplier",
    "employment_officer",
    "funder",
]
SIGNED_IN = {**dict.fromkeys(PERSONA_NAMES, 200), "anonymous": 401}
STAFF = {**dict.fromkeys(PERSONA_NAMES, 403), "anonymous": 401, "procurement_officer": 200, "administrator": 200}
STAFF_POST = {**STAFF, "procurement_officer": 415, "administrator": 415}  # an empty form body: JSON only
CONTRACT = {**dict.fromkeys(PERSONA_NAMES, 404), "anonymous": 401}
CONTRACT |= {"procurement_officer": 200, "administrator": 200, "matching_officer": 200, "supplier": 200}


def _matrix_contract(users):
    officer = users["procurement_officer"]
    procurement = ProcurementFactory(organisation=officer.organisation, officer=officer, status="awarded")
    tender = TenderFactory(procurement=procurement, organisation=users["supplier"].organisation)
    contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=officer))
    CommitmentFactory(contract=contract)
    return {"pk": contract.pk}


def _matrix_position(users):
    kwargs = _matrix_contract(users)
    return {**kwargs, "position_pk": PositionFactory(contract_id=kwargs["pk"]).pk}


def _matrix_award(users):
    officer = users["procurement_officer"]
    procurement = ProcurementFactory(organisation=officer.organisation, officer=officer, status="awarded")
    tender = TenderFactory(procurement=procurement, organisation=users["supplier"].organisation)
    return {"award_pk": AwardFactory(winner=tender, decided_by=officer).pk}


def _matrix_advertised(users):
    officer = users["procurement_officer"]
    return {"pk": ProcurementFactory(organisation=officer.organisation, officer=officer, status="published").pk}


MATRIX = {
    "api:position_types": ("get", None, SIGNED_IN),
    "api:occupations": ("get", None, SIGNED_IN),
    "api:tenders": ("get", _matrix_advertised, STAFF),
    "api:awards": ("get", _matrix_advertised, STAFF),
    "api:award_contract": ("post", _matrix_award, STAFF_POST),
    "api:contracts": ("get", None, SIGNED_IN),
    "api:contract": ("get", _matrix_contract, CONTRACT),
    "api:contract_positions": ("get", _matrix_contract, CONTRACT),
    "api:contract_position": ("get", _matrix_position, CONTRACT),
    "api:contract_reports": ("get", _matrix_contract, CONTRACT),
    "api:contract_decisions": ("get", _matrix_contract, {**CONTRACT, "matching_officer": 403}),
}


@pytest.fixture
def users(procurement_officer, matching_officer, administrator, supplier, other_supplier, employment_officer, funder):
    return {
        "procurement_officer": procurement_officer,
        "matching_officer": matching_officer,
        "administrator": administrator,
        "supplier": supplier,
        "other_supplier": other_supplier,
        "employment_officer": employment_officer,
        "funder": funder,
    }


@pytest.mark.parametrize("persona_name", PERSONA_NAMES)
@pytest.mark.parametrize("route", sorted(MATRIX))
def test_access(client, users, route, persona_name):
    method, make_kwargs, expected = MATRIX[route]
    url = reverse(route, kwargs=make_kwargs(users) if make_kwargs else None)
    if persona_name != "anonymous":
        client.force_login(users[persona_name])
    response = getattr(client, method)(url)
    assert response.status_code == expected[persona_name], f"{persona_name} {method.upper()} {url}"
