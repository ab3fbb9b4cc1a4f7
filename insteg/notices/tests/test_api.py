"""The notices API: public notices and answers, supplier questions and registrations, the buyer's inbox."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from insteg.notices import services
from insteg.notices.models import Answer, InterestedSupplier, Question
from insteg.notices.tests.factories import InterestedSupplierFactory, QuestionFactory
from insteg.procurement.models import Theme
from insteg.procurement.tests.factories import (
    CriterionFactory,
    LotFactory,
    ProcurementFactory,
    SocialRequirementFactory,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
BEFORE_QUESTION_DEADLINE = datetime.datetime(2026, 3, 20, 10, tzinfo=STOCKHOLM)
AFTER_QUESTION_DEADLINE = datetime.datetime(2026, 4, 1, 10, tzinfo=STOCKHOLM)
# Tuesday after Easter: the last day for answers (Saturday 4 April) has passed, the tender deadline (10 April) not.
AFTER_ANSWERS_DUE = datetime.datetime(2026, 4, 7, 10, tzinfo=STOCKHOLM)
AFTER_TENDER_DEADLINE = datetime.datetime(2026, 4, 11, 10, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def _spring_2026():
    with time_machine.travel(BEFORE_QUESTION_DEADLINE, tick=False) as traveller:
        yield traveller


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def _question(advertised, supplier, text="Räknas en lärlingsanställning som uppfyllelse av kravet?"):
    return services.ask_question(advertised, user=supplier, text=text)


def _draft(advertised, officer, questions=(), **extra):
    return services.draft_answer(
        advertised,
        user=officer,
        public_question="Räknas en lärlingsanställning?",
        text="Ja, alternativ b.",
        questions=questions,
        kind=Answer.Kind.ANSWER if questions else Answer.Kind.CLARIFICATION,
        **extra,
    )


def _published(advertised, officer, supplier):
    answer = _draft(advertised, officer, [_question(advertised, supplier)])
    return services.publish_answer(answer, user=officer)


# --- Notices ----------------------------------------------------------------------------------------------------


def test_anyone_lists_published_notices_with_the_dates_and_requirements_a_bidder_needs(advertised, municipality):
    ProcurementFactory(organisation=municipality, title="Utkast som ingen ser")
    response = _api().get("/api/v1/notices")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    (notice,) = body["results"]
    assert notice["title"] == "Lokalvård i kommunens förskolor"
    assert notice["buyer"] == "Östersunds kommun"
    assert notice["tender_deadline"] == "2026-04-10"
    assert notice["question_deadline"] == "2026-03-31"
    assert notice["answers_due_by"] == "2026-04-04"
    assert notice["open"] is True
    (requirement,) = notice["social_requirements"]
    assert set(requirement) == {"criterion", "title_sv", "title_en", "level"}
    assert notice["summary_sv"] and notice["summary_en"]


def test_notices_are_paginated(municipality):
    ProcurementFactory.create_batch(3, organisation=municipality, status="published")
    body = _api().get("/api/v1/notices?page_size=2").json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] and body["previous"] is None


def test_notices_filter_by_contract_type_theme_open_and_words(advertised, municipality):
    equality = CriterionFactory(theme=Theme.GENDER_EQUALITY)
    works = ProcurementFactory(
        organisation=municipality,
        status="published",
        contract_type="works",
        title="Ombyggnad av Storsjöskolan",
        tender_deadline=datetime.date(2026, 3, 1),
    )
    SocialRequirementFactory(procurement=works, criterion=equality)
    api = _api()

    def titles(query):
        response = api.get(f"/api/v1/notices?{query}")
        assert response.status_code == 200, response.json()
        return {notice["title"] for notice in response.json()["results"]}

    assert titles("contract_type=works") == {"Ombyggnad av Storsjöskolan"}
    assert titles("theme=gender_equality") == {"Ombyggnad av Storsjöskolan"}
    assert titles("theme=employment") == {"Lokalvård i kommunens förskolor"}
    assert titles("open=true") == {"Lokalvård i kommunens förskolor"}
    assert titles("open=false") == {"Ombyggnad av Storsjöskolan"}
    assert titles("q=storsjöskolan") == {"Ombyggnad av Storsjöskolan"}
    assert titles("q=KS+2026/0231") == {"Lokalvård i kommunens förskolor"}


@pytest.mark.parametrize(
    ("field", "value"), [("contract_type", "lottery"), ("theme", "luck"), ("open", "maybe"), ("q", "x" * 300)]
)
def test_bad_filters_are_400_with_field_errors(field, value):
    response = _api().get("/api/v1/notices", {field: value})
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_notice_list_costs_the_same_queries_however_many_notices(municipality):
    """Constant: every notice's `answers_due_by` shares one read of the time-limit table."""

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert _api().get("/api/v1/notices").status_code == 200
        return captured.captured_queries

    def notice():
        procurement = ProcurementFactory(organisation=municipality, status="published")
        LotFactory(procurement=procurement)
        SocialRequirementFactory(procurement=procurement)

    notice()
    few = len(queries())
    for _ in range(4):
        notice()
    assert len(queries()) == few


def test_a_notice_shows_lots_published_answers_only_and_extensions(advertised, procurement_officer, supplier):
    published = _published(advertised, procurement_officer, supplier)
    _draft(advertised, procurement_officer)
    services.extend_tender_deadline(advertised, user=procurement_officer, new_deadline=datetime.date(2026, 4, 17))
    response = _api().get(f"/api/v1/notices/{advertised.pk}")
    assert response.status_code == 200
    body = response.json()
    assert [lot["number"] for lot in body["lots"]] == [1]
    (answer,) = body["answers"]
    assert answer["id"] == published.pk
    assert answer["number"] == 1
    assert answer["question"] == "Räknas en lärlingsanställning?"
    assert answer["corrects"] is None and answer["corrected_by"] is None
    assert body["deadline_extensions"][0]["previous"] == "2026-04-10"
    assert body["deadline_extensions"][0]["new"] == "2026-04-17"
    assert body["tender_deadline"] == "2026-04-17"


def test_a_draft_notice_is_not_found(municipality):
    draft = ProcurementFactory(organisation=municipality)
    assert _api().get(f"/api/v1/notices/{draft.pk}").status_code == 404


# --- Questions --------------------------------------------------------------------------------------------------


def test_a_supplier_asks_and_gets_a_receipt(advertised, supplier):
    requirement = advertised.requirements.get()
    response = _api(supplier).post(
        f"/api/v1/procurements/{advertised.pk}/questions",
        {"text": "Gäller kravet även delkontrakt 1?", "lot": 1, "requirement": requirement.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == {"id", "received_at", "in_good_time"}
    assert body["in_good_time"] is True
    assert body["received_at"].startswith("2026-03-20")
    question = Question.objects.get()
    assert question.lot.number == 1 and question.requirement == requirement


def test_a_question_after_the_question_deadline_is_received_but_not_in_good_time(advertised, supplier, _spring_2026):
    _spring_2026.move_to(AFTER_QUESTION_DEADLINE)
    response = _api(supplier).post(
        f"/api/v1/procurements/{advertised.pk}/questions", {"text": "En sen fråga?"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["in_good_time"] is False


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 100_000}, "text"),
        ({}, "text"),
        ({"text": "Fråga?", "lot": 7}, "lot"),
        ({"text": "Fråga?", "lot": "ett"}, "lot"),
        ({"text": "Fråga?", "requirement": 999_999}, "requirement"),
    ],
)
def test_bad_questions_are_400_with_field_errors_and_nothing_stored(advertised, supplier, payload, field):
    response = _api(supplier).post(f"/api/v1/procurements/{advertised.pk}/questions", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Question.objects.exists()


def test_a_requirement_of_another_procurement_is_refused(advertised, supplier, municipality):
    elsewhere = SocialRequirementFactory(procurement=ProcurementFactory(organisation=municipality, status="published"))
    response = _api(supplier).post(
        f"/api/v1/procurements/{advertised.pk}/questions",
        {"text": "Fråga?", "requirement": elsewhere.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "requirement" in response.json()["errors"]


def test_malformed_json_is_400(advertised, supplier):
    response = _api(supplier).post(
        f"/api/v1/procurements/{advertised.pk}/questions", data='{"text": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]


def test_html_in_a_question_is_stored_and_returned_as_text(advertised, supplier):
    text = "<script>alert('x')</script> Gäller <b>kravet</b>?"
    api = _api(supplier)
    assert api.post(f"/api/v1/procurements/{advertised.pk}/questions", {"text": text}, format="json").status_code == 201
    (question,) = api.get(f"/api/v1/procurements/{advertised.pk}/questions").json()["results"]
    assert question["text"] == text


def test_a_closed_procurement_takes_no_questions(advertised, supplier, _spring_2026):
    _spring_2026.move_to(AFTER_TENDER_DEADLINE)
    response = _api(supplier).post(f"/api/v1/procurements/{advertised.pk}/questions", {"text": "Fråga?"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]


def test_a_draft_takes_no_questions_and_is_not_found(municipality, supplier):
    draft = ProcurementFactory(organisation=municipality)
    response = _api(supplier).post(f"/api/v1/procurements/{draft.pk}/questions", {"text": "Fråga?"}, format="json")
    assert response.status_code == 404


def test_only_suppliers_ask(advertised, procurement_officer, matching_officer):
    for user in (procurement_officer, matching_officer):
        response = _api(user).post(f"/api/v1/procurements/{advertised.pk}/questions", {"text": "?"}, format="json")
        assert response.status_code == 403
    assert (
        _api().post(f"/api/v1/procurements/{advertised.pk}/questions", {"text": "?"}, format="json").status_code == 401
    )


def test_staff_see_every_question_with_the_asker(advertised, procurement_officer, supplier, other_supplier):
    _question(advertised, supplier)
    _question(advertised, other_supplier)
    body = _api(procurement_officer).get(f"/api/v1/procurements/{advertised.pk}/questions").json()
    assert body["count"] == 2
    assert [q["asking_organisation"]["name"] for q in body["results"]] == ["Storsjöbygg AB", "Frösö Städ AB"]
    assert [q["asked_by"] for q in body["results"]] == ["lars", "maria"]
    assert body["results"][0]["in_good_time"] is True and body["results"][0]["status"] == "received"


def test_a_supplier_sees_only_its_own_questions_and_no_asker_fields(advertised, supplier, other_supplier):
    own = _question(advertised, supplier)
    _question(advertised, other_supplier, text="Den andras fråga")
    body = _api(supplier).get(f"/api/v1/procurements/{advertised.pk}/questions").json()
    (question,) = body["results"]
    assert question["id"] == own.pk
    assert "asking_organisation" not in question and "asked_by" not in question


@pytest.mark.parametrize(("persona", "status"), [("matching_officer", 403), ("funder", 403), ("anonymous", 401)])
def test_others_may_not_list_questions(request, advertised, persona, status):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    assert _api(user).get(f"/api/v1/procurements/{advertised.pk}/questions").status_code == status


def test_one_question_for_the_asker_and_staff_only(advertised, supplier, other_supplier, procurement_officer):
    question = _question(advertised, supplier)
    url = f"/api/v1/procurements/{advertised.pk}/questions/{question.pk}"
    own = _api(supplier).get(url)
    assert own.status_code == 200 and "asking_organisation" not in own.json()
    assert _api(procurement_officer).get(url).json()["asking_organisation"]["name"] == "Storsjöbygg AB"
    assert _api(other_supplier).get(url).status_code == 404
    assert _api().get(url).status_code == 401


# --- Answers ----------------------------------------------------------------------------------------------------


def test_an_officer_drafts_an_answer_to_merged_duplicates(advertised, procurement_officer, supplier, other_supplier):
    first, second = _question(advertised, supplier), _question(advertised, other_supplier)
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{advertised.pk}/answers",
        {
            "questions": [first.pk, second.pk],
            "public_question": "Räknas en lärlingsanställning?",
            "text": "Ja.",
            "lot": 1,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["number"] is None and body["lot"] == 1
    assert sorted(body["questions"]) == sorted([first.pk, second.pk])


def test_a_clarification_needs_no_question(advertised, procurement_officer):
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{advertised.pk}/answers",
        {"kind": "clarification", "public_question": "Förtydligande om delkontrakt", "text": "Delkontrakt 1 ..."},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "clarification"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"questions": [], "public_question": "?", "text": "Svar"}, "questions"),
        ({"questions": [999_999], "public_question": "?", "text": "Svar"}, "questions"),
        ({"kind": "rumour", "public_question": "?", "text": "Svar"}, "kind"),
        ({"kind": "clarification", "public_question": "", "text": "Svar"}, "public_question"),
        ({"kind": "clarification", "public_question": "?", "text": "x" * 20_001}, "text"),
        ({"kind": "clarification", "public_question": "?", "text": "Svar", "requirement": 999_999}, "requirement"),
    ],
)
def test_bad_answers_are_400(advertised, procurement_officer, payload, field):
    response = _api(procurement_officer).post(f"/api/v1/procurements/{advertised.pk}/answers", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Answer.objects.exists()


def test_only_the_buyers_staff_draft_answers(advertised, supplier, matching_officer):
    payload = {"kind": "clarification", "public_question": "?", "text": "Svar"}
    url = f"/api/v1/procurements/{advertised.pk}/answers"
    assert _api(supplier).post(url, payload, format="json").status_code == 403
    assert _api(matching_officer).post(url, payload, format="json").status_code == 403
    assert _api().post(url, payload, format="json").status_code == 401


def test_everyone_sees_published_answers_and_staff_also_drafts(advertised, procurement_officer, supplier):
    published = _published(advertised, procurement_officer, supplier)
    draft = _draft(advertised, procurement_officer)
    url = f"/api/v1/procurements/{advertised.pk}/answers"
    public = _api().get(url).json()
    assert [answer["id"] for answer in public["results"]] == [published.pk]
    assert "status" not in public["results"][0]
    staff = _api(procurement_officer).get(url).json()
    assert [(answer["id"], answer["status"]) for answer in staff["results"]] == [
        (published.pk, "published"),
        (draft.pk, "draft"),
    ]
    assert _api().get(f"{url}/{published.pk}").status_code == 200
    assert _api().get(f"{url}/{draft.pk}").status_code == 404
    assert _api(supplier).get(f"{url}/{draft.pk}").status_code == 404
    assert _api(procurement_officer).get(f"{url}/{draft.pk}").json()["status"] == "draft"


def test_answers_of_a_draft_procurement_are_not_found(municipality):
    draft = ProcurementFactory(organisation=municipality)
    assert _api().get(f"/api/v1/procurements/{draft.pk}/answers").status_code == 404


def test_an_officer_changes_a_draft_but_never_a_published_answer(advertised, procurement_officer, supplier):
    draft = _draft(advertised, procurement_officer)
    published = _published(advertised, procurement_officer, supplier)
    api = _api(procurement_officer)
    url = f"/api/v1/procurements/{advertised.pk}/answers"
    response = api.patch(f"{url}/{draft.pk}", {"text": "Nytt svar", "lot": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["answer"] == "Nytt svar" and response.json()["lot"] == 1
    assert api.patch(f"{url}/{draft.pk}", {"kind": "answer"}, format="json").status_code == 400
    assert api.patch(f"{url}/{draft.pk}", {"text": ""}, format="json").status_code == 400
    refused = api.patch(f"{url}/{published.pk}", {"text": "Ändrat"}, format="json")
    assert refused.status_code == 409
    published.refresh_from_db()
    assert published.text == "Ja, alternativ b."


def test_others_may_not_change_answers(advertised, procurement_officer, supplier):
    draft = _draft(advertised, procurement_officer)
    url = f"/api/v1/procurements/{advertised.pk}/answers/{draft.pk}"
    assert _api(supplier).patch(url, {"text": "Hack"}, format="json").status_code == 403
    assert _api().patch(url, {"text": "Hack"}, format="json").status_code == 401


def test_publishing_numbers_the_answer_and_emails_every_interested_supplier(
    advertised, procurement_officer, supplier, mailoutbox
):
    InterestedSupplierFactory(procurement=advertised, contact_email="anbud@storsjobygg.example")
    InterestedSupplierFactory(procurement=advertised, contact_email="anbud@frosostad.example")
    answer = _draft(advertised, procurement_officer, [_question(advertised, supplier)])
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{advertised.pk}/answers/{answer.pk}/publish", {}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "published" and response.json()["number"] == 1
    assert sorted(message.to[0] for message in mailoutbox) == ["anbud@frosostad.example", "anbud@storsjobygg.example"]
    assert all(len(message.to) == 1 and not message.cc and not message.bcc for message in mailoutbox)
    again = _api(procurement_officer).post(
        f"/api/v1/procurements/{advertised.pk}/answers/{answer.pk}/publish", {}, format="json"
    )
    assert again.status_code == 409


def test_a_late_answer_is_refused_then_published_with_a_reason(advertised, procurement_officer, supplier, _spring_2026):
    answer = _draft(advertised, procurement_officer, [_question(advertised, supplier)])
    _spring_2026.move_to(AFTER_ANSWERS_DUE)
    url = f"/api/v1/procurements/{advertised.pk}/answers/{answer.pk}/publish"
    api = _api(procurement_officer)
    refused = api.post(url, {}, format="json")
    assert refused.status_code == 400
    assert "13 april 2026" in refused.json()["errors"]["late_reason"][0]
    response = api.post(url, {"late_reason": "Svaret upprepar bara vad som redan står i dokumenten."}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["late_reason"].startswith("Svaret upprepar")
    advertised.refresh_from_db()
    assert advertised.tender_deadline == datetime.date(2026, 4, 10)


def test_a_late_answer_is_published_with_an_extension_no_earlier_than_suggested(
    advertised, procurement_officer, supplier, _spring_2026
):
    answer = _draft(advertised, procurement_officer, [_question(advertised, supplier)])
    _spring_2026.move_to(AFTER_ANSWERS_DUE)
    url = f"/api/v1/procurements/{advertised.pk}/answers/{answer.pk}/publish"
    api = _api(procurement_officer)
    too_early = api.post(url, {"extend_to": "2026-04-12"}, format="json")
    assert too_early.status_code == 400
    assert "2026-04-13" in too_early.json()["errors"]["extend_to"][0]
    assert api.post(url, {"extend_to": "2026-02-30"}, format="json").status_code == 400
    response = api.post(url, {"extend_to": "2026-04-13"}, format="json")
    assert response.status_code == 200, response.json()
    notice = _api().get(f"/api/v1/notices/{advertised.pk}").json()
    assert notice["tender_deadline"] == "2026-04-13"
    assert notice["deadline_extensions"][0]["new"] == "2026-04-13"


def test_a_significant_change_needs_an_extension(advertised, procurement_officer):
    answer = _draft(advertised, procurement_officer, significant_change=True)
    url = f"/api/v1/procurements/{advertised.pk}/answers/{answer.pk}/publish"
    refused = _api(procurement_officer).post(url, {"late_reason": "Inte relevant"}, format="json")
    assert refused.status_code == 400
    assert "extend_to" in refused.json()["errors"]


def test_only_staff_publish(advertised, procurement_officer, supplier):
    answer = _draft(advertised, procurement_officer)
    url = f"/api/v1/procurements/{advertised.pk}/answers/{answer.pk}/publish"
    assert _api(supplier).post(url, {}, format="json").status_code == 403
    assert _api().post(url, {}, format="json").status_code == 401


def test_a_correction_is_a_new_answer_and_both_stay_visible(advertised, procurement_officer, supplier):
    original = _published(advertised, procurement_officer, supplier)
    api = _api(procurement_officer)
    response = api.post(
        f"/api/v1/procurements/{advertised.pk}/answers/{original.pk}/corrections",
        {"public_question": "Räknas en lärlingsanställning?", "text": "Ja, men bara alternativ b."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    correction = response.json()
    assert correction["status"] == "draft" and correction["corrects"] == 1
    again = api.post(
        f"/api/v1/procurements/{advertised.pk}/answers/{original.pk}/corrections",
        {"public_question": "?", "text": "Igen"},
        format="json",
    )
    assert again.status_code == 409
    assert (
        api.post(
            f"/api/v1/procurements/{advertised.pk}/answers/{correction['id']}/corrections",
            {"public_question": "?", "text": "Utkast"},
            format="json",
        ).status_code
        == 409
    )
    assert api.post(f"/api/v1/procurements/{advertised.pk}/answers/{correction['id']}/publish", {}, format="json")
    public = _api().get(f"/api/v1/notices/{advertised.pk}").json()["answers"]
    assert [(a["number"], a["corrects"], a["corrected_by"]) for a in public] == [(1, None, 2), (2, 1, None)]


def test_a_correction_without_text_is_400(advertised, procurement_officer, supplier):
    original = _published(advertised, procurement_officer, supplier)
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{advertised.pk}/answers/{original.pk}/corrections",
        {"public_question": "?", "text": ""},
        format="json",
    )
    assert response.status_code == 400
    assert "text" in response.json()["errors"]


# --- Interested suppliers ---------------------------------------------------------------------------------------


def test_a_supplier_registers_changes_and_withdraws(advertised, supplier):
    api = _api(supplier)
    url = f"/api/v1/procurements/{advertised.pk}/interest"
    assert api.get(url).status_code == 404
    created = api.put(url, {"contact_email": "anbud@storsjobygg.example"}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["organisation"]["name"] == "Storsjöbygg AB"
    changed = api.put(url, {"contact_email": "ny@storsjobygg.example"}, format="json")
    assert changed.status_code == 200
    assert api.get(url).json()["contact_email"] == "ny@storsjobygg.example"
    assert api.delete(url).status_code == 204
    assert not InterestedSupplier.objects.exists()


def test_a_bad_contact_email_is_400(advertised, supplier):
    url = f"/api/v1/procurements/{advertised.pk}/interest"
    response = _api(supplier).put(url, {"contact_email": "inte en adress"}, format="json")
    assert response.status_code == 400
    assert "contact_email" in response.json()["errors"]


def test_registrations_are_seen_by_staff_only(advertised, supplier, other_supplier, procurement_officer, funder):
    services.register_interest(advertised, user=supplier, contact_email="anbud@storsjobygg.example")
    url = f"/api/v1/procurements/{advertised.pk}/interest"
    staff = _api(procurement_officer).get(url).json()
    assert staff["count"] == 1
    assert staff["results"][0]["organisation"]["name"] == "Storsjöbygg AB"
    assert staff["results"][0]["contact_email"] == "anbud@storsjobygg.example"
    assert _api(other_supplier).get(url).status_code == 404
    assert _api(funder).get(url).status_code == 403
    assert _api().get(url).status_code == 401
    assert _api(procurement_officer).put(url, {"contact_email": "a@b.example"}, format="json").status_code == 403


def test_no_registration_for_a_closed_or_draft_procurement(advertised, supplier, municipality, _spring_2026):
    draft = ProcurementFactory(organisation=municipality)
    payload = {"contact_email": "anbud@storsjobygg.example"}
    assert _api(supplier).put(f"/api/v1/procurements/{draft.pk}/interest", payload, format="json").status_code == 404
    _spring_2026.move_to(AFTER_TENDER_DEADLINE)
    closed = _api(supplier).put(f"/api/v1/procurements/{advertised.pk}/interest", payload, format="json")
    assert closed.status_code == 409


# --- Deadline extensions ----------------------------------------------------------------------------------------


def test_an_officer_extends_the_tender_deadline_and_suppliers_are_told(advertised, procurement_officer, mailoutbox):
    InterestedSupplierFactory(procurement=advertised, contact_email="anbud@storsjobygg.example")
    url = f"/api/v1/procurements/{advertised.pk}/deadline-extensions"
    response = _api(procurement_officer).post(url, {"new_deadline": "2026-04-24"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["previous"] == "2026-04-10" and response.json()["new"] == "2026-04-24"
    (message,) = mailoutbox
    assert message.to == ["anbud@storsjobygg.example"]


@pytest.mark.parametrize("value", ["2026-04-09", "2026-02-30", "20226-05-01", "", None])
def test_a_bad_new_deadline_is_400(advertised, procurement_officer, value):
    url = f"/api/v1/procurements/{advertised.pk}/deadline-extensions"
    response = _api(procurement_officer).post(url, {"new_deadline": value}, format="json")
    assert response.status_code == 400
    assert "new_deadline" in response.json()["errors"]


def test_only_staff_extend(advertised, supplier, matching_officer, municipality, procurement_officer):
    url = f"/api/v1/procurements/{advertised.pk}/deadline-extensions"
    assert _api(supplier).post(url, {"new_deadline": "2026-04-24"}, format="json").status_code == 403
    assert _api(matching_officer).post(url, {"new_deadline": "2026-04-24"}, format="json").status_code == 403
    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{draft.pk}/deadline-extensions", {"new_deadline": "2026-04-24"}, format="json"
    )
    assert response.status_code == 409


def test_questions_for_another_procurement_cannot_be_answered_here(advertised, procurement_officer, municipality):
    other = QuestionFactory(procurement=ProcurementFactory(organisation=municipality, status="published"))
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{advertised.pk}/answers",
        {"questions": [other.pk], "public_question": "?", "text": "Svar"},
        format="json",
    )
    assert response.status_code == 400
    assert "questions" in response.json()["errors"]


def test_a_draft_is_discarded_over_the_api_but_a_published_answer_is_not(advertised, procurement_officer):
    from insteg.notices.models import Answer
    from insteg.notices.tests.factories import AnswerFactory

    draft = AnswerFactory(procurement=advertised, written_by=procurement_officer)
    published = AnswerFactory(procurement=advertised, written_by=procurement_officer, status="published", number=1)
    client = APIClient()
    client.force_authenticate(procurement_officer)
    base = f"/api/v1/procurements/{advertised.pk}/answers"
    assert client.delete(f"{base}/{draft.pk}").status_code == 204
    assert client.delete(f"{base}/{published.pk}").status_code == 409
    assert list(Answer.objects.values_list("pk", flat=True)) == [published.pk]
