"""Open data: published procurements as an OCDS 1.1 release package with the sustainability extension (domain
research §5.1), for anyone to reuse.

One release per contracting process, with what is known now: the tender, and its awards and contracts once there
are any. Drafts are never published; a cancelled procurement appears only if it was published before (tender
status `cancelled`). The social requirements become `tender.sustainability`: the criterion's OCDS goal, and the
legal instrument it was set with as the extension's strategy. Lots follow the OCDS lots extension.

No personal data: organisations only (buyer and suppliers, with their organisation numbers), never officers,
contacts, participants or supervisors. A sole trader's organisation number is a personal identity number, so it
is left out; e-mail addresses in free text are removed. The queries are the same whatever the number of
procurements (everything a release needs is prefetched).
"""

import datetime
import re

from django.conf import settings
from django.db.models import Count, Prefetch
from django.utils import timezone, translation

from insteg.contracts.models import Award, Contract
from insteg.procurement.eforms import codes_for
from insteg.procurement.models import LegalInstrument, Procurement, SocialObjective
from insteg.rules.models import ContractType, Procedure

OCDS_VERSION = "1.1"
SUSTAINABILITY_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_sustainability_extension/master/extension.json"
)
# The sustainability extension patches tender.lots[], which come from the lots extension (its test dependency).
LOTS_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json"
)
EXTENSIONS = [SUSTAINABILITY_EXTENSION, LOTS_EXTENSION]

# After "ocds-": the publisher's prefix registered with the Open Contracting Partnership (INSTEG_OCDS_PREFIX).
DEFAULT_OCID_PREFIX = "insteg"
DEFAULT_PUBLISHER = "Insteg"
# org-id.guide's list for Swedish organisation numbers (Bolagsverket).
ORGANISATION_NUMBER_SCHEME = "SE-BLV"
CURRENCY = "SEK"
RELEASE_LANGUAGE = "sv"  # titles and descriptions are written in Swedish

PUBLISHABLE = (
    Procurement.Status.PUBLISHED,
    Procurement.Status.AWARDED,
    Procurement.Status.COMPLETED,
    Procurement.Status.CANCELLED,
)

PROCUREMENT_METHOD = {
    Procedure.OPEN: "open",
    Procedure.BELOW_THRESHOLD: "open",  # advertised: anyone may tender
    Procedure.RESTRICTED: "selective",
    Procedure.NEGOTIATED_WITH_NOTICE: "selective",
    Procedure.COMPETITIVE_DIALOGUE: "selective",
    Procedure.INNOVATION_PARTNERSHIP: "selective",
    Procedure.NEGOTIATED_WITHOUT_NOTICE: "limited",
    Procedure.DIRECT_AWARD: "limited",  # direktupphandling: the buyer asks the suppliers it chooses
}

MAIN_CATEGORY = {
    ContractType.GOODS: "goods",
    ContractType.SERVICES: "services",
    ContractType.WORKS: "works",
    ContractType.SOCIAL_SERVICES: "services",
}

TENDER_STATUS = {
    Procurement.Status.PUBLISHED: "active",
    Procurement.Status.AWARDED: "complete",
    Procurement.Status.COMPLETED: "complete",
    Procurement.Status.CANCELLED: "cancelled",
}

# The sustainability extension's sustainabilityStrategy codelist, by the legal instrument a criterion is set with.
STRATEGY = {
    LegalInstrument.TECHNICAL_SPECIFICATION: "technicalSpecifications",
    LegalInstrument.SELECTION_CRITERION: "selectionCriteria",
    LegalInstrument.AWARD_CRITERION: "awardCriteria",
    LegalInstrument.PERFORMANCE_CONDITION: "contractPerformanceConditions",
    # Labour-law conditions (17 kap. 2 § LOU) are conditions on how the contract is performed.
    LegalInstrument.LABOUR_CONDITIONS: "contractPerformanceConditions",
    LegalInstrument.RESERVED_PARTICIPATION: "reservedParticipation",
    # Reserved execution: the contract is performed within sheltered employment, a condition on performance.
    LegalInstrument.RESERVED_EXECUTION: "contractPerformanceConditions",
}

# When a criterion names no OCDS goal: its eForms social objective (BT-775) mapped as domain research §5.1 does.
GOAL_BY_OBJECTIVE = {
    SocialObjective.OPPORTUNITIES: "social.disadvantagedEmploymentOpportunities",
    SocialObjective.WORK_CONDITIONS: "social.laborRightsPromotion",
    SocialObjective.GENDER_EQUALITY: "social.genderEquality",
    SocialObjective.ETHNIC_EQUALITY: "social.ethnicEquality",
    SocialObjective.ACCESSIBILITY: "social.accessibility",
    SocialObjective.HUMAN_RIGHTS: "social.humanRightsInSupplyChains",
}

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_REMOVED = "[e-postadress borttagen]"


def published_procurements():
    """Every procurement the public may know about, with everything its release needs prefetched."""
    return (
        Procurement.objects.filter(status__in=PUBLISHABLE, published_at__isnull=False)
        .select_related("organisation")
        .annotate(number_of_tenderers=Count("tenders", distinct=True))
        .prefetch_related(
            "requirements__criterion",
            "lots",
            Prefetch("awards", Award.objects.select_related("winner__organisation", "lot").order_by("pk")),
            Prefetch("contracts", Contract.objects.select_related("supplier", "lot").order_by("pk")),
        )
        .order_by("pk")
    )


def release_package(procurements, *, uri: str, links: dict | None = None) -> dict:
    """The release package of `procurements` (from `published_procurements()`, one page of it)."""
    today = timezone.localdate()
    procurements = list(procurements)
    with translation.override(RELEASE_LANGUAGE):
        releases = [release(procurement, today) for procurement in procurements]
    # Made on demand: the package is as new as the last change to what it contains.
    changes = [last_change(procurement) for procurement in procurements]
    package = {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": EXTENSIONS,
        "publishedDate": _datetime(max(changes, default=timezone.now())),
        "publisher": {"name": getattr(settings, "INSTEG_OCDS_PUBLISHER", DEFAULT_PUBLISHER)},
        "releases": releases,
    }
    if links:
        package["links"] = links  # next and prev, as the OCDS pagination extension names them
    return package


def ocid(procurement: Procurement) -> str:
    """Stable for the process: the prefix, the buyer's organisation number (or its id) and the procurement's id."""
    prefix = getattr(settings, "INSTEG_OCDS_PREFIX", DEFAULT_OCID_PREFIX)
    buyer = procurement.organisation
    return f"ocds-{prefix}-{_public_org_number(buyer) or f'o{buyer.pk}'}-{procurement.pk}"


def release(procurement: Procurement, today: datetime.date) -> dict:
    awards = list(procurement.awards.all())
    contracts = list(procurement.contracts.all())
    changed = last_change(procurement)
    process = ocid(procurement)
    data = {
        "ocid": process,
        "id": f"{process}-{changed.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        "date": _datetime(changed),
        "language": RELEASE_LANGUAGE,
        "tag": _tags(procurement, awards, contracts),
        "initiationType": "tender",
        "parties": _parties(procurement, awards, contracts),
        "buyer": _reference(procurement.organisation),
        "tender": _tender(procurement),
    }
    if awards:
        data["awards"] = [_award(award) for award in awards]
    if contracts:
        data["contracts"] = [_contract(contract, today) for contract in contracts]
    return data


def _tags(procurement: Procurement, awards, contracts) -> list[str]:
    if procurement.status == Procurement.Status.CANCELLED:
        return ["tenderCancellation"]
    if not awards:
        return ["tender"]
    return ["award", "contract"] if contracts else ["award"]


def last_change(procurement: Procurement) -> datetime.datetime:
    """When the release's information last changed: the procurement, or its latest award or contract."""
    moments = [procurement.updated_at, procurement.published_at]
    moments += [award.created_at for award in procurement.awards.all()]
    moments += [contract.created_at for contract in procurement.contracts.all()]
    return max(moment for moment in moments if moment)


# --- Parties ---------------------------------------------------------------------------------------------------------


def _parties(procurement: Procurement, awards, contracts) -> list[dict]:
    """The buyer first, then the suppliers; each organisation once, with all its roles."""
    roles = {procurement.organisation: ["buyer", "procuringEntity"]}
    suppliers = [award.winner.organisation for award in awards] + [contract.supplier for contract in contracts]
    for supplier in suppliers:
        if "supplier" not in roles.setdefault(supplier, []):
            roles[supplier].append("supplier")
    return [_party(organisation, organisation_roles) for organisation, organisation_roles in roles.items()]


def _party(organisation, roles: list[str]) -> dict:
    party = {**_reference(organisation), "roles": roles}
    number = _public_org_number(organisation)
    if number:
        party["identifier"] = {"scheme": ORGANISATION_NUMBER_SCHEME, "id": number, "legalName": organisation.name}
    return party


def _reference(organisation) -> dict:
    number = _public_org_number(organisation)
    return {
        "id": f"{ORGANISATION_NUMBER_SCHEME}-{number}" if number else f"insteg-organisation-{organisation.pk}",
        "name": organisation.name,
    }


def _public_org_number(organisation) -> str:
    """The organisation number as ten digits, unless it is a person's: a sole trader's organisation number is
    their personal identity number, whose third digit (the month) is 0 or 1; a legal person's is 2 or more."""
    digits = _digits(organisation.org_number)
    return digits if len(digits) == 10 and digits[2] >= "2" else ""


def _digits(value: str) -> str:
    return "".join(character for character in value or "" if character.isdigit())


# --- Tender and lots -------------------------------------------------------------------------------------------------


def _tender(procurement: Procurement) -> dict:
    requirements = list(procurement.requirements.all())
    tender = {
        "id": procurement.reference,
        "title": _public_text(procurement.title),
        "status": TENDER_STATUS[procurement.status],
        "procuringEntity": _reference(procurement.organisation),
        "procurementMethod": PROCUREMENT_METHOD[procurement.procedure],
        "procurementMethodDetails": str(Procedure(procurement.procedure).label),
        "mainProcurementCategory": MAIN_CATEGORY[procurement.contract_type],
        "items": [_item(procurement)],
        "value": _value(procurement.estimated_value_sek),
        "hasSustainability": codes_for(procurement).strategic_procurement != "none",
    }
    if procurement.description:
        tender["description"] = _public_text(procurement.description)
    tender_period = _period(procurement.notice_sent, procurement.tender_deadline)
    if tender_period:
        tender["tenderPeriod"] = tender_period
    if procurement.question_deadline:
        tender["enquiryPeriod"] = _period(procurement.notice_sent, procurement.question_deadline)
    if procurement.number_of_tenderers:
        tender["numberOfTenderers"] = procurement.number_of_tenderers
    sustainability = _sustainability(requirements)
    if sustainability:
        tender["sustainability"] = sustainability
    lots = [_lot(lot, requirements) for lot in procurement.lots.all()]
    if lots:
        tender["lots"] = lots
    return tender


def _item(procurement: Procurement) -> dict:
    item = {"id": "1", "classification": _cpv(procurement.cpv_main)}
    if procurement.cpv_additional:
        item["additionalClassifications"] = [_cpv(code) for code in procurement.cpv_additional]
    return item


def _cpv(code: str) -> dict:
    """CPV as OCDS publishers give it: the eight digits, without the check digit."""
    return {"scheme": "CPV", "id": code.split("-")[0]}


def _lot(lot, requirements) -> dict:
    data = {"id": lot_id(lot), "title": _public_text(lot.title)}
    if lot.estimated_value_sek:
        data["value"] = _value(lot.estimated_value_sek)
    own = [requirement for requirement in requirements if requirement.lot_id == lot.pk]
    data["hasSustainability"] = bool(own)
    if own:
        data["sustainability"] = _sustainability(own)
    return data


def lot_id(lot) -> str:
    return f"LOT-{lot.number:04d}"


def _sustainability(requirements) -> list[dict]:
    """One entry per goal, with every strategy used for it and the criteria's titles as its description."""
    by_goal: dict[str, tuple[set, set]] = {}
    for requirement in requirements:
        criterion = requirement.criterion
        goal = criterion.sustainability_goal.strip() or GOAL_BY_OBJECTIVE.get(criterion.social_objective, "social")
        strategies, titles = by_goal.setdefault(goal, (set(), set()))
        strategies.add(STRATEGY[criterion.legal_instrument])
        titles.add(criterion.title_sv)
    return [
        {"goal": goal, "strategies": sorted(strategies), "description": "; ".join(sorted(titles))}
        for goal, (strategies, titles) in sorted(by_goal.items())
    ]


# --- Awards and contracts --------------------------------------------------------------------------------------------


def _award(award) -> dict:
    data = {
        "id": str(award.pk),
        "status": "active",
        "date": _datetime(_start_of(award.decided_on)),
        "suppliers": [_reference(award.winner.organisation)],
    }
    if award.winner.price_sek:
        data["value"] = _value(award.winner.price_sek)
    if award.lot_id:
        data["relatedLots"] = [lot_id(award.lot)]
    return data


def _contract(contract, today: datetime.date) -> dict:
    if today < contract.starts_on:
        status = "pending"
    elif today <= contract.ends_on:
        status = "active"
    else:
        status = "terminated"  # OCDS: came to a close, completed or ended early
    return {
        "id": str(contract.pk),
        "awardID": str(contract.award_id),
        "status": status,
        "period": _period(contract.starts_on, contract.ends_on),
        "value": _value(contract.value_sek),
        "dateSigned": _datetime(_start_of(contract.signed_on)),
    }


# --- Values ----------------------------------------------------------------------------------------------------------


def _value(amount) -> dict:
    return {"amount": amount, "currency": CURRENCY}


def _period(start: datetime.date | None, end: datetime.date | None) -> dict:
    period = {}
    if start:
        period["startDate"] = _datetime(_start_of(start))
    if end:
        period["endDate"] = _datetime(_end_of(end))
    return period


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _end_of(day: datetime.date) -> datetime.datetime:
    """A deadline given as a day runs to the end of it, Swedish time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def _datetime(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _public_text(text: str) -> str:
    """Free text as published, without e-mail addresses (an officer's address is personal data)."""
    return EMAIL.sub(EMAIL_REMOVED, text)
