"""The demo's contracts: the awarded pilots with positions and reports, and one supplier behind on its promise.

Built through the same services as the pages, with dates relative to today. Idempotent: a procurement that
already has tenders is left as it is.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from insteg.accounts.models import Organisation, User
from insteg.contracts import services
from insteg.contracts.models import Occupation, PositionType
from insteg.contracts.reference_data import load_reference_data
from insteg.procurement import services as procurement_services
from insteg.procurement.models import Criterion, Procurement

FOOD_SUPPLIER = ("Jämtlandsgrossen AB (demo)", "556677-8899")
PROPERTY_CARE = {
    "reference": "KS 2025/0611",
    "title": "Fastighetsskötsel av skolor och förskolor",
    "description": "Tillsyn, skötsel och enklare reparationer i kommunens skolor och förskolor.",
    "contract_type": "services",
    "cpv_main": "70330000-3",
    "estimated_value_sek": 52_000_000,
    "duration_months": 36,
    "procedure": "open",
    "lots_not_divided_reason": "Skötseln samordnas med kommunens felanmälan i ett avtal.",
}


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def seed(made: dict) -> dict:
    load_reference_data()
    officer = User.objects.get(username="upphandlare")
    builder = User.objects.get(username="leverantor")
    cleaner = User.objects.get(username="leverantor2")
    procurements = made["procurements"]
    contracts = {
        "renovation": _renovation(procurements["renovation"], officer, builder),
        "food": _food(procurements["food"], officer),
        "property_care": _property_care(made["organisations"]["ostersund"], officer, cleaner),
    }
    return {"contracts": contracts}


def _award_and_sign(procurement, officer, organisation, *, awarded_days_ago, value_sek, months, lot=None):
    tender = services.record_tender(procurement, user=officer, organisation=organisation, lot=lot, price_sek=value_sek)
    decided = _days(-awarded_days_ago)
    decision = services.award(procurement, user=officer, tender=tender, decided_on=decided, notice_sent_on=decided)
    earliest = services.standstill(decision).earliest_contract_signing
    starts = earliest + datetime.timedelta(days=10)
    return services.sign_contract(
        decision,
        user=officer,
        value_sek=value_sek,
        signed_on=earliest,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=round(months * 30.4)),
    )


def _report(contract, user, period_start, **counts):
    services.submit_report(
        contract,
        user=user,
        data={"period_start": period_start, "confirms_terms": True, "confirms_supervision": True, **counts},
    )


def _renovation(procurement, officer, builder):
    """The first pilot: four interns for four months each, on track."""
    if procurement.tenders.exists():
        return procurement.contracts.first()
    contract = _award_and_sign(
        procurement, officer, builder.organisation, awarded_days_ago=100, value_sek=11_900_000, months=10
    )
    internship = PositionType.objects.get(code="arbetspraktik")
    for title, code, trained in [
        ("Snickare, praktik", "7111", True),
        ("Målare, praktik", "7131", True),
        ("Byggnadsarbetare, praktik", "7114", False),
        ("Plattsättare, praktik", "7122", False),
    ]:
        services.save_position(
            contract,
            user=builder,
            data={
                "position_type": internship,
                "occupation": Occupation.objects.get(code=code),
                "title": title,
                "workplace_municipality": "Östersund",
                "workplace_address": "Palmcrantzskolan, Östersund",
                "hours_per_week": 32,
                "start_from": contract.starts_on,
                "start_until": contract.starts_on + datetime.timedelta(days=90),
                "duration_months": 4,
                "swedish_level": "basic",
                "physical_demands": "Lyft upp till 20 kg, arbete på stege.",
                "adaptations": "Kortare dagar de första veckorna.",
                "supervisor_name": "Lars Nilsson",
                "supervisor_email": builder.email,
                "supervisor_trained": trained,
            },
        )
    first, second = services.periods(contract, timezone.localdate())[:2]
    _report(contract, builder, first[0], places_offered=4, people_started=2, months_completed=Decimal("1.5"))
    _report(contract, builder, second[0], places_offered=4, people_started=3, months_completed=Decimal("3.0"))
    return contract


def _food(procurement, officer):
    """Fair trade and ILO conditions, no placements: a contract without employment commitments."""
    if procurement.tenders.exists():
        return procurement.contracts.first()
    name, org_number = FOOD_SUPPLIER
    wholesaler, _created = Organisation.objects.get_or_create(
        org_number=org_number, defaults={"name": name, "kind": Organisation.Kind.SUPPLIER, "is_sme": True}
    )
    lot = procurement.lots.order_by("number").first()
    return _award_and_sign(
        procurement, officer, wholesaler, awarded_days_ago=15, value_sek=11_500_000, months=36, lot=lot
    )


def _property_care(municipality, officer, cleaner):
    """A year into a three-year contract with 24 months of employment promised, and only 2 delivered: behind."""
    procurement = Procurement.objects.filter(organisation=municipality, reference=PROPERTY_CARE["reference"]).first()
    if procurement is not None:
        return procurement.contracts.first()
    procurement = procurement_services.create_procurement(
        user=officer,
        organisation=municipality,
        data={**PROPERTY_CARE, "notice_sent": _days(-470), "tender_deadline": _days(-430)},
    )
    requirement = procurement_services.add_requirement(
        procurement, user=officer, criterion=Criterion.objects.get(code="employment-numeric")
    )
    procurement_services.decide_requirement(
        requirement,
        user=officer,
        data={
            "slots_decided": 2,
            "months_fulltime": 24,
            "target_groups": ["long_term_unemployed", "newly_arrived"],
            "alternatives": ["a"],
            "rationale": "Tumregeln ger två platser för 52 miljoner kronor i tjänster.",
        },
    )
    procurement_services.publish(procurement, user=officer)
    contract = _award_and_sign(
        procurement, officer, cleaner.organisation, awarded_days_ago=400, value_sek=49_000_000, months=36
    )
    commitment = contract.commitments.get()
    services.amend_commitment(
        commitment,
        user=officer,
        reason="Vite och bonus enligt avtalets villkor 7.3",
        changes={"penalty_per_missing_month_sek": 10_000, "bonus_per_extra_month_sek": 5_000},
    )
    services.save_position(
        contract,
        user=cleaner,
        data={
            "position_type": PositionType.objects.get(code="nystartsjobb"),
            "occupation": Occupation.objects.get(code="9111"),
            "title": "Fastighetsskötare",
            "workplace_municipality": "Östersund",
            "hours_per_week": 40,
            "start_from": _days(7),
            "start_until": _days(60),
            "duration_months": 12,
            "swedish_level": "everyday",
            "driving_licence": True,
            "supervisor_name": "Maria Ek",
            "supervisor_email": cleaner.email,
        },
    )
    for index, (start, _end) in enumerate(services.periods(contract, timezone.localdate())[:10]):
        started = 1 if index >= 7 else 0
        _report(contract, cleaner, start, places_offered=1, people_started=started, months_completed=Decimal(started))
    return contract
