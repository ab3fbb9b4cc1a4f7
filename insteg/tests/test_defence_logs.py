"""No personal data reaches the logs: the main workflows run with a marker in every personal field, everything
logged at DEBUG level is captured, and the marker is nowhere in it."""

import json
import logging

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from insteg.contracts.tests.factories import (
    AwardFactory,
    CommitmentFactory,
    ContractFactory,
    PositionFactory,
    TenderFactory,
)
from insteg.followup import services as followup_services
from insteg.matching.models import Participant, Placement
from insteg.matching.tests.factories import PlacementFactory
from insteg.matching.tests.test_participant_pages import form_data
from insteg.procurement.tests.factories import ProcurementFactory
from insteg.training.models import Registration
from insteg.training.tests.factories import CourseFactory, SessionFactory

MARKER = "Qvintiliamarker"
LOGGERS = ["", "django", "django.request", "django.security", "django.server", "axes", "insteg", "django_tasks"]


@pytest.fixture
def logs(caplog):
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def _everything_logged(caplog) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) + repr(record.args) for record in caplog.records)


def _host_position(municipality, procurement_officer, supplier):
    procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="awarded")
    tender = TenderFactory(procurement=procurement, organisation=supplier.organisation)
    contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
    CommitmentFactory(contract=contract)
    return PositionFactory(contract=contract, supervisor_trained=True, supervisor_name=f"{MARKER} Handledare")


def test_the_main_workflows_log_no_personal_data(
    client, logs, municipality, matching_officer, procurement_officer, supplier, employment_officer
):
    client.force_login(matching_officer)
    # A participant is registered, read, corrected and exported.
    person = form_data(municipality=municipality.pk, first_name=MARKER, last_name=f"{MARKER}sson")
    person |= {"email": f"{MARKER.lower()}@example.se", "notes": f"{MARKER} vill arbeta förmiddagar."}
    response = client.post(reverse("matching:participant_create"), person)
    assert response.status_code == 302, response.content
    participant = Participant.objects.get(first_name=MARKER)
    client.get(reverse("matching:participant", args=[participant.pk]))
    client.post(reverse("matching:participant_edit", args=[participant.pk]), person | {"phone": "070-1234567"})
    client.get(reverse("matching:participant_export", args=[participant.pk]))
    # Matched to a position and proposed to the host.
    position = _host_position(municipality, procurement_officer, supplier)
    client.get(reverse("matching:positions_for", args=[participant.pk]))
    client.get(reverse("matching:candidates", args=[position.pk]))
    client.post(reverse("matching:proposal_prepare"), {"participant": participant.pk, "position": position.pk})
    # Placed and followed up.
    placement = PlacementFactory(participant=participant, position=position, supervisor_name=f"{MARKER} Handledare")
    followup_services.start(placement, user=matching_officer)
    check_in = Placement.objects.get(pk=placement.pk).check_ins.order_by("due_on").first()
    followup_services.record_check_in(
        check_in, user=matching_officer, done_on=timezone.localdate(), channel="phone", with_whom="both",
        status="on_track", notes=f"{MARKER} trivs.",
    )  # fmt: skip
    client.get(reverse("followup:placement", args=[placement.pk]))
    # An API call with bad input about the person: 400.
    body = {"first_name": MARKER, "last_name": MARKER, "birth_year": "not a year", "email": f"{MARKER}@x"}
    response = client.post(reverse("api:participants"), json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    # A 404 with a name typed into the address.
    assert client.get(reverse("matching:participant", args=[987654]), {"q": MARKER}).status_code == 404

    # A supervisor registers for the training, anonymously.
    visitor = Client()
    session = SessionFactory(course=CourseFactory(organisation=municipality))
    registration = {"name": f"{MARKER} Handledare", "email": f"{MARKER.lower()}@storsjobygg.example"}
    registration |= {"phone": "063-14 30 00", "organisation_name": "Storsjöbygg AB", "role": MARKER, "consent": "on"}
    assert visitor.post(reverse("training:session", args=[session.pk]), registration).status_code == 302
    assert Registration.objects.filter(name__startswith=MARKER).exists()

    # Someone tries a name as a username until the account name is locked.
    for _attempt in range(11):
        visitor.post(reverse("login"), {"username": f"{MARKER.lower()}@example.se", "password": "wrong password"})

    text = _everything_logged(logs)
    assert "axes" in text and "django.request" in text, "the capture must see the libraries' logs"
    assert MARKER.lower() not in text.lower()


@override_settings(ROOT_URLCONF="insteg.core.tests.urls_failing")
def test_a_crash_logs_no_personal_data_from_the_request(logs):
    visitor = Client(raise_request_exception=False)
    response = visitor.post("/broken/", {"name": f"{MARKER} Person", "email": f"{MARKER}@example.se"})
    assert response.status_code == 500
    text = _everything_logged(logs)
    assert "Internal Server Error" in text
    assert MARKER.lower() not in text.lower()
