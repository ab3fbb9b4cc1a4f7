import pytest
from django.urls import reverse

from insteg.rules.models import ProcurementPolicy, ProportionalityPreset


def test_deadlines_answer_every_date_with_the_rules_and_sources_without_login(english):
    response = english.get(
        reverse("api:deadlines"),
        {
            "procedure": "open",
            "electronic_submission": "true",
            "notice_sent": "2026-03-05",
            "tender_deadline": "2026-04-20",
            "award_notice_sent": "2026-06-09",
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert {key: data[key] for key in list(data)[:5]} == {
        "minimum_tender_deadline": "2026-04-07",
        "question_deadline": "2026-04-10",
        "answers_due_by": "2026-04-14",
        "standstill_ends": "2026-06-22",
        "earliest_contract_signing": "2026-06-23",
    }
    codes = [rule["code"] for rule in data["rules"]]
    assert codes[:2] == ["open-electronic-30", "eu-1182-71-tender-period"]
    assert {"answers-6", "questions-10", "standstill-electronic-10", "eu-1182-71-standstill"} <= set(codes)
    assert data["rules"][0] == {
        "code": "open-electronic-30",
        "text": "Open procedure where tenders may be submitted electronically: at least 30 days.",
        "source": "11 kap. 6 § LOU",
    }
    assert data["warnings"] == []


def test_deadlines_with_no_parameters_answer_nulls_for_an_open_procedure(client):
    data = client.get(reverse("api:deadlines")).json()
    assert data["minimum_tender_deadline"] is None and data["standstill_ends"] is None


def test_deadlines_defaults_electronic_submission_to_true_and_can_turn_it_off(client):
    url = reverse("api:deadlines")
    assert client.get(url, {"notice_sent": "2026-01-12"}).json()["minimum_tender_deadline"] == "2026-02-11"
    off = client.get(url, {"notice_sent": "2026-01-12", "electronic_submission": "false"}).json()
    assert off["minimum_tender_deadline"] == "2026-02-16"


def test_deadlines_in_swedish_by_accept_language(swedish):
    data = swedish.get(reverse("api:deadlines"), {"notice_sent": "2026-01-12"}).json()
    assert data["rules"][0]["text"].startswith("Öppet förfarande")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"procedure": "lottery"}, "procedure"),
        ({"notice_sent": "2026-02-30"}, "notice_sent"),
        ({"tender_deadline": "next friday"}, "tender_deadline"),
        ({"award_notice_sent": "1999-12-31"}, "award_notice_sent"),
        ({"accelerated": "perhaps"}, "accelerated"),
        ({"notice_sent": "2026-03-05", "tender_deadline": "2026-03-05"}, "tender_deadline"),
        ({"notice_sent": "2026-03-05", "tender_deadline": "2026-03-01"}, "tender_deadline"),
    ],
)
def test_deadlines_refuse_bad_input_with_errors_per_field(client, params, field):
    response = client.get(reverse("api:deadlines"), params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and list(body["errors"]) == [field]


def test_a_deadline_under_the_legal_minimum_is_answered_with_a_warning(english):
    data = english.get(reverse("api:deadlines"), {"notice_sent": "2026-03-05", "tender_deadline": "2026-04-06"}).json()
    assert data["minimum_tender_deadline"] == "2026-04-07"
    assert "earlier than the legal minimum" in data["warnings"][0]


def test_proportionality_suggests_slots_without_login(english):
    response = english.get(
        reverse("api:proportionality"),
        {"contract_type": "works", "estimated_value_sek": "100000000", "duration_months": "36"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["slots_suggested"] == 2
    assert data["preset"] == "trafikverket"
    assert data["recommend_dialogue"] is False
    assert data["slot_definition"] == "12 months of employment or 6 months of internship"
    assert "rounded down: 2 slots" in data["explanation"]


def test_proportionality_recommends_dialogue_for_goods(client):
    data = client.get(
        reverse("api:proportionality"),
        {"contract_type": "goods", "estimated_value_sek": "5000000", "duration_months": "24", "preset": "trafikverket"},
    ).json()
    assert (data["slots_suggested"], data["recommend_dialogue"]) == (0, True)


def test_proportionality_defaults_to_the_signed_in_users_municipality_preset(client, procurement_officer):
    ProcurementPolicy.objects.create(
        organisation=procurement_officer.organisation,
        default_preset=ProportionalityPreset.objects.get(code="ostersund-pilot"),
    )
    params = {"contract_type": "works", "estimated_value_sek": "60000000", "duration_months": "12"}
    assert client.get(reverse("api:proportionality"), params).json()["preset"] == "trafikverket"
    client.force_login(procurement_officer)
    data = client.get(reverse("api:proportionality"), params).json()
    assert (data["preset"], data["slots_suggested"]) == ("ostersund-pilot", 4)
    assert client.get(reverse("api:proportionality"), {**params, "preset": "dialogue-only"}).json()["preset"] == (
        "dialogue-only"
    )


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"estimated_value_sek": "-5"}, {"estimated_value_sek"}),
        ({"estimated_value_sek": "0"}, {"estimated_value_sek"}),
        ({"estimated_value_sek": "1000000000001"}, {"estimated_value_sek"}),
        ({"estimated_value_sek": "12.5 miljoner"}, {"estimated_value_sek"}),
        ({"duration_months": "241"}, {"duration_months"}),
        ({"duration_months": "0"}, {"duration_months"}),
        ({"contract_type": "cars"}, {"contract_type"}),
        ({"preset": "generous"}, {"preset"}),
        ({"contract_type": None, "duration_months": None}, {"contract_type", "duration_months"}),
    ],
)
def test_proportionality_refuses_bad_input_with_errors_per_field(client, params, fields):
    query = {"contract_type": "services", "estimated_value_sek": "30000000", "duration_months": "24", **params}
    query = {key: value for key, value in query.items() if value is not None}
    response = client.get(reverse("api:proportionality"), query)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == fields


def test_an_unknown_preset_lists_the_ones_there_are(english):
    response = english.get(
        reverse("api:proportionality"),
        {"contract_type": "services", "estimated_value_sek": "1", "duration_months": "1", "preset": "generous"},
    )
    assert "dialogue-only, ostersund-pilot, trafikverket" in response.json()["errors"]["preset"][0]


def test_the_openapi_document_describes_both_calculators(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    schema = response.json()
    deadlines = schema["paths"]["/api/v1/deadlines"]["get"]
    assert {parameter["name"] for parameter in deadlines["parameters"]} >= {
        "procedure",
        "electronic_submission",
        "prior_information_notice",
        "accelerated",
        "notice_sent",
        "tender_deadline",
        "award_notice_sent",
        "award_notice_electronic",
    }
    assert {"200", "400"} <= set(deadlines["responses"])
    proportionality = schema["paths"]["/api/v1/proportionality"]["get"]
    assert {parameter["name"] for parameter in proportionality["parameters"]} == {
        "contract_type",
        "estimated_value_sek",
        "duration_months",
        "preset",
    }
