"""Who asked and who registered is confidential (OSL 19 kap. 3 §, issue 4 item 6).

A supplier asks a question that names itself, registers for notifications, and gets answered; the answer is
corrected and the buyer adds a clarification. Then every public and supplier-facing surface (pages, feed, API,
emails, requirement documents) is fetched as an anonymous visitor and as another supplier, and none may contain
the asker's name, username, email or organisation name or number. The buyer's staff must still see the asker.
"""

import datetime
import html
import io
import json
import re
import subprocess
import tempfile
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient
from stdnum.se import orgnr

from insteg.notices import services
from insteg.notices.models import Answer
from insteg.procurement.tests.factories import LotFactory, ProcurementFactory, SocialRequirementFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NEUTRAL_WORDING = "Räknas en lärlingsanställning som uppfyllelse av sysselsättningskravet"


@pytest.fixture(autouse=True)
def _spring_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, tzinfo=STOCKHOLM), tick=False):
        yield


@pytest.fixture
def advertised(municipality, procurement_officer):
    """As insteg/notices/tests/conftest.py: a published cleaning procurement, tender deadline 10 April 2026."""
    procurement = ProcurementFactory(
        organisation=municipality,
        officer=procurement_officer,
        status="published",
        reference="KS 2026/0231",
        title="Lokalvård i kommunens förskolor",
        notice_sent=datetime.date(2026, 3, 2),
        tender_deadline=datetime.date(2026, 4, 10),
        question_deadline=datetime.date(2026, 3, 31),
    )
    LotFactory(procurement=procurement, number=1, title="Norra området")
    SocialRequirementFactory(procurement=procurement)
    return procurement


@pytest.fixture
def asker(supplier):
    supplier.first_name, supplier.last_name = "Lars", "Bergqvist"
    supplier.save()
    return supplier


@pytest.fixture
def advertising_period(advertised, asker, other_supplier, procurement_officer, mailoutbox):
    """Everything a supplier's question sets off, through the same services as the pages and the API."""
    organisation = asker.organisation
    services.register_interest(advertised, user=asker, contact_email=asker.email)
    services.register_interest(advertised, user=other_supplier, contact_email="anbud@froso-stad.example")
    question = services.ask_question(
        advertised,
        user=asker,
        text=f"Vi på {organisation.name} ({organisation.org_number}) undrar: räknas en lärlingsanställning? "
        f"Svara gärna {asker.get_full_name()}, {asker.email}.",
        requirement=advertised.requirements.get(),
    )
    answer = services.draft_answer(
        advertised,
        user=procurement_officer,
        questions=[question],
        public_question=f"{NEUTRAL_WORDING}?",
        text="Ja, alternativ b i kravet avser lärlingsanställning.",
        requirement=advertised.requirements.get(),
    )
    services.publish_answer(answer, user=procurement_officer)
    correction = services.correct_answer(
        answer,
        user=procurement_officer,
        public_question=f"{NEUTRAL_WORDING}?",
        text="Ja, en lärlingsanställning enligt alternativ b räknas, med minst sex månaders anställning.",
    )
    services.publish_answer(correction, user=procurement_officer)
    clarification = services.draft_answer(
        advertised,
        user=procurement_officer,
        kind=Answer.Kind.CLARIFICATION,
        public_question="Förtydligande om delkontrakt 1",
        text="Delkontrakt 1 omfattar förskolorna norr om Storsjön.",
        lot=advertised.lots.get(),
    )
    services.publish_answer(clarification, user=procurement_officer)
    assert len(mailoutbox) == 6  # three publications, two interested suppliers
    return {"procurement": advertised, "question": question, "answers": [answer, correction, clarification]}


def _forbidden(asker) -> dict[str, re.Pattern]:
    organisation = asker.organisation
    compact = orgnr.compact(organisation.org_number)
    words = {
        "full name": asker.get_full_name(),
        "email": asker.email,
        "organisation": organisation.name,
        "organisation number": f"{compact[:6]}-{compact[6:]}",
        "organisation number without hyphen": compact,
    }
    patterns = {label: re.compile(re.escape(word), re.IGNORECASE) for label, word in words.items()}
    patterns["username"] = re.compile(rf"\b{re.escape(asker.username)}\b", re.IGNORECASE)
    return patterns


def _text(response) -> str:
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    if content_type.startswith("application/pdf"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(response.content)
            pdf.flush()
            result = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf.name, "-"], capture_output=True, check=True)  # noqa: S603, S607
        return result.stdout.decode()
    if "wordprocessingml" in content_type:
        word = docx.Document(io.BytesIO(response.content))
        parts = [p.text for p in word.paragraphs]
        parts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
        parts += [p.text for section in word.sections for p in section.header.paragraphs]
        return "\n".join(parts)
    return html.unescape(response.content.decode())


def _surfaces(period) -> list[tuple[str, str]]:
    """(who, url) for every page, feed and API answer the public or another supplier can reach."""
    procurement = period["procurement"]
    pk = procurement.pk
    public = [
        reverse("notices:list"),
        reverse("notices:list") + "?q=lokalv%C3%A5rd",
        reverse("notices:detail", args=[pk]),
        reverse("notices:feed"),
        reverse("api:notices"),
        reverse("api:notice", args=[pk]),
        reverse("api:answers", args=[pk]),
        *[reverse("api:answer", args=[pk, answer.pk]) for answer in period["answers"]],
    ]
    supplier_facing = [
        reverse("notices:interest", args=[pk]),
        reverse("notices:ask", args=[pk]),
        reverse("notices:receipt", args=[pk, period["question"].pk]),
        reverse("api:questions", args=[pk]),
        reverse("api:question", args=[pk, period["question"].pk]),
        reverse("api:interest", args=[pk]),
        reverse("procurement:document", args=[pk]),
        reverse("procurement:document", args=[pk]) + "?bilaga=0",
        reverse("procurement:document_docx", args=[pk]),
        reverse("procurement:document_pdf", args=[pk]),
    ]
    return [("anonymous", url) for url in public] + [("other_supplier", url) for url in public + supplier_facing]


def test_no_public_or_supplier_facing_surface_names_the_asker(advertising_period, asker, other_supplier):
    forbidden = _forbidden(asker)
    clients = {"anonymous": APIClient(), "other_supplier": APIClient()}
    clients["other_supplier"].force_login(other_supplier)
    leaks = []
    for who, url in _surfaces(advertising_period):
        response = clients[who].get(url)
        assert response.status_code < 500, f"{who} {url}"
        text = _text(response)
        leaks += [f"{who} {url}: {label}" for label, pattern in forbidden.items() if pattern.search(text)]
    assert leaks == []


def test_the_published_answers_are_there_in_the_neutral_wording(advertising_period, other_supplier):
    """So the sweep above looks at pages that really show the answers."""
    pk = advertising_period["procurement"].pk
    for client in (APIClient(), APIClient()):
        assert NEUTRAL_WORDING in client.get(reverse("notices:detail", args=[pk])).content.decode()
        assert NEUTRAL_WORDING in client.get(reverse("notices:feed")).content.decode()
        assert NEUTRAL_WORDING in json.dumps(client.get(reverse("api:notice", args=[pk])).json(), ensure_ascii=False)
        client.force_login(other_supplier)


def test_no_email_to_a_supplier_names_the_asker_or_another_supplier(advertising_period, asker, mailoutbox):
    forbidden = _forbidden(asker)
    leaks = []
    for message in mailoutbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        text = f"{message.subject}\n{message.body}"
        leaks += [f"to {message.to[0]}: {label}" for label, pattern in forbidden.items() if pattern.search(text)]
        assert "anbud@froso-stad.example" not in text
        assert NEUTRAL_WORDING in text or "Förtydligande om delkontrakt 1" in text
    assert leaks == []
    assert sorted({message.to[0] for message in mailoutbox}) == sorted([asker.email, "anbud@froso-stad.example"])


def test_the_buyers_staff_do_see_the_asker(advertising_period, asker, procurement_officer):
    """The same search finds the asker where it must be shown, so the sweep above can fail."""
    pk = advertising_period["procurement"].pk
    client = APIClient()
    client.force_login(procurement_officer)
    forbidden = _forbidden(asker)
    inbox = _text(client.get(reverse("notices:inbox", args=[pk])))
    assert forbidden["organisation"].search(inbox)
    questions = _text(client.get(reverse("api:questions", args=[pk])))
    assert forbidden["organisation"].search(questions)
    assert forbidden["username"].search(questions)
    interested = _text(client.get(reverse("api:interest", args=[pk])))
    assert forbidden["email"].search(interested)
