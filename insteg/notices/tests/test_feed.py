"""The public Atom feed of new notices and published answers."""

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insteg.notices import services
from insteg.notices.tests.factories import AnswerFactory, InterestedSupplierFactory
from insteg.procurement.tests.factories import ProcurementFactory

ATOM = "{http://www.w3.org/2005/Atom}"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
MARCH_20 = datetime.datetime(2026, 3, 20, 10, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def _march_2026(time_machine):
    time_machine.move_to(MARCH_20, tick=False)


@pytest.fixture
def advertised(advertised):
    """The notice went out on 2 March, before any answer."""
    advertised.published_at = datetime.datetime(2026, 3, 2, 9, tzinfo=STOCKHOLM)
    advertised.save()
    return advertised


def _entries(client):
    response = client.get(reverse("notices:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_the_feed_has_notices_and_published_answers_newest_first(
    english, advertised, procurement_officer, time_machine, municipality
):
    ProcurementFactory(organisation=municipality, officer=procurement_officer, title="Hemligt utkast")
    question = services.ask_question(advertised, user=_supplier_user(), text="Fråga från någon")
    answer = services.draft_answer(
        advertised, user=procurement_officer, public_question="Gäller kravet lot 1?", text="Ja, lot 1.",
        questions=[question],
    )  # fmt: skip
    services.publish_answer(answer, user=procurement_officer)
    services.draft_answer(
        advertised, user=procurement_officer, public_question="Utkast", text="Opublicerat", kind="clarification"
    )
    entries = _entries(english)
    assert [entry["title"] for entry in entries] == [
        "Answer no. 1: Lokalvård i kommunens förskolor (KS 2026/0231)",
        "Notice: Lokalvård i kommunens förskolor (KS 2026/0231)",
    ]
    detail = "http://testserver" + reverse("notices:detail", args=[advertised.pk])
    assert entries[0]["link"] == detail + "#answer-1"
    assert entries[1]["link"] == detail
    assert "Gäller kravet lot 1?" in entries[0]["summary"] and "Ja, lot 1." in entries[0]["summary"]
    assert entries[0]["updated"] == "2026-03-20T09:00:00+00:00"
    assert entries[1]["updated"] == "2026-03-02T08:00:00+00:00"
    assert "Tender deadline: 2026-04-10" in entries[1]["summary"]


def test_a_correction_says_what_it_corrects(english, advertised, procurement_officer):
    answer = services.draft_answer(
        advertised, user=procurement_officer, public_question="Fråga", text="Svar", kind="clarification"
    )
    services.publish_answer(answer, user=procurement_officer)
    correction = services.correct_answer(answer, user=procurement_officer, public_question="Fråga", text="Rättat")
    services.publish_answer(correction, user=procurement_officer)
    titles = [entry["title"] for entry in _entries(english)]
    assert titles[0].startswith("Correction no. 2 (corrects no. 1)")
    assert titles[1].startswith("Clarification no. 1")


def test_the_feed_keeps_the_latest_50(client, advertised, procurement_officer):
    for number in range(1, 61):
        AnswerFactory(
            procurement=advertised, number=number, status="published", written_by=procurement_officer,
            published_at=MARCH_20 - datetime.timedelta(hours=61 - number),
        )  # fmt: skip
    entries = _entries(client)
    assert len(entries) == 50
    assert entries[0]["link"].endswith("#answer-60")
    assert entries[-1]["link"].endswith("#answer-11")


def test_the_feed_is_public_and_escapes_text(client, advertised, procurement_officer):
    AnswerFactory(
        procurement=advertised, number=1, status="published", written_by=procurement_officer, published_at=MARCH_20,
        public_question="<script>alert(1)</script>",
    )  # fmt: skip
    response = client.get(reverse("notices:feed"))
    assert response.status_code == 200
    assert b"<script>" not in response.content
    assert "<script>alert(1)</script>" in _entries(client)[0]["summary"]  # text, once the XML is read


def test_the_feed_names_neither_the_asker_nor_the_registered(client, advertised, supplier, procurement_officer):
    InterestedSupplierFactory(procurement=advertised, organisation=supplier.organisation, contact_email=supplier.email)
    question = services.ask_question(advertised, user=supplier, text="Fråga från Storsjöbygg")
    answer = services.draft_answer(
        advertised, user=procurement_officer, public_question="Neutral fråga", text="Svar", questions=[question]
    )
    services.publish_answer(answer, user=procurement_officer)
    feed = client.get(reverse("notices:feed")).content.decode()
    organisation = supplier.organisation
    for trace in [organisation.name, organisation.org_number, supplier.email, supplier.username, "Storsjöbygg"]:
        assert trace not in feed


def _supplier_user():
    from insteg.accounts.models import Role
    from insteg.accounts.tests.factories import MembershipFactory

    return MembershipFactory(role=Role.SUPPLIER_CONTACT).user
