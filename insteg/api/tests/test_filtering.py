"""Filtering, ordering and pagination on the API's lists, the new list and action routes, and throttling."""

import datetime
import json

import pytest
from django.test import Client
from rest_framework.throttling import SimpleRateThrottle

from insteg.accounts.services import create_api_token
from insteg.contracts.models import Occupation, Position
from insteg.contracts.tests.factories import AwardFactory, ContractFactory, PositionFactory, TenderFactory
from insteg.matching.models import Proposal
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory, ProposalFactory
from insteg.procurement.tests.factories import ProcurementFactory
from insteg.training.tests.factories import CourseFactory, SessionFactory, in_days


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


# --- Procurements -----------------------------------------------------------------------------------------------


@pytest.fixture
def procurements(municipality, procurement_officer):
    def make(**fields):
        return ProcurementFactory(organisation=municipality, officer=procurement_officer, **fields)

    return {
        "cleaning": make(
            title="Lokalvård skolor", reference="KS 2026/0101", tender_deadline=datetime.date(2026, 4, 10)
        ),
        "food": make(
            title="Livsmedel till skolköken",
            reference="KS 2026/0102",
            contract_type="goods",
            cpv_main="15000000-8",
            tender_deadline=datetime.date(2026, 4, 1),
        ),
        "roads": make(
            title="Vägunderhåll",
            reference="TN 2026/0007",
            contract_type="works",
            status="published",
            tender_deadline=datetime.date(2026, 5, 4),
        ),
    }


def test_procurements_filter_by_status_type_and_words(procurement_officer, procurements):
    client = _client(procurement_officer)
    url = "/api/v1/procurements"
    assert _ids(client.get(url, {"status": "published"})) == [procurements["roads"].pk]
    assert _ids(client.get(url, {"contract_type": "goods"})) == [procurements["food"].pk]
    assert _ids(client.get(url, {"q": "skol"})) == [procurements["food"].pk, procurements["cleaning"].pk]
    assert _ids(client.get(url, {"q": "KS 2026/0101"})) == [procurements["cleaning"].pk]
    assert _ids(client.get(url, {"q": "skol vård"})) == [procurements["cleaning"].pk]


def test_procurements_order_by_tender_deadline_either_way(procurement_officer, procurements):
    client = _client(procurement_officer)
    soonest_first = [procurements[name].pk for name in ("food", "cleaning", "roads")]
    assert _ids(client.get("/api/v1/procurements", {"ordering": "tender_deadline"})) == soonest_first
    assert _ids(client.get("/api/v1/procurements", {"ordering": "-tender_deadline"})) == soonest_first[::-1]


@pytest.mark.parametrize(
    ("parameters", "field"),
    [
        ({"status": "bogus"}, "status"),
        ({"ordering": "password"}, "ordering"),
        ({"ordering": "-officer__password"}, "ordering"),
        ({"procedure": "lottery"}, "procedure"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_the_parameter(procurement_officer, procurements, parameters, field):
    response = _client(procurement_officer).get("/api/v1/procurements", parameters)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The input is not valid."
    assert list(body["errors"]) == [field]


def test_a_bad_ordering_says_what_may_be_sorted_by(procurement_officer):
    response = _client(procurement_officer).get("/api/v1/procurements", {"ordering": "password"})
    assert response.json()["errors"]["ordering"] == [
        "Sort by one of: created, -created, tender_deadline, -tender_deadline, reference, -reference."
    ]


def test_a_supplier_filters_only_within_what_it_may_see(supplier, procurements):
    response = _client(supplier).get("/api/v1/procurements", {"contract_type": "goods"})
    assert response.json()["count"] == 0  # the goods procurement is a draft: not the supplier's to see


# --- Contracts and positions ------------------------------------------------------------------------------------


@pytest.fixture
def contract(municipality, procurement_officer, supplier):
    procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="awarded")
    tender = TenderFactory(procurement=procurement, organisation=supplier.organisation)
    return ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))


@pytest.fixture
def positions(contract):
    return {
        "cleaner": PositionFactory(contract=contract),
        "cook": PositionFactory(
            contract=contract,
            title="Kock, praktik",
            occupation=Occupation.objects.get(code="5120"),
            workplace_municipality="Krokom",
            start_from=datetime.date(2026, 10, 1),
        ),
        "filled": PositionFactory(contract=contract, title="Städare", status=Position.Status.FILLED),
    }


def test_every_position_a_supplier_may_see_with_filters(supplier, other_supplier, positions):
    client = _client(supplier)
    assert len(_ids(client.get("/api/v1/positions"))) == 3
    assert _ids(client.get("/api/v1/positions", {"status": "open", "occupation": "91"})) == [positions["cleaner"].pk]
    assert _ids(client.get("/api/v1/positions", {"municipality": "krokom"})) == [positions["cook"].pk]
    assert _ids(client.get("/api/v1/positions", {"starts_before": "2026-09-01", "ordering": "-title"})) == [
        positions["filled"].pk,
        positions["cleaner"].pk,
    ]
    assert _client(other_supplier).get("/api/v1/positions").json()["count"] == 0
    assert client.get("/api/v1/positions", {"occupation": "cook"}).status_code == 400


def test_a_contracts_positions_take_the_same_filters(procurement_officer, contract, positions):
    response = _client(procurement_officer).get(f"/api/v1/contracts/{contract.pk}/positions", {"status": "filled"})
    assert _ids(response) == [positions["filled"].pk]


def test_contracts_filter_by_supplier_and_day(procurement_officer, contract, supplier, other_supplier):
    client = _client(procurement_officer)
    assert _ids(client.get("/api/v1/contracts", {"supplier": supplier.organisation.pk})) == [contract.pk]
    assert _ids(client.get("/api/v1/contracts", {"supplier": other_supplier.organisation.pk})) == []
    assert _ids(client.get("/api/v1/contracts", {"active_on": "2027-01-01"})) == [contract.pk]
    assert _ids(client.get("/api/v1/contracts", {"active_on": "2031-01-01"})) == []
    assert client.get("/api/v1/contracts", {"active_on": "20226-01-01"}).status_code == 400


# --- Participants, proposals and placements ---------------------------------------------------------------------


@pytest.fixture
def people(municipality, employment_officer):
    def person(first, last, **fields):
        return ParticipantFactory(
            municipality=municipality, referred_by=employment_officer, first_name=first, last_name=last, **fields
        )

    return {
        "amina": person("Amina", "Yusuf", occupations=[Occupation.objects.get(code="9111")]),
        "jonas": person("Jonas", "Berg", target_group="newly_arrived", available_from=datetime.date(2026, 12, 1)),
        "placed": person("Sara", "Berglund", status="placed"),
    }


def test_participants_filter_by_what_officers_search_for(matching_officer, people):
    client = _client(matching_officer)
    assert _ids(client.get("/api/v1/participants", {"q": "berg"})) == [people["placed"].pk, people["jonas"].pk]
    assert _ids(client.get("/api/v1/participants", {"target_group": "newly_arrived"})) == [people["jonas"].pk]
    assert _ids(client.get("/api/v1/participants", {"occupation": "9111"})) == [people["amina"].pk]
    assert _ids(client.get("/api/v1/participants", {"status": "available", "available_before": "2026-09-01"})) == [
        people["amina"].pk
    ]
    assert _ids(client.get("/api/v1/participants", {"ordering": "name"})) == [
        people["jonas"].pk,
        people["placed"].pk,
        people["amina"].pk,
    ]
    assert client.get("/api/v1/participants", {"target_group": "everyone"}).status_code == 400


def test_a_filtered_participant_list_still_logs_every_person_shown(matching_officer, people):
    from insteg.matching.models import ParticipantView

    _client(matching_officer).get("/api/v1/participants", {"q": "amina"})
    assert list(ParticipantView.objects.values_list("participant_id", flat=True)) == [people["amina"].pk]


def test_the_participant_filters_do_not_open_the_list_to_others(supplier, people):
    assert _client(supplier).get("/api/v1/participants", {"q": "amina"}).status_code == 403


@pytest.fixture
def proposals(matching_officer, people, positions):
    return {
        "draft": ProposalFactory(participant=people["amina"], position=positions["cleaner"]),
        "sent": ProposalFactory(
            participant=people["jonas"], position=positions["cook"], status=Proposal.Status.PROPOSED, score=80
        ),
    }


def test_saved_proposals_are_listed_by_status_and_position(matching_officer, proposals, positions):
    client = _client(matching_officer)
    url = "/api/v1/matching/proposals/saved"
    assert _ids(client.get(url, {"status": "proposed"})) == [proposals["sent"].pk]
    assert _ids(client.get(url, {"position": positions["cleaner"].pk})) == [proposals["draft"].pk]
    assert _ids(client.get(url, {"ordering": "-score"})) == [proposals["sent"].pk, proposals["draft"].pk]
    assert client.get(url, {"status": "maybe"}).status_code == 400


def test_a_host_sees_only_proposals_sent_to_it_and_only_the_first_name(supplier, proposals):
    body = _client(supplier).get("/api/v1/matching/proposals/saved").json()
    assert [item["id"] for item in body["results"]] == [proposals["sent"].pk]
    assert body["results"][0]["first_name"] == "Jonas"
    assert "participant" not in body["results"][0]


def test_others_do_not_list_proposals(funder, procurement_officer):
    for user in (funder, procurement_officer):
        assert _client(user).get("/api/v1/matching/proposals/saved").status_code == 403


def test_a_matching_officer_withdraws_a_proposal(matching_officer, proposals):
    client = _client(matching_officer)
    response = client.post(f"/api/v1/matching/proposals/{proposals['draft'].pk}/withdraw")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    again = client.post(f"/api/v1/matching/proposals/{proposals['draft'].pk}/withdraw")
    assert again.status_code == 409
    assert again.json()["detail"] == "Only a prepared or proposed match can be withdrawn."


def test_only_the_municipalitys_matching_officers_withdraw(employment_officer, supplier, proposals):
    url = f"/api/v1/matching/proposals/{proposals['sent'].pk}/withdraw"
    assert _client(employment_officer).post(url).status_code == 403
    assert _client(supplier).post(url).status_code == 403
    assert _client(supplier).post(f"/api/v1/matching/proposals/{proposals['draft'].pk}/withdraw").status_code == 404
    assert Proposal.objects.get(pk=proposals["sent"].pk).status == Proposal.Status.PROPOSED


def test_placements_filter_by_status_and_start(matching_officer, people, positions):
    early = PlacementFactory(participant=people["placed"], position=positions["cleaner"], status="active")
    late = PlacementFactory(
        participant=people["amina"], position=positions["cook"], starts_on=datetime.date(2026, 10, 5)
    )
    client = _client(matching_officer)
    assert _ids(client.get("/api/v1/placements", {"status": "active"})) == [early.pk]
    assert _ids(client.get("/api/v1/placements", {"starts_from": "2026-10-01"})) == [late.pk]
    assert _ids(client.get("/api/v1/placements", {"starts_to": "2026-09-30"})) == [early.pk]
    assert _ids(client.get("/api/v1/placements", {"ordering": "starts_on"})) == [early.pk, late.pk]
    assert client.get("/api/v1/placements", {"starts_from": "soon"}).status_code == 400


# --- Training sessions (public) ---------------------------------------------------------------------------------


def test_public_sessions_filter_by_status_and_day(client):
    course = CourseFactory()
    soon = SessionFactory(course=course, starts_at=in_days(20))
    full = SessionFactory(course=course, starts_at=in_days(40), capacity=1)
    later = SessionFactory(course=course, starts_at=in_days(60), location="Folkets hus, Krokom")
    from insteg.training.tests.factories import RegistrationFactory

    RegistrationFactory(session=full, status="confirmed")
    url = "/api/v1/training/sessions"
    assert _ids(client.get(url, {"status": "open"})) == [soon.pk, later.pk]
    assert _ids(client.get(url, {"status": "full"})) == [full.pk]
    from_day = (in_days(30)).date().isoformat()
    assert _ids(client.get(url, {"starts_from": from_day})) == [full.pk, later.pk]
    assert _ids(client.get(url, {"q": "krokom"})) == [later.pk]
    assert _ids(client.get(url, {"ordering": "-starts_at"})) == [later.pk, full.pk, soon.pk]
    assert client.get(url, {"status": "someday"}).status_code == 400


# --- Criteria and the due list ---------------------------------------------------------------------------------


def test_criteria_filter_by_category_and_level(procurement_officer):
    client = _client(procurement_officer)
    body = client.get("/api/v1/criteria", {"category": "gen-eq", "page_size": 200}).json()
    assert body["count"] and {item["category"] for item in body["results"]} == {"gen-eq"}
    levels = client.get("/api/v1/criteria", {"level": "bas", "page_size": 200}).json()["results"]
    assert levels and {item["level"] for item in levels} == {"bas"}
    assert client.get("/api/v1/criteria", {"category": "nonsense"}).status_code == 400


def test_the_due_list_takes_overdue(matching_officer):
    client = _client(matching_officer)
    assert client.get("/api/v1/followups/due", {"overdue": "true"}).status_code == 200
    assert client.get("/api/v1/followups/due", {"overdue": "perhaps"}).status_code == 400


# --- Pagination --------------------------------------------------------------------------------------------------


def test_pages_keep_the_order_and_link_to_the_next(procurement_officer, municipality):
    for number in range(5):
        ProcurementFactory(organisation=municipality, tender_deadline=datetime.date(2026, 4, 10), title=f"P{number}")
    client = _client(procurement_officer)
    first = client.get("/api/v1/procurements", {"ordering": "tender_deadline", "page_size": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2
    assert "ordering=tender_deadline" in first["next"] and "page=2" in first["next"]
    seen = [item["id"] for item in first["results"]]
    page = first
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [item["id"] for item in page["results"]]
    assert len(seen) == len(set(seen)) == 5


# --- The OpenAPI document ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document(django_db_blocker):
    with django_db_blocker.unblock():
        return json.loads(Client().get("/api/v1/openapi.json", HTTP_ACCEPT="application/json").content)


def test_every_list_is_documented_as_a_page(document):
    for path, operations in document["paths"].items():
        get = operations.get("get")
        if not get or "page_size" not in {parameter["name"] for parameter in get.get("parameters", [])}:
            continue
        if path == "/api/v1/open-data/ocds":
            continue  # an OCDS release package pages with its own `links`, as the standard says
        schema = get["responses"]["200"]["content"]["application/json"]["schema"]
        name = schema["$ref"].rsplit("/", 1)[-1]
        assert {"count", "next", "previous", "results"} <= set(document["components"]["schemas"][name]["properties"])


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/api/v1/procurements", {"status", "contract_type", "procedure", "q", "ordering", "page", "page_size"}),
        ("/api/v1/contracts", {"supplier", "active_on", "ordering"}),
        ("/api/v1/positions", {"status", "occupation", "municipality", "ordering"}),
        ("/api/v1/participants", {"status", "target_group", "occupation", "available_before", "q"}),
        ("/api/v1/matching/proposals/saved", {"status", "position"}),
        ("/api/v1/placements", {"status", "contract", "starts_from", "starts_to"}),
        ("/api/v1/followups/due", {"overdue", "scope"}),
        ("/api/v1/training/sessions", {"status", "starts_from"}),
        ("/api/v1/criteria", {"category", "level"}),
        ("/api/v1/procurements/{id}/questions", {"status"}),
    ],
)
def test_the_filters_are_in_the_openapi_document(document, path, names):
    parameters = {parameter["name"]: parameter for parameter in document["paths"][path]["get"]["parameters"]}
    assert names <= set(parameters)
    if "ordering" in parameters:
        assert "-" in parameters["ordering"]["description"]


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/v1/procurements", "post"),
        ("/api/v1/procurements/{id}/requirements", "post"),
        ("/api/v1/participants", "post"),
        ("/api/v1/training/sessions/{id}/registrations", "post"),
        ("/api/v1/procurements/{id}/questions", "post"),
    ],
)
def test_the_main_bodies_have_examples(document, path, method):
    operation = document["paths"][path][method]
    assert operation["requestBody"]["content"]["application/json"]["examples"]
    bad = operation["responses"]["400"]["content"]["application/json"]["examples"]
    assert next(iter(bad.values()))["value"]["errors"]


# --- Throttling --------------------------------------------------------------------------------------------------


def test_a_token_user_over_the_user_rate_gets_429_with_retry_after(monkeypatch, procurement_officer):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1000/minute", "user": "3/minute"})
    _token, secret = create_api_token(procurement_officer, name="throttled")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE="en")
    statuses = [client.get("/api/v1/me").status_code for _ in range(3)]
    response = client.get("/api/v1/procurements")
    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    retry_after = response["Retry-After"]
    assert retry_after.isdigit() and 1 <= int(retry_after) <= 60
    assert response.json()["detail"].startswith("Request was throttled.")
    assert set(response.json()) == {"detail"}


def test_the_user_rate_is_per_user_not_per_address(monkeypatch, procurement_officer, supplier):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1000/minute", "user": "2/minute"})
    officer = Client(HTTP_AUTHORIZATION=f"Bearer {create_api_token(procurement_officer, name='a')[1]}")
    for _ in range(2):
        officer.get("/api/v1/me")
    assert officer.get("/api/v1/me").status_code == 429
    other = Client(HTTP_AUTHORIZATION=f"Bearer {create_api_token(supplier, name='b')[1]}")
    assert other.get("/api/v1/me").status_code == 200


# --- Lots (the page's "Delkontrakt") -----------------------------------------------------------------------------


def test_an_officer_adds_lists_and_removes_lots_of_a_draft(procurement_officer, municipality):
    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    client = _client(procurement_officer)
    url = f"/api/v1/procurements/{draft.pk}/lots"
    body = {"number": 1, "title": "Förskolor", "estimated_value_sek": 12_000_000}
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json() == body
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert again.status_code == 400 and again.json()["errors"]["number"] == ["There is already a lot with this number."]
    assert client.get(url).json()["results"] == [body]
    assert client.get(f"/api/v1/procurements/{draft.pk}").json()["lots"] == [body]
    assert client.delete(f"{url}/1").status_code == 204
    assert client.get(url).json()["count"] == 0
    assert client.delete(f"{url}/1").status_code == 404


def test_lots_of_a_published_procurement_do_not_change(procurement_officer, supplier, municipality):
    published = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="published")
    body = json.dumps({"number": 1, "title": "Förskolor"})
    url = f"/api/v1/procurements/{published.pk}/lots"
    assert _client(procurement_officer).post(url, body, content_type="application/json").status_code == 409
    assert _client(supplier).post(url, body, content_type="application/json").status_code == 403
    assert _client(supplier).get(url).status_code == 200
