"""The buyer's pages: tenders and award, signing, the contract list and page, amending, deciding vite or bonus."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from insteg.accounts.tests.factories import OrganisationFactory
from insteg.contracts.models import Award, Commitment, ComplianceDecision, Contract, Tender
from insteg.contracts.tests.factories import (
    AwardFactory,
    CommitmentFactory,
    ComplianceReportFactory,
    ContractFactory,
    PositionFactory,
    TenderFactory,
)
from insteg.procurement.tests.factories import LotFactory, ProcurementFactory, SocialRequirementFactory

D = datetime.date


@pytest.fixture(autouse=True)
def _in_english(english):
    """The messages below are the English source texts."""


@pytest.fixture
def advertised(municipality, procurement_officer):
    """A published cleaning procurement with one employment requirement, not divided into lots."""
    procurement = ProcurementFactory(
        organisation=municipality, officer=procurement_officer, status="published", reference="KS 2026/0400"
    )
    SocialRequirementFactory(procurement=procurement)
    return procurement


def _signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def officer_client(client, procurement_officer):
    return _signed_in(client, procurement_officer)


def _tenders_url(procurement):
    return reverse("contracts:tenders", kwargs={"pk": procurement.pk})


# --- Tenders --------------------------------------------------------------------------------------------


def test_the_officer_records_tenders_and_sees_the_sme_share(officer_client, advertised, supplier, other_supplier):
    for organisation, price in ((supplier.organisation, "54 800 000"), (other_supplier.organisation, "")):
        response = officer_client.post(
            _tenders_url(advertised), {"organisation": organisation.pk, "price_sek": price}, follow=True
        )
        assert "is recorded" in response.content.decode()

    page = officer_client.get(_tenders_url(advertised)).content.decode()
    assert "Storsjöbygg AB" in page and "Frösö Städ AB" in page
    assert "54\u00a0800\u00a0000\u00a0kr" in page
    assert "1 of 2 tenders came from small or medium-sized enterprises (50 %)" in page
    assert Tender.objects.get(organisation=supplier.organisation).is_sme is True


def test_tenders_are_recorded_per_lot(officer_client, advertised, supplier):
    lot = LotFactory(procurement=advertised, number=2, title="Skolor")

    missing = officer_client.post(_tenders_url(advertised), {"organisation": supplier.organisation.pk})
    officer_client.post(_tenders_url(advertised), {"organisation": supplier.organisation.pk, "lot": lot.pk})

    assert "This field is required" in missing.content.decode()
    assert Tender.objects.get().lot == lot
    assert "Tenders for lot 2. Skolor" in officer_client.get(_tenders_url(advertised)).content.decode()


@pytest.mark.parametrize(
    ("organisation", "price", "message"),
    [
        ("municipality", "1000", "Select a valid choice"),
        ("supplier", "-5", "greater than or equal to 0"),
        ("supplier", "<script>alert(1)</script>", "Enter a whole number"),
    ],
)
def test_bad_tenders_are_refused_with_a_message(
    officer_client, advertised, municipality, supplier, organisation, price, message
):
    chosen = municipality if organisation == "municipality" else supplier.organisation

    response = officer_client.post(_tenders_url(advertised), {"organisation": chosen.pk, "price_sek": price})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    assert not Tender.objects.exists()


def test_a_draft_takes_no_tenders(client, procurement_officer, municipality):
    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    client.force_login(procurement_officer)

    response = client.get(_tenders_url(draft))

    assert "Tenders are recorded once the procurement is advertised." in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("matching_officer", 403), ("supplier", 403), ("funder", 403)])
def test_only_the_buyers_officers_record_tenders(client, advertised, request, persona, status):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(_tenders_url(advertised)).status_code == status


# --- Award ----------------------------------------------------------------------------------------------


def _award_data(tender, **changes):
    data = {
        "lot": "",
        "winner": tender.pk,
        "decided_on": "2026-12-11",
        "notice_sent_on": "2026-12-14",
        "notice_electronic": "on",
    }
    return {**data, **changes}


def test_the_award_shows_the_standstill_over_christmas_and_a_link_to_sign(officer_client, advertised, supplier):
    tender = TenderFactory(procurement=advertised, organisation=supplier.organisation)

    response = officer_client.post(
        reverse("contracts:award", kwargs={"pk": advertised.pk}), _award_data(tender), follow=True
    )

    page = response.content.decode()
    assert "The standstill period ends on 2026-12-28." in page
    assert "2026-12-29" in page  # earliest signing
    decision = Award.objects.get()
    assert reverse("contracts:sign", kwargs={"award_pk": decision.pk}) in page
    advertised.refresh_from_db()
    assert advertised.status == "awarded"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"notice_sent_on": "2026-12-10"}, "The award notice cannot be sent before the decision."),
        ({"decided_on": "2026-02-30"}, "Enter a valid date."),
        ({"winner": "999999"}, "Select a valid choice"),
    ],
)
def test_a_bad_award_is_refused_and_nothing_changes(officer_client, advertised, supplier, changes, message):
    tender = TenderFactory(procurement=advertised, organisation=supplier.organisation)

    response = officer_client.post(
        reverse("contracts:award", kwargs={"pk": advertised.pk}), _award_data(tender, **changes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Award.objects.exists()
    advertised.refresh_from_db()
    assert advertised.status == "published"


def test_the_award_page_takes_only_posts(officer_client, advertised):
    assert officer_client.get(reverse("contracts:award", kwargs={"pk": advertised.pk})).status_code == 405


# --- Signing ----------------------------------------------------------------------------------------------


@pytest.fixture
def christmas_award(advertised, supplier, procurement_officer):
    tender = TenderFactory(procurement=advertised, organisation=supplier.organisation)
    advertised.status = "awarded"
    advertised.save()
    return AwardFactory(
        winner=tender, decided_by=procurement_officer, decided_on=D(2026, 12, 11), notice_sent_on=D(2026, 12, 14)
    )


def _sign_data(**changes):
    data = {
        "value_sek": "55 000 000",
        "signed_on": "2026-12-29",
        "starts_on": "2027-02-01",
        "ends_on": "2031-01-31",
        "options": "1 + 1 år",
        "early_signing_ground": "",
    }
    return {**data, **changes}


def test_the_sign_page_explains_the_standstill_with_its_rules(officer_client, christmas_award):
    page = officer_client.get(reverse("contracts:sign", kwargs={"award_pk": christmas_award.pk})).content.decode()

    assert "2026-12-28" in page and "2026-12-29" in page
    assert "Regulation (EEC, Euratom) No 1182/71" in page
    assert "Legal ground for signing before the standstill ends" in page


def test_signing_early_without_a_ground_is_refused_naming_the_earliest_date(officer_client, christmas_award):
    url = reverse("contracts:sign", kwargs={"award_pk": christmas_award.pk})

    response = officer_client.post(url, _sign_data(signed_on="2026-12-23"))

    assert response.status_code == 200
    assert "can be signed on 2026-12-29 at the earliest" in response.content.decode()
    assert not Contract.objects.exists()


def test_signing_after_the_standstill_opens_the_contract_with_its_commitments(officer_client, christmas_award):
    url = reverse("contracts:sign", kwargs={"award_pk": christmas_award.pk})

    response = officer_client.post(url, _sign_data(), follow=True)

    contract = Contract.objects.get()
    assert response.redirect_chain[-1][0] == reverse("contracts:detail", kwargs={"pk": contract.pk})
    assert contract.value_sek == 55_000_000 and contract.commitments.count() == 1
    assert "The contract is signed" in response.content.decode()
    # A second visit goes to the contract rather than signing twice.
    assert officer_client.get(url).url == reverse("contracts:detail", kwargs={"pk": contract.pk})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": "2027-01-31"}, "The contract must end after it starts."),
        ({"value_sek": "-1"}, "greater than or equal to 1"),
        ({"starts_on": "2027-02-30"}, "Enter a valid date."),
        ({"signed_on": "2026-12-20", "early_signing_ground": "x" * 100_000}, "at most 2000 characters"),
    ],
)
def test_bad_contract_details_are_refused_and_nothing_is_saved(officer_client, christmas_award, changes, message):
    url = reverse("contracts:sign", kwargs={"award_pk": christmas_award.pk})

    response = officer_client.post(url, _sign_data(**changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Contract.objects.exists() and not Commitment.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("supplier", 403), ("matching_officer", 403)])
def test_only_the_buyers_officers_sign(client, christmas_award, request, persona, status):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("contracts:sign", kwargs={"award_pk": christmas_award.pk})).status_code == status


# --- The contract list ------------------------------------------------------------------------------------


@time_machine.travel(D(2026, 7, 15), tick=False)
def test_the_list_shows_each_contract_with_its_status_in_words(client, contract, procurement_officer):
    ComplianceReportFactory(contract=contract, months_completed=1)
    client.force_login(procurement_officer)

    page = client.get(reverse("contracts:list")).content.decode()

    assert "KS 2026/0231" in page and "Storsjöbygg AB" in page
    assert "2026-06-01 – 2030-05-31" in page
    assert "1.0 of 24" in page
    assert "On track" in page


@pytest.mark.parametrize("persona", ["other_supplier", "funder", "employment_officer"])
def test_people_without_contracts_see_a_sentence_not_others_contracts(client, contract, request, persona):
    client.force_login(request.getfixturevalue(persona))

    page = client.get(reverse("contracts:list")).content.decode()

    assert "There are no contracts for you to see." in page
    assert "KS 2026/0231" not in page


def test_a_supplier_sees_only_its_own_contracts(client, contract, supplier, other_supplier, procurement_officer):
    tender = TenderFactory(procurement=contract.procurement, organisation=other_supplier.organisation)
    ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
    client.force_login(supplier)

    page = client.get(reverse("contracts:list")).content.decode()

    assert "Storsjöbygg AB" in page and "Frösö Städ AB" not in page


def _contracts(count, officer, municipality):
    procurement = ProcurementFactory(organisation=municipality, officer=officer, status="awarded")
    for _ in range(count):
        tender = TenderFactory(procurement=procurement, organisation=OrganisationFactory())
        contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=officer))
        CommitmentFactory(contract=contract)
        ComplianceReportFactory(contract=contract)
        PositionFactory(contract=contract)


# Session, user, memberships, count, contracts, commitments, reports, positions and their placements (months
# delivered): the same for 2 and for 10 contracts.
QUERIES_FOR_LIST = 9


@pytest.mark.parametrize("count", [2, 10])
def test_the_list_runs_the_same_queries_for_2_and_10_contracts(
    client, procurement_officer, municipality, django_assert_num_queries, count
):
    _contracts(count, procurement_officer, municipality)
    client.force_login(procurement_officer)

    with django_assert_num_queries(QUERIES_FOR_LIST):
        response = client.get(reverse("contracts:list"))

    assert response.content.decode().count("<tr>") == count + 1


# --- The contract page ------------------------------------------------------------------------------------


def _detail(contract):
    return reverse("contracts:detail", kwargs={"pk": contract.pk})


def test_another_supplier_gets_404_for_the_contract(client, contract, other_supplier):
    client.force_login(other_supplier)

    assert client.get(_detail(contract)).status_code == 404


@time_machine.travel(D(2026, 8, 15), tick=False)
def test_the_supplier_sees_its_contract_positions_and_due_reports_but_no_staff_tools(client, contract, supplier):
    PositionFactory(contract=contract)
    client.force_login(supplier)

    page = client.get(_detail(contract)).content.decode()

    assert "Lokalvårdare, praktik" in page
    assert reverse("contracts:position_create", kwargs={"pk": contract.pk}) in page
    assert reverse("contracts:report_create", kwargs={"pk": contract.pk}) in page
    assert "2026-06-01 – 2026-06-30" in page and "2026-07-01 – 2026-07-31" in page  # due periods
    assert "Amend" not in page and "Record the decision" not in page


@time_machine.travel(D(2026, 8, 15), tick=False)
def test_the_officer_sees_compliance_amend_links_and_the_decision_form(officer_client, contract):
    page = officer_client.get(_detail(contract)).content.decode()

    commitment = contract.commitments.get()
    assert reverse("contracts:amend", kwargs={"pk": contract.pk, "commitment_pk": commitment.pk}) in page
    assert "Record the decision and email the supplier" in page
    assert "Behind" in page  # no months delivered two months in
    assert "due by 2026-12-01" in page


def test_a_matching_officer_reads_the_contract_without_staff_tools(client, contract, matching_officer):
    client.force_login(matching_officer)

    page = client.get(_detail(contract)).content.decode()

    assert "Social commitments" in page and "Amend" not in page


# --- Amending a commitment --------------------------------------------------------------------------------


def _amend_url(contract):
    commitment = contract.commitments.get()
    return reverse("contracts:amend", kwargs={"pk": contract.pk, "commitment_pk": commitment.pk})


def _amend_data(commitment, **changes):
    data = {
        "slots": commitment.slots,
        "months_fulltime": commitment.months_fulltime,
        "position_types": [kind.pk for kind in commitment.position_types.all()],
        "first_start_within_months": commitment.first_start_within_months,
        "early_end_threshold_percent": commitment.early_end_threshold_percent,
        "penalty_per_missing_month_sek": commitment.penalty_per_missing_month_sek,
        "bonus_per_extra_month_sek": commitment.bonus_per_extra_month_sek,
        "reporting_frequency": commitment.reporting_frequency,
        "reason": "",
    }
    return {**data, **changes}


def test_an_amendment_with_a_reason_is_kept_in_the_history(officer_client, contract):
    commitment = contract.commitments.get()

    response = officer_client.post(
        _amend_url(contract), _amend_data(commitment, months_fulltime=30, reason="Option utnyttjad"), follow=True
    )

    commitment.refresh_from_db()
    assert commitment.months_fulltime == 30
    page = response.content.decode()
    assert "Option utnyttjad" in page and "The commitment is changed" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"months_fulltime": 30}, "This field is required."),
        ({"slots": -2, "reason": "Fel"}, "greater than or equal to 0"),
        ({"months_fulltime": 30, "reason": "x" * 100_000}, "at most 100 characters"),
        ({"months_fulltime": 30, "reason": "   "}, "This field is required."),
    ],
)
def test_a_bad_amendment_changes_nothing(officer_client, contract, changes, message):
    commitment = contract.commitments.get()

    response = officer_client.post(_amend_url(contract), _amend_data(commitment, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    commitment.refresh_from_db()
    assert (commitment.slots, commitment.months_fulltime) == (2, 24)
    assert commitment.history.count() == 1


@pytest.mark.parametrize(("persona", "status"), [("supplier", 403), ("other_supplier", 404)])
def test_suppliers_cannot_amend(client, contract, request, persona, status):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(_amend_url(contract)).status_code == status


# --- Deciding vite or bonus -------------------------------------------------------------------------------


@time_machine.travel(D(2030, 6, 15), tick=False)
def test_the_decision_form_is_prefilled_with_the_suggested_vite(client, contract, procurement_officer):
    ComplianceReportFactory(contract=contract, months_completed=20)
    officer_client = _signed_in(client, procurement_officer)  # in 2030, after the travel

    page = officer_client.get(reverse("contracts:decide", kwargs={"pk": contract.pk})).content.decode()

    assert 'value="40000"' in page
    assert '<option value="penalty" selected>' in page


@time_machine.travel(D(2030, 6, 15), tick=False)
def test_deciding_emails_the_supplier_and_says_so(client, contract, supplier, procurement_officer):
    ComplianceReportFactory(contract=contract, months_completed=20)
    officer_client = _signed_in(client, procurement_officer)

    response = officer_client.post(
        reverse("contracts:decide", kwargs={"pk": contract.pk}),
        {"kind": "penalty", "amount_sek": "40 000", "reason": "<script>alert(1)</script> Fyra månader saknas."},
        follow=True,
    )

    page = response.content.decode()
    assert "contacts were emailed" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Fyra månader saknas." in page
    assert [message.to for message in mail.outbox] == [[supplier.email]]
    assert ComplianceDecision.objects.get().amount_sek == 40_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "penalty", "amount_sek": "", "reason": "Saknas"}, "Give the amount of the vite or bonus."),
        ({"kind": "bonus", "amount_sek": "-100", "reason": "Bra"}, "greater than or equal to 0"),
        ({"kind": "penalty", "amount_sek": "100", "reason": "x" * 100_000}, "at most 4000 characters"),
        ({"kind": "fine", "amount_sek": "100", "reason": "Saknas"}, "Select a valid choice"),
    ],
)
def test_a_bad_decision_is_refused_and_nobody_is_emailed(officer_client, contract, data, message):
    response = officer_client.post(reverse("contracts:decide", kwargs={"pk": contract.pk}), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ComplianceDecision.objects.exists() and mail.outbox == []


@pytest.mark.parametrize(("persona", "status"), [("supplier", 403), ("other_supplier", 404), ("matching_officer", 403)])
def test_only_the_buyers_officers_decide(client, contract, request, persona, status):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("contracts:decide", kwargs={"pk": contract.pk})).status_code == status
