"""The open-data export: an OCDS 1.1 release package valid against the official schemas, read offline from the
shared reference data (never copied into the project), with the sustainability extension merged onto the release
schema as OCDS extensions are (a JSON Merge Patch). Drafts stay out, and so does every piece of personal data."""

import csv
import json
import os
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT4

from insteg.accounts.models import User
from insteg.accounts.tests.factories import OrganisationFactory
from insteg.contracts.tests.factories import AwardFactory, CommitmentFactory, ContractFactory, TenderFactory
from insteg.matching.models import Participant
from insteg.matching.tests.conftest import host_contract, participant, position  # noqa: F401 -- shared fixtures
from insteg.matching.tests.factories import PlacementFactory
from insteg.procurement.models import LegalInstrument, Procurement, RequirementKind, SocialObjective, Theme
from insteg.procurement.tests.factories import (
    CriterionFactory,
    LotFactory,
    ProcurementFactory,
    SocialRequirementFactory,
)
from insteg.reports import ocds
from insteg.rules.models import ContractType, Procedure

# The shared reference data sits next to the repository (../shared/data); a clone elsewhere names it with
# INSTEG_SHARED_DATA (.ci/run finds it from the clone's origin).
DATA = Path(os.environ.get("INSTEG_SHARED_DATA") or Path(__file__).resolve().parents[4] / "shared" / "data")
RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
SOLE_TRADER_NUMBER = "811218-9876"  # a sole trader's organisation number is their personal identity number


# --- The schemas, offline --------------------------------------------------------------------------------------------


def _json(path: str):
    return json.loads((DATA / path).read_text(encoding="utf-8"))


def _codes(path: str) -> set[str]:
    with (DATA / path).open(encoding="utf-8") as lines:
        return {row["Code"] for row in csv.DictReader(lines)}


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch: how an OCDS extension's release-schema.json patches the release schema."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def _offline(uri: str):
    raise NoSuchResource(ref=uri)  # the tests never fetch a schema from the network


def _validator(schema, **resources) -> Draft4Validator:
    registry = Registry(retrieve=_offline).with_resources(
        (uri, DRAFT4.create_resource(contents)) for uri, contents in resources.items()
    )
    return Draft4Validator(schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def _errors(validator: Draft4Validator, instance) -> list[str]:
    return [f"/{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(instance)]


@pytest.fixture(scope="module")
def release_schema():
    return _json("ocds-1.1.5/release-schema.json")


@pytest.fixture(scope="module")
def extended_release_schema(release_schema):
    return merge_patch(release_schema, _json("ocds-sustainability-extension/release-schema.json"))


def assert_valid(package: dict, release_schema: dict, extended_release_schema: dict) -> None:
    package_validator = _validator(
        _json("ocds-1.1.5/release-package-schema.json"), **{RELEASE_SCHEMA_URL: release_schema}
    )
    assert _errors(package_validator, package) == []
    release_validator = _validator(extended_release_schema)
    # The extension patches the lots extension's Lot; the release schema has no tender.lots to reach it from.
    lot_validator = _validator({"definitions": extended_release_schema["definitions"], "$ref": "#/definitions/Lot"})
    for release in package["releases"]:
        assert _errors(release_validator, release) == [], release["ocid"]
        for lot in release["tender"].get("lots", []):
            assert _errors(lot_validator, lot) == [], lot["id"]


def test_the_merge_patch_adds_the_extensions_fields(extended_release_schema):
    tender = extended_release_schema["definitions"]["Tender"]["properties"]
    assert {"hasSustainability", "sustainability", "title", "status"} <= set(tender)
    assert "Sustainability" in extended_release_schema["definitions"]
    assert merge_patch({"a": 1, "b": {"c": 2}}, {"a": None, "b": {"d": 3}}) == {"b": {"c": 2, "d": 3}}


# --- Fixtures --------------------------------------------------------------------------------------------------------


def _employment_criterion():
    return CriterionFactory(
        code="test-employment",
        title_sv="Sysselsättningskrav",
        theme=Theme.EMPLOYMENT,
        social_objective=SocialObjective.OPPORTUNITIES,
        sustainability_goal="social.disadvantagedEmploymentOpportunities",
        legal_instrument=LegalInstrument.PERFORMANCE_CONDITION,
    )


@pytest.fixture
def advertised(municipality, procurement_officer):
    """Published, with an employment requirement for the whole procurement and an accessibility one on lot 1."""
    procurement = ProcurementFactory(
        organisation=municipality,
        officer=procurement_officer,
        status=Procurement.Status.PUBLISHED,
        published_at=timezone.now(),
        title="Lokalvård i kommunens lokaler",
        description=f"Städning. Frågor till {procurement_officer.email} eller karin.berg@ostersund.se.",
    )
    SocialRequirementFactory(procurement=procurement, criterion=_employment_criterion())
    lot = LotFactory(procurement=procurement, number=1, title="Område norr", estimated_value_sek=20_000_000)
    accessibility = CriterionFactory(
        code="test-accessibility",
        title_sv="Tillgänglighet",
        theme=Theme.ACCESSIBILITY,
        social_objective=SocialObjective.ACCESSIBILITY,
        sustainability_goal="social.accessibility",
        legal_instrument=LegalInstrument.TECHNICAL_SPECIFICATION,
        requirement_kind=RequirementKind.PLAIN,
    )
    SocialRequirementFactory(procurement=procurement, lot=lot, criterion=accessibility)
    LotFactory(procurement=procurement, number=2, title="Område söder")
    return procurement


@pytest.fixture
def contracted(host_contract, participant, position):  # noqa: F811
    """Awarded and signed with the persona supplier; a person is placed there with a named supervisor."""
    procurement = host_contract.procurement
    procurement.published_at = timezone.now()
    procurement.save()
    PlacementFactory(participant=participant, position=position)
    return host_contract


@pytest.fixture
def unpublished(municipality):
    """A draft, and a draft cancelled before it was ever published."""
    return [
        ProcurementFactory(organisation=municipality, title="Hemligt utkast"),
        ProcurementFactory(organisation=municipality, status=Procurement.Status.CANCELLED, title="Aldrig publicerad"),
    ]


@pytest.fixture
def cancelled(municipality):
    return ProcurementFactory(
        organisation=municipality, status=Procurement.Status.CANCELLED, published_at=timezone.now(), title="Avbruten"
    )


def _package(client, **params) -> dict:
    response = client.get(reverse("api:open_data_ocds"), params)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    return response.json()


def _releases(package: dict) -> dict:
    return {release["tender"]["title"]: release for release in package["releases"]}


# --- The package -----------------------------------------------------------------------------------------------------


def test_the_package_is_valid_ocds_with_the_sustainability_extension(
    client, advertised, contracted, cancelled, unpublished, release_schema, extended_release_schema
):
    package = _package(client)
    assert_valid(package, release_schema, extended_release_schema)
    assert package["version"] == "1.1"
    assert package["publisher"] == {"name": "Insteg"}
    assert ocds.SUSTAINABILITY_EXTENSION in package["extensions"]
    assert package["uri"].startswith("http://testserver/api/v1/open-data/ocds")
    assert len({release["ocid"] for release in package["releases"]}) == 3


def test_drafts_are_never_published(client, advertised, unpublished):
    titles = set(_releases(_package(client)))
    assert titles == {"Lokalvård i kommunens lokaler"}
    assert "Hemligt utkast" not in json.dumps(_package(client))


def test_an_employment_requirement_is_a_social_goal_pursued_by_performance_conditions(client, advertised):
    release = _releases(_package(client))["Lokalvård i kommunens lokaler"]
    assert release["ocid"] == f"ocds-insteg-2120002627-{advertised.pk}"
    assert release["tag"] == ["tender"]
    assert release["initiationType"] == "tender"
    tender = release["tender"]
    assert tender["status"] == "active"
    assert tender["procurementMethod"] == "open"
    assert tender["mainProcurementCategory"] == "services"
    assert tender["value"] == {"amount": 60_000_000, "currency": "SEK"}
    assert tender["tenderPeriod"]["endDate"] == "2026-04-10T23:59:59+02:00"
    assert tender["hasSustainability"] is True
    assert tender["sustainability"] == [
        {
            "goal": "social.accessibility",
            "strategies": ["technicalSpecifications"],
            "description": "Tillgänglighet",
        },
        {
            "goal": "social.disadvantagedEmploymentOpportunities",
            "strategies": ["contractPerformanceConditions"],
            "description": "Sysselsättningskrav",
        },
    ]
    north, south = tender["lots"]
    assert north == {
        "id": "LOT-0001",
        "title": "Område norr",
        "value": {"amount": 20_000_000, "currency": "SEK"},
        "hasSustainability": True,
        "sustainability": [
            {"goal": "social.accessibility", "strategies": ["technicalSpecifications"], "description": "Tillgänglighet"}
        ],
    }
    assert south["hasSustainability"] is False and "sustainability" not in south
    [buyer] = release["parties"]
    assert buyer["roles"] == ["buyer", "procuringEntity"]
    assert buyer["identifier"] == {"scheme": "SE-BLV", "id": "2120002627", "legalName": "Östersunds kommun"}
    assert release["buyer"] == {"id": "SE-BLV-2120002627", "name": "Östersunds kommun"}


def test_the_codes_come_from_the_extensions_codelists(client, advertised, contracted):
    goals = _codes("ocds-sustainability-extension/codelists/sustainabilityGoal.csv")
    strategies = _codes("ocds-sustainability-extension/codelists/sustainabilityStrategy.csv")
    assert set(ocds.STRATEGY.values()) <= strategies
    assert set(ocds.STRATEGY) == set(LegalInstrument.values)  # every instrument has its strategy
    assert set(ocds.GOAL_BY_OBJECTIVE.values()) <= goals
    for release in _package(client)["releases"]:
        for entry in release["tender"].get("sustainability", []):
            assert entry["goal"] in goals
            assert set(entry["strategies"]) <= strategies


def test_every_procedure_and_contract_type_has_its_ocds_code(release_schema):
    tender = release_schema["definitions"]["Tender"]["properties"]
    assert set(ocds.PROCUREMENT_METHOD) == set(Procedure.values)
    assert set(ocds.PROCUREMENT_METHOD.values()) <= set(tender["procurementMethod"]["enum"])
    assert set(ocds.MAIN_CATEGORY) == set(ContractType.values)
    assert set(ocds.MAIN_CATEGORY.values()) <= set(tender["mainProcurementCategory"]["enum"])
    assert ocds.PROCUREMENT_METHOD[Procedure.NEGOTIATED_WITHOUT_NOTICE] == "limited"
    assert ocds.PROCUREMENT_METHOD[Procedure.RESTRICTED] == "selective"


def test_an_awarded_procurement_has_its_award_contract_and_supplier(client, contracted, supplier_org):
    [release] = _package(client)["releases"]
    assert release["tag"] == ["award", "contract"]
    assert release["tender"]["status"] == "complete"
    assert release["tender"]["numberOfTenderers"] == 1
    [award] = release["awards"]
    assert award["status"] == "active"
    assert award["date"] == "2026-05-04T00:00:00+02:00"
    assert award["suppliers"] == [
        {"id": f"SE-BLV-{supplier_org.org_number.replace('-', '')}", "name": supplier_org.name}
    ]
    [contract] = release["contracts"]
    assert contract["awardID"] == award["id"]
    assert contract["value"] == {"amount": 55_000_000, "currency": "SEK"}
    assert contract["period"] == {"startDate": "2026-06-01T00:00:00+02:00", "endDate": "2030-05-31T23:59:59+02:00"}
    assert contract["status"] in {"pending", "active"}
    supplier = next(party for party in release["parties"] if party["name"] == supplier_org.name)
    assert supplier["roles"] == ["supplier"]


def test_a_cancelled_procurement_says_so(client, cancelled):
    [release] = _package(client)["releases"]
    assert release["tag"] == ["tenderCancellation"]
    assert release["tender"]["status"] == "cancelled"


def test_no_personal_data_anywhere(client, advertised, contracted, procurement_officer, release_schema):
    sole_trader = OrganisationFactory(name="Nilssons Snickeri", org_number=SOLE_TRADER_NUMBER)
    tender = TenderFactory(procurement=advertised, organisation=sole_trader)
    advertised.status = Procurement.Status.AWARDED
    advertised.save()
    AwardFactory(winner=tender, decided_by=procurement_officer)
    response = client.get(reverse("api:open_data_ocds"))
    text = response.content.decode()
    assert not EMAIL.search(text), EMAIL.search(text).group()
    assert "[e-postadress borttagen]" in text  # the officer's address was in the description
    people = [Participant.objects.get(), *User.objects.all()]
    names = {name for person in people for name in (person.first_name, person.last_name) if name}
    names |= {user.username for user in User.objects.all()} | {"Eva Handledare", "070-1234567"}
    assert [name for name in names if re.search(rf"\b{re.escape(name)}\b", text)] == []
    assert "8112189876" not in text and SOLE_TRADER_NUMBER not in text
    party = next(party for party in response.json()["releases"][0]["parties"] if party["name"] == "Nilssons Snickeri")
    assert "identifier" not in party and party["id"] == f"insteg-organisation-{sole_trader.pk}"


def test_pages_link_to_the_next_and_each_page_is_valid(
    client, advertised, contracted, cancelled, release_schema, extended_release_schema
):
    first = _package(client, page_size=2)
    assert len(first["releases"]) == 2
    assert first["links"]["next"].endswith("page=2&page_size=2")
    second = client.get(first["links"]["next"]).json()
    assert len(second["releases"]) == 1 and "next" not in second["links"]
    assert_valid(second, release_schema, extended_release_schema)
    assert client.get(reverse("api:open_data_ocds"), {"page": 9}).status_code == 404
    assert client.get(reverse("api:open_data_ocds"), {"page": "x"}).status_code == 404


def test_the_queries_are_the_same_whatever_the_number_of_procurements(client, advertised, contracted, municipality):
    url = reverse("api:open_data_ocds")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _number in range(5):
        procurement = ProcurementFactory(organisation=municipality, status="awarded", published_at=timezone.now())
        SocialRequirementFactory(procurement=procurement, criterion=_employment_criterion())
        LotFactory(procurement=procurement, number=1)
        award = AwardFactory(winner=TenderFactory(procurement=procurement))
        CommitmentFactory(contract=ContractFactory(award=award))
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).json()["releases"]) == 7
    assert len(many) == len(few)
    assert len(_data_queries(many)) <= 7  # counting the pages, procurements, requirements, criteria, lots, ...


def _data_queries(queries: CaptureQueriesContext) -> list[str]:
    """The export's own queries, without the rate limiter's (its counters are in the database cache)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if "insteg_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]


def test_the_ocid_prefix_and_the_publisher_are_configurable(client, advertised, settings):
    settings.INSTEG_OCDS_PREFIX = "a1b2c3"
    settings.INSTEG_OCDS_PUBLISHER = "Östersunds kommun"
    package = _package(client)
    assert package["publisher"] == {"name": "Östersunds kommun"}
    assert package["releases"][0]["ocid"] == f"ocds-a1b2c3-2120002627-{advertised.pk}"
