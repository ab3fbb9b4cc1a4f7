"""Notices as files and feeds: the public list, the staff's question inbox and interested suppliers as CSV/XLSX,
and the Atom feeds (all notices and answers; one procurement's answers) as valid Atom a feed reader accepts."""

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insteg.lib.tests.export_files import column, csv_rows, xlsx_rows
from insteg.notices import services
from insteg.notices.tests.factories import InterestedSupplierFactory
from insteg.procurement.tests.factories import ProcurementFactory

ATOM = "{http://www.w3.org/2005/Atom}"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
MARCH_20 = datetime.datetime(2026, 3, 20, 10, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def _march_2026(time_machine):
    time_machine.move_to(MARCH_20, tick=False)


@pytest.fixture
def advertised(advertised):
    advertised.published_at = datetime.datetime(2026, 3, 2, 9, tzinfo=STOCKHOLM)
    advertised.save()
    return advertised


@pytest.fixture
def answered(advertised, supplier, procurement_officer):
    """Storsjöbygg asked; the answer is published in neutral words; a second answer is still a draft."""
    question = services.ask_question(advertised, user=supplier, text="Fråga från Storsjöbygg om lot 1")
    answer = services.draft_answer(
        advertised, user=procurement_officer, public_question="Gäller kravet lot 1?", text="Ja, lot 1.",
        questions=[question],
    )  # fmt: skip
    services.publish_answer(answer, user=procurement_officer)
    services.draft_answer(
        advertised, user=procurement_officer, public_question="Utkast", text="Opublicerat svar", kind="clarification"
    )
    return advertised


# --- Exports ---------------------------------------------------------------------------------------------------


def test_anyone_exports_the_public_notices_but_never_a_draft(client, advertised, municipality, procurement_officer):
    ProcurementFactory(organisation=municipality, officer=procurement_officer, title="Hemligt utkast")
    rows = csv_rows(client.get(reverse("notices:list"), {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0][:3] == ["Title", "Reference", "Buyer"]
    assert column(rows, "Title") == ["Lokalvård i kommunens förskolor"]
    assert column(rows, "Tender deadline") == ["2026-04-10"]
    assert column(rows, "Open for tenders") == ["Yes"]
    assert column(rows, "Address") == ["http://testserver" + reverse("notices:detail", args=[advertised.pk])]


def test_the_inbox_export_names_the_asker_for_the_buyers_staff_only(client, answered, procurement_officer, supplier):
    inbox = reverse("notices:inbox", args=[answered.pk])
    client.force_login(procurement_officer)
    rows = xlsx_rows(client.get(inbox, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Asking supplier") == ["Storsjöbygg AB"]
    assert column(rows, "Question") == ["Fråga från Storsjöbygg om lot 1"]
    assert column(rows, "Answer") == ["Published"]
    assert column(rows, "Answer no.") == [1]

    client.force_login(supplier)
    page_status = client.get(inbox).status_code
    assert page_status in (403, 404)
    assert client.get(inbox, {"export": "csv"}).status_code == page_status


def test_the_interested_suppliers_export_is_for_the_buyers_staff(client, advertised, procurement_officer, supplier):
    InterestedSupplierFactory(procurement=advertised, organisation=supplier.organisation, contact_email="anbud@sb.se")
    url = reverse("notices:interested", args=[advertised.pk])
    client.force_login(procurement_officer)
    rows = csv_rows(client.get(url, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Supplier") == ["Storsjöbygg AB"]
    assert column(rows, "Contact email") == ["anbud@sb.se"]
    client.force_login(supplier)
    assert client.get(url, {"export": "csv"}).status_code == client.get(url).status_code != 200


# --- Feeds -----------------------------------------------------------------------------------------------------


def _atom(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    assert root.tag == f"{ATOM}feed"
    return root


def _assert_valid_atom(root: ET.Element) -> None:
    """RFC 4287's required elements: id, title, updated on the feed and every entry; a link; an author."""
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}"), name
    assert root.find(f"{ATOM}link[@rel='alternate']") is not None
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
        assert entry.findtext(f"{ATOM}author/{ATOM}name") or root.findtext(f"{ATOM}author/{ATOM}name")
    ids = [entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))


def test_the_notice_feed_is_valid_atom_with_the_buyer_as_author(client, answered):
    root = _atom(client.get(reverse("notices:feed"), HTTP_ACCEPT_LANGUAGE="en"))
    _assert_valid_atom(root)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2  # the notice and the published answer; not the draft
    assert {entry.findtext(f"{ATOM}author/{ATOM}name") for entry in entries} == {"Östersunds kommun"}


def test_a_procurements_answer_feed_has_its_published_answers_only(client, answered, municipality, procurement_officer):
    other = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="published")
    other_answer = services.draft_answer(
        other, user=procurement_officer, public_question="Annan", text="Annat svar", kind="clarification"
    )
    services.publish_answer(other_answer, user=procurement_officer)

    response = client.get(reverse("notices:answer_feed", args=[answered.pk]), HTTP_ACCEPT_LANGUAGE="en")
    root = _atom(response)
    _assert_valid_atom(root)
    assert root.findtext(f"{ATOM}title") == "Insteg: answers in KS 2026/0231 Lokalvård i kommunens förskolor"
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Answer no. 1: Lokalvård i kommunens förskolor (KS 2026/0231)"
    ]
    assert entries[0].find(f"{ATOM}link").get("href").endswith(f"/annonser/{answered.pk}/#answer-1")
    body = response.content.decode()
    for never in ["Opublicerat svar", "Annat svar", "Storsjöbygg", "lars"]:
        assert never not in body


def test_a_draft_procurement_has_no_answer_feed(client, municipality, procurement_officer):
    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    assert client.get(reverse("notices:answer_feed", args=[draft.pk])).status_code == 404


def test_the_notice_pages_point_to_their_feeds(client, answered):
    html = client.get(reverse("notices:detail", args=[answered.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{reverse("notices:answer_feed", args=[answered.pk])}"' in html
    assert "Follow the answers to this procurement (Atom feed)" in html


def test_the_notice_export_takes_the_same_number_of_queries_however_many(
    client, advertised, municipality, procurement_officer, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notices:list"), {"export": "csv"})
    for _ in range(6):
        ProcurementFactory(organisation=municipality, officer=procurement_officer, status="published")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notices:list"), {"export": "csv"})
    assert len(csv_rows(response)) == 8
