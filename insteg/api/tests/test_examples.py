"""The OpenAPI document's examples are true: the request examples are accepted and the answers look like them."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from insteg.api import examples
from insteg.procurement.tests.factories import ProcurementFactory
from insteg.training.tests.factories import CourseFactory, SessionFactory


def _post(user, url, body):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_procurement_example_gives_the_example_answer(procurement_officer):
    response = _post(procurement_officer, "/api/v1/procurements", examples.PROCUREMENT_CREATE)
    assert response.status_code == 201, response.json()
    answer = {name: value for name, value in response.json().items() if name != "id"}
    assert answer == {name: value for name, value in examples.PROCUREMENT_ANSWER.items() if name != "id"}


def test_the_requirement_example_is_accepted(procurement_officer, municipality):
    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    response = _post(procurement_officer, f"/api/v1/procurements/{draft.pk}/requirements", examples.REQUIREMENT_CREATE)
    assert response.status_code == 201, response.json()


def test_the_participant_example_is_accepted(employment_officer, municipality):
    response = _post(employment_officer, "/api/v1/participants", examples.PARTICIPANT_CREATE)
    assert response.status_code == 201, response.json()


def test_the_registration_example_gives_an_answer_of_the_examples_shape():
    session = SessionFactory(course=CourseFactory())
    response = _post(None, f"/api/v1/training/sessions/{session.pk}/registrations", examples.REGISTRATION_CREATE)
    assert response.status_code == 201, response.json()
    assert response.json().keys() == examples.REGISTRATION_ANSWER.keys()
    assert response.json()["status"] == examples.REGISTRATION_ANSWER["status"]


def test_the_question_example_is_accepted(supplier, municipality):
    today = timezone.localdate()
    advertised = ProcurementFactory(
        organisation=municipality,
        status="published",
        notice_sent=today - datetime.timedelta(days=5),
        question_deadline=today + datetime.timedelta(days=20),
        tender_deadline=today + datetime.timedelta(days=30),
    )
    response = _post(supplier, f"/api/v1/procurements/{advertised.pk}/questions", examples.QUESTION_CREATE)
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("field", ["tender_deadline"])
def test_the_bad_input_example_is_what_the_api_says(procurement_officer, field):
    body = {**examples.PROCUREMENT_CREATE, field: examples.PROCUREMENT_CREATE["notice_sent"]}
    response = _post(procurement_officer, "/api/v1/procurements", body)
    assert response.status_code == 400
    assert response.json() == examples.BAD_INPUT_ANSWER
