"""The services behind the buyer's pages, with real dates: standstill, signing, first start, early ends, status."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from insteg.accounts.models import Role
from insteg.accounts.tests.factories import MembershipFactory
from insteg.contracts import services
from insteg.contracts.models import Contract
from insteg.contracts.tests.factories import AwardFactory, ComplianceReportFactory, TenderFactory
from insteg.procurement.tests.factories import ProcurementFactory, SocialRequirementFactory

Status = services.Compliance.Status
D = datetime.date


def _award(officer, supplier, *, notice_sent_on, electronic=True):
    procurement = ProcurementFactory(organisation=officer.organisation, officer=officer, status="awarded")
    SocialRequirementFactory(procurement=procurement, first_start_within_months=6)
    tender = TenderFactory(procurement=procurement, organisation=supplier.organisation)
    return AwardFactory(
        winner=tender,
        decided_by=officer,
        decided_on=notice_sent_on,
        notice_sent_on=notice_sent_on,
        notice_electronic=electronic,
    )


def _sign(decision, officer, signed_on, ground=""):
    return services.sign_contract(
        decision,
        user=officer,
        value_sek=12_000_000,
        signed_on=signed_on,
        starts_on=D(2027, 2, 1),
        ends_on=D(2029, 1, 31),
        early_signing_ground=ground,
    )


# --- Standstill and signing across holidays ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "electronic", "ends", "earliest"),
    [
        # 10 days end on Julafton (Thu); Juldagen, Annandag jul (Sat) and Sunday follow: Monday 28 December.
        (D(2026, 12, 14), True, D(2026, 12, 28), D(2026, 12, 29)),
        # 15 days by post end on Tuesday 29 December, a working day: no move.
        (D(2026, 12, 14), False, D(2026, 12, 29), D(2026, 12, 30)),
        # 10 days end on Långfredag 2027; Easter Saturday, Sunday and Annandag påsk follow.
        (D(2027, 3, 16), True, D(2027, 3, 30), D(2027, 3, 31)),
        # 10 days end on Nyårsafton 2026 (Thursday), then Nyårsdagen: Saturday, Sunday, Monday 4 January.
        (D(2026, 12, 21), True, D(2027, 1, 4), D(2027, 1, 5)),
    ],
)
def test_the_standstill_runs_over_holidays_to_the_next_working_day(
    procurement_officer, supplier, sent, electronic, ends, earliest
):
    decision = _award(procurement_officer, supplier, notice_sent_on=sent, electronic=electronic)

    dates = services.standstill(decision)

    assert (dates.standstill_ends, dates.earliest_contract_signing) == (ends, earliest)


def test_signing_during_the_christmas_standstill_is_refused_with_the_earliest_date(procurement_officer, supplier):
    decision = _award(procurement_officer, supplier, notice_sent_on=D(2026, 12, 14))

    with pytest.raises(ValidationError) as refused:
        _sign(decision, procurement_officer, D(2026, 12, 28))

    assert "2026-12-29" in refused.value.message_dict["signed_on"][0]
    assert not Contract.objects.exists()


def test_signing_on_the_earliest_day_after_christmas_takes_the_commitments(procurement_officer, supplier):
    decision = _award(procurement_officer, supplier, notice_sent_on=D(2026, 12, 14))

    contract = _sign(decision, procurement_officer, D(2026, 12, 29))

    assert contract.early_signing_ground == ""
    assert contract.supplier == supplier.organisation
    assert contract.commitments.get().months_fulltime == 24


def test_signing_early_is_allowed_with_a_recorded_legal_ground(procurement_officer, supplier):
    decision = _award(procurement_officer, supplier, notice_sent_on=D(2026, 12, 14))

    contract = _sign(decision, procurement_officer, D(2026, 12, 22), ground="Endast en anbudsgivare, 20 kap. LOU")

    assert contract.early_signing_ground == "Endast en anbudsgivare, 20 kap. LOU"


# --- Compliance: first start, early ends, status, vite and bonus -------------------------------------------


def _report(contract, start, end, *, months, started=1, ended_early=0, ended_early_met=0):
    return ComplianceReportFactory(
        contract=contract,
        period_start=start,
        period_end=end,
        places_offered=max(started, 1),
        people_started=started,
        months_completed=Decimal(months),
        ended_early=ended_early,
        ended_early_met=ended_early_met,
    )


def test_the_first_start_is_due_six_months_after_the_contract_starts(contract):
    state = services.compliance(contract, D(2026, 11, 30))

    assert state.first_start_due == D(2026, 12, 1)


def test_a_new_contract_without_a_start_yet_is_not_behind(contract):
    state = services.compliance(contract, D(2026, 6, 15))

    assert state.first_start_ok is None
    assert state.status == Status.ON_TRACK


def test_no_start_within_six_months_puts_the_contract_behind(contract):
    for month in range(6, 12):
        start = D(2026, month, 1)
        end = D(2026, month + 1, 1) - datetime.timedelta(days=1)
        _report(contract, start, end, months=1, started=0)

    state = services.compliance(contract, D(2026, 12, 2))

    assert state.first_start_ok is False
    assert state.status == Status.BEHIND


def test_a_first_start_reported_in_time_meets_the_rule(contract):
    _report(contract, D(2026, 6, 1), D(2026, 6, 30), months=0, started=0)
    _report(contract, D(2026, 7, 1), D(2026, 7, 31), months=1, started=1)

    state = services.compliance(contract, D(2026, 8, 15))

    assert state.first_started == D(2026, 7, 31)
    assert state.first_start_ok is True


def test_early_ends_count_the_ones_met_at_the_agreed_share(contract):
    _report(contract, D(2026, 6, 1), D(2026, 6, 30), months=1, ended_early=2, ended_early_met=1)
    _report(contract, D(2026, 7, 1), D(2026, 7, 31), months=1, ended_early=1, ended_early_met=1)

    state = services.compliance(contract, D(2026, 8, 15))

    assert (state.early_ends, state.early_ends_met) == (3, 2)


def test_status_moves_from_not_started_to_on_track_at_risk_behind_and_met(contract):
    # 24 months over four years: about half a month is expected per month of the contract.
    with time_machine.travel(D(2026, 5, 15), tick=False):
        assert services.compliance(contract).status == Status.NOT_STARTED
    _report(contract, D(2026, 6, 1), D(2026, 6, 30), months=1)
    with time_machine.travel(D(2026, 7, 15), tick=False):
        assert services.compliance(contract).status == Status.ON_TRACK
    _report(contract, D(2026, 7, 1), D(2026, 7, 31), months="0.8")
    with time_machine.travel(D(2026, 10, 15), tick=False):  # 2.2 expected, 1.8 delivered
        assert services.compliance(contract).status == Status.AT_RISK
    with time_machine.travel(D(2027, 1, 15), tick=False):  # 3.7 expected, 1.8 delivered
        assert services.compliance(contract).status == Status.BEHIND
    _report(contract, D(2026, 8, 1), D(2026, 8, 31), months="22.2")
    with time_machine.travel(D(2027, 1, 15), tick=False):
        assert services.compliance(contract).status == Status.MET


def test_vite_is_suggested_for_each_missing_month_when_the_contract_has_ended(contract):
    _report(contract, D(2026, 6, 1), D(2026, 6, 30), months=20)

    during = services.compliance(contract, D(2030, 5, 1))
    after = services.compliance(contract, D(2030, 6, 15))

    assert during.suggested_penalty_sek == 0
    assert after.suggested_penalty_sek == 4 * 10_000
    assert after.status == Status.BEHIND


def test_bonus_is_suggested_for_each_extra_month(contract):
    _report(contract, D(2026, 6, 1), D(2026, 6, 30), months=26)

    state = services.compliance(contract, D(2026, 7, 15))

    assert state.suggested_bonus_sek == 2 * 5_000
    assert state.status == Status.MET


def test_a_decision_is_emailed_to_the_suppliers_contacts_only(contract, procurement_officer, supplier, other_supplier):
    colleague = MembershipFactory(organisation=supplier.organisation, role=Role.SUPPLIER_CONTACT).user

    decision = services.decide(
        contract, user=procurement_officer, kind="penalty", amount_sek=40_000, reason="Fyra månader saknas."
    )

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([supplier.email, colleague.email])
    assert other_supplier.email not in recipients and procurement_officer.email not in recipients
    assert decision.supplier_notified_at is not None
