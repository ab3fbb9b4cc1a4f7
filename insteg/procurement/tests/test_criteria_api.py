"""`GET /api/v1/criteria` and `GET /api/v1/criteria/<code>` as contract.md describes them."""

import json

import pytest
from django.urls import reverse

from insteg.accounts.services import create_api_token
from insteg.procurement.criteria_data import CRITERIA, load_criteria
from insteg.procurement.models import Criterion, LegalInstrument, Level, Theme
from insteg.procurement.tests.factories import CriterionFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api:criteria")
CONTRACT_FIELDS = {"code", "title_sv", "title_en", "category", "level", "legal_instrument", "lou_reference", "text_sv"}
# Token (2), throttle counter in the database cache (6), memberships, count, and the page with each row's version.
QUERIES_FOR_LIST = 11


def _detail(code):
    return reverse("api:criterion", args=[code])


@pytest.fixture
def library():
    load_criteria()


@pytest.fixture
def bearer(supplier):
    _token, secret = create_api_token(supplier, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_list_needs_credentials(client):
    response = client.get(LIST)
    assert response.status_code == 401 and set(response.json()) == {"detail"}


def test_the_list_is_paginated_and_has_the_contract_fields(client, bearer, library):
    response = client.get(LIST, {"page_size": 10}, **bearer)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(CRITERIA) and len(body["results"]) == 10
    assert body["previous"] is None and "page=2" in body["next"]
    assert set(body["results"][0]) >= CONTRACT_FIELDS
    last_page = client.get(body["next"].replace("page=2", "page=3"), **bearer).json()
    assert last_page["next"] is None and len(last_page["results"]) == len(CRITERIA) - 20


def test_a_criterion_has_every_field_with_its_codes(client, bearer, library):
    body = client.get(_detail("employment-numeric"), **bearer).json()
    assert body["code"] == "employment-numeric"
    assert body["category"] == "opp"
    assert (body["level"], body["legal_instrument"]) == ("avancerad", "performance_condition")
    assert body["lou_reference"] == "17 kap. 1 § LOU"
    assert "{slots}" in body["text_sv"]
    assert body["theme"] == "employment"
    assert body["sustainability_goal"] == "social.disadvantagedEmploymentOpportunities"
    assert body["requirement_kind"] == "employment_numeric"
    assert body["contract_types"] == ["services", "works", "social_services"]
    assert body["guidance_en"].startswith("The advanced level")
    assert body["verification_sv"] and body["guidance_sv"] and body["verification_en"]
    assert body["is_active"] is True and body["version"] == 1


def test_an_unknown_code_is_a_404_with_a_sentence(client, bearer):
    response = client.get(_detail("no-such-criterion"), HTTP_ACCEPT_LANGUAGE="en", **bearer)
    assert response.status_code == 404 and response.json() == {"detail": "Not found, or not visible to you."}


def test_the_detail_needs_credentials(client, library):
    assert client.get(_detail("employment-numeric")).status_code == 401


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"theme": Theme.SME}, lambda c: c["theme"] == "sme"),
        ({"level": Level.CUTTING_EDGE}, lambda c: c["level"] == "spjutspets"),
        ({"legal_instrument": LegalInstrument.LABOUR_CONDITIONS}, lambda c: c["code"].startswith("labour")),
        ({"contract_type": "goods"}, lambda c: "goods" in c["contract_types"]),
        ({"q": "ILO"}, lambda c: "ILO" in c["title_sv"] + c["title_en"]),
    ],
)
def test_the_list_filters(client, bearer, library, params, check):
    results = client.get(LIST, params, **bearer).json()["results"]
    assert results and all(check(criterion) for criterion in results)


def test_bad_filter_values_are_a_400_with_field_errors(client, bearer):
    response = client.get(LIST, {"theme": "astrology", "level": "expert"}, HTTP_ACCEPT_LANGUAGE="en", **bearer)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The input is not valid."
    assert set(body["errors"]) == {"theme", "level"}
    assert "astrology" in body["errors"]["theme"][0]


def test_inactive_criteria_are_listed_only_for_an_administrator_who_asks(client, bearer, administrator):
    CriterionFactory(code="retired", is_active=False)
    codes = {c["code"] for c in client.get(LIST, {"include_inactive": "true"}, **bearer).json()["results"]}
    assert "retired" not in codes
    client.force_login(administrator)
    assert "retired" not in {c["code"] for c in client.get(LIST).json()["results"]}
    assert "retired" in {c["code"] for c in client.get(LIST, {"include_inactive": "true"}).json()["results"]}
    assert client.get(_detail("retired")).json()["is_active"] is False


def test_the_version_counts_the_stored_versions(client, bearer, library):
    criterion = Criterion.objects.get(code="employment-bonus")
    criterion.title_en = "Bonus"
    criterion.save()
    listed = {c["code"]: c["version"] for c in client.get(LIST, {"q": "bonus"}, **bearer).json()["results"]}
    assert listed == {"employment-bonus": 2}
    assert client.get(_detail("employment-bonus"), **bearer).json()["version"] == 2


@pytest.mark.parametrize("count", [5, 40])
def test_the_list_takes_the_same_number_of_queries_however_many_criteria(
    client, bearer, django_assert_num_queries, count
):
    Criterion.objects.all().delete()
    CriterionFactory.create_batch(count)
    with django_assert_num_queries(QUERIES_FOR_LIST):
        response = client.get(LIST, {"page_size": 50}, **bearer)
    assert response.json()["count"] == count


def test_the_openapi_document_describes_the_criteria_endpoints(client):
    document = json.loads(client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").content)
    parameters = {p["name"] for p in document["paths"]["/api/v1/criteria"]["get"]["parameters"]}
    assert {"theme", "level", "legal_instrument", "contract_type", "q", "page"} <= parameters
    assert "/api/v1/criteria/{code}" in document["paths"]
