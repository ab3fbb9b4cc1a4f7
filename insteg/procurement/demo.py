"""The demo's procurements: the seed's three pilots, plus drafts for the officer to work on.

Built through the same services as the pages, so the demo shows real suggestions, decisions and audit
events. Dates are relative to today, so the demo is always current. Idempotent by reference number.
"""

import datetime

from django.utils import timezone

from insteg.accounts.models import User
from insteg.procurement import services
from insteg.procurement.criteria_data import load_criteria
from insteg.procurement.models import Criterion, Procurement
from insteg.rules.models import ProportionalityPreset
from insteg.rules.reference_data import load_reference_data


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


RENOVATION = {
    "reference": "KS 2026/0118",
    "title": "Renovering av f.d. Palmcrantzskolan",
    "description": "Ombyggnad av omklädningsrum, verkstäder och förråd i före detta Palmcrantzskolans lokaler.",
    "contract_type": "works",
    "cpv_main": "45454100-5",
    "cpv_additional": ["45421000-4", "45430000-0"],
    "estimated_value_sek": 12_500_000,
    "duration_months": 10,
    "procedure": "below_threshold",
    "notice_sent": _days(-150),
    "tender_deadline": _days(-120),
}
CLEANING = {
    "reference": "KS 2026/0231",
    "title": "Lokalvård i kommunens förskolor och skolor",
    "description": "Daglig lokalvård och fönsterputs i 42 förskolor och skolor, fyra år inklusive option.",
    "contract_type": "services",
    "cpv_main": "90911200-8",
    "cpv_additional": ["90911300-9"],
    "estimated_value_sek": 58_000_000,
    "duration_months": 48,
    "procedure": "open",
    "notice_sent": _days(-10),
    "tender_deadline": _days(30),
}
FOOD = {
    "reference": "KS 2026/0307",
    "title": "Livsmedel till kommunens kök",
    "description": "Mejeri, frukt och grönt samt torrvaror till skolor och äldreboenden.",
    "contract_type": "goods",
    "cpv_main": "15000000-8",
    "cpv_additional": ["15500000-3", "03220000-9"],
    "estimated_value_sek": 36_000_000,
    "duration_months": 36,
    "procedure": "open",
    "notice_sent": _days(-60),
    "tender_deadline": _days(-20),
}
TRANSPORT = {
    "reference": "KS 2026/0377",
    "title": "Skolskjuts med buss och taxi",
    "description": "Skolskjuts för grundskolan och gymnasiesärskolan, inklusive anpassade fordon.",
    "contract_type": "services",
    "cpv_main": "60130000-8",
    "estimated_value_sek": 9_500_000,
    "duration_months": 36,
    "procedure": "open",
    "lots_not_divided_reason": "Linjerna hänger ihop i ett samordnat schema som inte går att dela.",
    "notice_sent": _days(-36),
    "tender_deadline": _days(4),
}
SNOW = {
    "reference": "KS 2026/0412",
    "title": "Snöröjning och halkbekämpning 2027–2031",
    "description": "Vinterväghållning av kommunala gator och gång- och cykelvägar.",
    "contract_type": "services",
    "cpv_main": "90620000-9",
    "estimated_value_sek": 31_000_000,
    "duration_months": 48,
    "procedure": "open",
}
INTERPRETING = {
    "reference": "KS 2026/0455",
    "title": "Tolktjänster",
    "contract_type": "social_services",
    "cpv_main": "79540000-1",
    "estimated_value_sek": 4_200_000,
    "duration_months": 24,
    "procedure": "below_threshold",
}


def seed(made: dict) -> dict:
    load_reference_data()
    load_criteria()
    municipality = made["organisations"]["ostersund"]
    officer = User.objects.get(username="upphandlare")
    procurements = {
        "renovation": _renovation(officer, municipality),
        "cleaning": _cleaning(officer, municipality),
        "food": _food(officer, municipality),
        "transport": _transport(officer, municipality),
        "snow": _draft(officer, municipality, SNOW, ["employment-numeric", "employment-dialogue"]),
        "interpreting": _draft(officer, municipality, INTERPRETING, []),
    }
    # The services hand back fresh rows; the later seeders need the status as it is now.
    return {"procurements": {key: Procurement.objects.get(pk=p.pk) for key, p in procurements.items()}}


def _existing(municipality, data) -> Procurement | None:
    return Procurement.objects.filter(organisation=municipality, reference=data["reference"]).first()


def _create(officer, municipality, data) -> Procurement:
    return services.create_procurement(user=officer, organisation=municipality, data=data)


def _require(procurement, officer, code, lot=None, **decision):
    requirement = services.add_requirement(
        procurement, user=officer, criterion=Criterion.objects.get(code=code), lot=lot
    )
    if decision:
        services.decide_requirement(requirement, user=officer, data=decision)
    return requirement


def _renovation(officer, municipality) -> Procurement:
    if procurement := _existing(municipality, RENOVATION):
        return procurement
    procurement = _create(officer, municipality, RENOVATION)
    _require(
        procurement,
        officer,
        "employment-internships",
        preset=ProportionalityPreset.objects.get(code="ostersund-pilot"),
        penalty_terms="5 000 kr per ej fullgjord praktikmånad",
        slots_decided=4,
        months_fulltime=16,
        target_groups=["long_term_unemployed", "young_people", "newly_arrived"],
        alternatives=["c"],
        reporting_frequency="monthly",
        rationale=(
            "Första piloten: fyra praktikanter i minst fyra månader var ryms väl i en ombyggnad på tio månader "
            "med flera yrkesgrupper, och entreprenören får hjälp med matchning och handledarutbildning."
        ),
    )
    services.publish(procurement, user=officer)
    services.change_status(procurement, user=officer, status=Procurement.Status.AWARDED)
    return procurement


def _cleaning(officer, municipality) -> Procurement:
    if procurement := _existing(municipality, CLEANING):
        return procurement
    procurement = _create(officer, municipality, CLEANING)
    north = services.add_lot(procurement, user=officer, number=1, title="Norra området", estimated_value_sek=30_000_000)
    services.add_lot(procurement, user=officer, number=2, title="Södra området", estimated_value_sek=28_000_000)
    _require(
        procurement,
        officer,
        "employment-numeric",
        lot=north,
        slots_decided=2,
        months_fulltime=24,
        target_groups=["long_term_unemployed", "reduced_work_capacity"],
        alternatives=["a", "c"],
        penalty_terms="10 000 kr per ej fullgjord månad",
        bonus_terms="5 000 kr per månad utöver åtagandet",
        reporting_frequency="monthly",
        rationale=(
            "Tumregeln ger två platser för hela avtalet. De läggs i norra området, som har flest objekt; "
            "lokalvård är arbetsintensiv med många instegsjobb, så två platser över fyra år är rimligt."
        ),
    )
    _require(
        procurement,
        officer,
        "labour-conditions-pay-holidays-hours",
        collective_agreement="Serviceentreprenadavtalet",
        rationale="Villkoren är behövliga: branschen har kända problem med löner under avtalsnivå.",
    )
    services.publish(procurement, user=officer)
    return procurement


def _food(officer, municipality) -> Procurement:
    if procurement := _existing(municipality, FOOD):
        return procurement
    procurement = _create(officer, municipality, FOOD)
    for number, title in enumerate(["Mejeri", "Frukt och grönt", "Torrvaror"], start=1):
        services.add_lot(procurement, user=officer, number=number, title=title)
    _require(
        procurement,
        officer,
        "fair-trade-coffee-tea-cocoa",
        rationale="Kaffe, te och bananer kommer från länder med kända risker; kravet gäller bara dessa varor.",
    )
    _require(
        procurement,
        officer,
        "supply-chain-ilo-core-conventions",
        rationale="Livsmedel med globala leverantörskedjor: uppförandekod enligt ILO:s kärnkonventioner.",
    )
    services.publish(procurement, user=officer)
    services.change_status(procurement, user=officer, status=Procurement.Status.AWARDED)
    return procurement


def _transport(officer, municipality) -> Procurement:
    """Advertised, with the question deadline passed and answers due: the officer's inbox shows what is late."""
    if procurement := _existing(municipality, TRANSPORT):
        return procurement
    procurement = _create(officer, municipality, TRANSPORT)
    _require(
        procurement,
        officer,
        "employment-dialogue",
        target_groups=["young_people", "newly_arrived"],
        rationale="Ett mindre transportavtal: dialog om praktik för förare är proportionerligt, inte ett antal.",
    )
    services.publish(procurement, user=officer)
    return procurement


def _draft(officer, municipality, data, codes) -> Procurement:
    if procurement := _existing(municipality, data):
        return procurement
    procurement = _create(officer, municipality, data)
    for code in codes:
        _require(procurement, officer, code)
    return procurement
