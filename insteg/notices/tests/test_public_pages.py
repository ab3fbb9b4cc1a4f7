"""Public notice pages and the supplier's pages: what a visitor and a supplier see, and what they never see."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insteg.notices import services
from insteg.notices.models import InterestedSupplier, Question
from insteg.notices.tests.factories import AnswerFactory, InterestedSupplierFactory, QuestionFactory
from insteg.procurement import documents
from insteg.procurement.models import Theme
from insteg.procurement.tests.factories import (
    CriterionFactory,
    LotFactory,
    ProcurementFactory,
    SocialRequirementFactory,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MARCH_20 = datetime.datetime(2026, 3, 20, 10, tzinfo=STOCKHOLM)  # before the question deadline of 31 March
APRIL_8 = datetime.datetime(2026, 4, 8, 10, tzinfo=STOCKHOLM)  # after it, before the tender deadline
APRIL_11 = datetime.datetime(2026, 4, 11, 10, tzinfo=STOCKHOLM)  # the day after the tender deadline
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(autouse=True)
def _march_2026(time_machine):
    time_machine.move_to(MARCH_20, tick=False)


def _list(client, **params):
    return client.get(reverse("notices:list"), params)


def _detail(client, procurement):
    return client.get(reverse("notices:detail", args=[procurement.pk]))


def _publish(procurement, officer, *, public_question, text, questions=(), **kwargs):
    answer = services.draft_answer(
        procurement, user=officer, public_question=public_question, text=text, questions=questions, **kwargs
    )
    return services.publish_answer(answer, user=officer)


def _ask(client, procurement, **data):
    return client.post(reverse("notices:ask", args=[procurement.pk]), data)


# --- The list ----------------------------------------------------------------------------------------------


def test_anyone_sees_advertised_procurements_but_never_drafts(client, advertised, municipality, procurement_officer):
    ProcurementFactory(organisation=municipality, officer=procurement_officer, title="Hemligt utkast")
    page = _list(client).content.decode()
    assert "Lokalvård i kommunens förskolor" in page
    assert "KS 2026/0231" in page
    assert "Östersunds kommun" in page
    assert "2026-04-10" in page
    assert str(Theme.EMPLOYMENT.label) in page
    assert "Hemligt utkast" not in page


def test_search_by_title_or_reference(client, advertised, municipality, procurement_officer):
    ProcurementFactory(organisation=municipality, officer=procurement_officer, status="published", title="Snöröjning")
    assert "Snöröjning" not in _list(client, q="lokalvård").content.decode()
    assert "Lokalvård" in _list(client, q="0231").content.decode()
    assert "Lokalvård" not in _list(client, q="snö").content.decode()


def test_filter_by_contract_type_and_theme(client, advertised, municipality, procurement_officer):
    works = ProcurementFactory(
        organisation=municipality, officer=procurement_officer, status="published", title="Ombyggnad av skola"
    )
    works.contract_type = "works"
    works.save()
    fair_trade = CriterionFactory(theme=Theme.FAIR_TRADE)
    SocialRequirementFactory(procurement=works, criterion=fair_trade)
    SocialRequirementFactory(procurement=works, criterion=CriterionFactory(theme=Theme.FAIR_TRADE))
    by_type = _list(client, contract_type="works").content.decode()
    assert "Ombyggnad av skola" in by_type and "Lokalvård" not in by_type
    by_theme = _list(client, theme=Theme.FAIR_TRADE).content.decode()
    assert "Ombyggnad av skola" in by_theme and "Lokalvård" not in by_theme
    assert by_theme.count("Ombyggnad av skola") == 1  # two matching requirements, listed once
    assert "Lokalvård" in _list(client, theme=Theme.EMPLOYMENT).content.decode()


def test_open_and_closed_follow_the_tender_deadline(english, advertised, time_machine):
    open_ = _list(english, state="open").content.decode()
    assert "Lokalvård" in open_ and "<td>Open</td>" in open_
    assert "Lokalvård" not in _list(english, state="closed").content.decode()
    time_machine.move_to(datetime.datetime(2026, 4, 10, 23, 59, tzinfo=STOCKHOLM), tick=False)
    assert "Lokalvård" in _list(english, state="open").content.decode()  # open all of the deadline day
    time_machine.move_to(APRIL_11, tick=False)
    assert "Lokalvård" not in _list(english, state="open").content.decode()
    closed = _list(english, state="closed").content.decode()
    assert "Lokalvård" in closed and "<td>Closed</td>" in closed


def test_an_awarded_procurement_is_closed(client, advertised):
    advertised.status = "awarded"
    advertised.save()
    assert "Lokalvård" in _list(client, state="closed").content.decode()
    assert "Lokalvård" not in _list(client, state="open").content.decode()


@pytest.mark.parametrize(
    "params", [{"contract_type": "spaceships"}, {"theme": SCRIPT}, {"state": "ajar"}, {"q": "x" * 100_000}]
)
def test_unknown_filter_values_give_a_message_not_an_error(english, advertised, params):
    response = _list(english, **params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert SCRIPT not in page


def test_the_list_updates_in_place_with_htmx(client, advertised):
    response = client.get(reverse("notices:list"), {"q": "lokal"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert 'id="results"' in page and "Lokalvård" in page
    assert "<html" not in page


def test_the_list_has_pages_of_25(client, municipality, procurement_officer):
    ProcurementFactory.create_batch(27, organisation=municipality, officer=procurement_officer, status="published")
    first = _list(client).content.decode()
    assert len(re.findall(r'href="/annonser/\d+/"', first)) == 25
    assert "page=2" in first
    assert _list(client, page=2).status_code == 200
    assert _list(client, page="many").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_takes_the_same_number_of_queries_however_many_notices(
    client, municipality, procurement_officer, django_assert_num_queries, count
):
    for procurement in ProcurementFactory.create_batch(
        count, organisation=municipality, officer=procurement_officer, status="published"
    ):
        SocialRequirementFactory(procurement=procurement)
    with django_assert_num_queries(3):  # count, page, requirements with their criteria
        _list(client, theme=Theme.EMPLOYMENT, state="open")


# --- The notice page ---------------------------------------------------------------------------------------


def test_notice_page_shows_what_a_bidder_needs(english, advertised):
    page = _detail(english, advertised).content.decode()
    assert "The procurement includes social requirements" in page or "social requirements" in page
    requirement = advertised.requirements.get()
    assert requirement.criterion.title_en in page
    assert "Norra området" in page
    assert "2026-03-31" in page  # question deadline
    assert "2026-04-04" in page  # answers due by
    assert "2026-04-10" in page  # tender deadline
    assert reverse("procurement:document", args=[advertised.pk]) not in page  # needs login
    assert "Sign in" in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_notice_page_is_in_the_page_language(client, advertised, language):
    response = client.get(reverse("notices:detail", args=[advertised.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert documents.public_summary(advertised, language)[:40] in response.content.decode()


def test_signed_in_users_get_the_document_link(client, advertised, other_supplier):
    client.force_login(other_supplier)
    assert reverse("procurement:document", args=[advertised.pk]) in _detail(client, advertised).content.decode()


def test_a_draft_has_no_public_page(client, municipality, procurement_officer):
    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    assert _detail(client, draft).status_code == 404


def test_extensions_are_shown(english, advertised, procurement_officer):
    services.extend_tender_deadline(advertised, user=procurement_officer, new_deadline=datetime.date(2026, 4, 17))
    page = _detail(english, advertised).content.decode()
    assert "Extended from 2026-04-10 to 2026-04-17" in page


def test_all_published_answers_in_number_order_with_corrections(english, advertised, procurement_officer):
    lot = advertised.lots.get()
    requirement = advertised.requirements.get()
    first = _publish(
        advertised,
        procurement_officer,
        public_question="Hur många platser?",
        text="Två platser.",
        questions=[QuestionFactory(procurement=advertised)],
        requirement=requirement,
    )
    _publish(
        advertised, procurement_officer, public_question="Gäller det lot 1?", text="Ja.",
        questions=[QuestionFactory(procurement=advertised)], lot=lot,
    )  # fmt: skip
    services.draft_answer(
        advertised, user=procurement_officer, public_question="Utkast", text="Ej publicerat", kind="clarification"
    )
    correction = services.correct_answer(first, user=procurement_officer, public_question="Hur många platser?",
                                         text="Tre platser.")  # fmt: skip
    services.publish_answer(correction, user=procurement_officer)
    page = _detail(english, advertised).content.decode()
    assert page.index("Answer no. 1") < page.index("Answer no. 2") < page.index("Answer no. 3")
    assert "Två platser." in page and "Tre platser." in page  # the superseded answer stays visible
    assert "Corrected by no. 3" in page
    assert "Corrects no. 1" in page
    assert "Norra området" in page and requirement.criterion.title_en in page
    assert "Ej publicerat" not in page


@pytest.mark.parametrize("count", [1, 12])
def test_notice_page_takes_the_same_number_of_queries_however_many_answers(
    client, advertised, procurement_officer, django_assert_num_queries, count
):
    for number in range(1, count + 1):
        AnswerFactory(
            procurement=advertised, number=number, status="published", published_at=MARCH_20,
            written_by=procurement_officer, lot=advertised.lots.get(), requirement=advertised.requirements.get(),
        )  # fmt: skip
    with django_assert_num_queries(6):  # procurement, requirements, lots, time limits, extensions, answers
        _detail(client, advertised)


@pytest.mark.parametrize("count", [1, 12])
def test_a_suppliers_notice_page_takes_the_same_number_of_queries_however_many_questions(
    client, advertised, supplier, procurement_officer, django_assert_num_queries, count
):
    for _number in range(count):
        question = services.ask_question(advertised, user=supplier, text="Fråga")
        _publish(advertised, procurement_officer, public_question="Fråga", text="Svar", questions=[question])
    client.force_login(supplier)
    with django_assert_num_queries(11):  # + session, user, memberships, registration, own questions
        _detail(client, advertised)


# --- The supplier's panel and interest ---------------------------------------------------------------------


def test_a_supplier_sees_the_interest_form_with_its_email_and_the_ask_link(english, advertised, supplier):
    english.force_login(supplier)
    page = _detail(english, advertised).content.decode()
    assert f'value="{supplier.email}"' in page
    assert reverse("notices:interest", args=[advertised.pk]) in page
    assert reverse("notices:ask", args=[advertised.pk]) in page


def test_non_suppliers_get_no_supplier_panel(client, advertised, matching_officer):
    client.force_login(matching_officer)
    page = _detail(client, advertised).content.decode()
    assert reverse("notices:ask", args=[advertised.pk]) not in page
    assert reverse("notices:interest", args=[advertised.pk]) not in page


def test_register_and_withdraw_interest(english, advertised, supplier):
    english.force_login(supplier)
    url = reverse("notices:interest", args=[advertised.pk])
    response = english.post(url, {"action": "register", "contact_email": "Anbud@Storsjobygg.se"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("notices:detail", args=[advertised.pk])
    assert "You are registered" in response.content.decode()
    assert InterestedSupplier.objects.get(procurement=advertised).contact_email == "anbud@storsjobygg.se"
    assert "anbud@storsjobygg.se" in response.content.decode()
    response = english.post(url, {"action": "withdraw"}, follow=True)
    assert "no longer registered" in response.content.decode()
    assert not InterestedSupplier.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "register", "contact_email": "inte en adress"}, "Enter an email address"),
        ({"action": "register", "contact_email": ""}, "Enter the email address"),
        ({"action": "register", "contact_email": SCRIPT}, "Enter an email address"),
        ({"action": "delete-everything"}, "Select a valid choice"),
        ({}, "Choose to register or to withdraw"),
    ],
)
def test_bad_interest_input_gives_a_message_and_writes_nothing(english, advertised, supplier, data, message):
    english.force_login(supplier)
    response = english.post(reverse("notices:interest", args=[advertised.pk]), data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SCRIPT not in response.content.decode()
    assert not InterestedSupplier.objects.exists()


def test_registering_for_a_closed_procurement_is_refused(english, advertised, supplier, time_machine):
    time_machine.move_to(APRIL_11, tick=False)
    english.force_login(supplier)
    response = english.post(
        reverse("notices:interest", args=[advertised.pk]),
        {"action": "register", "contact_email": "a@b.se"},
        follow=True,
    )
    assert "The tender deadline has passed" in response.content.decode()
    assert not InterestedSupplier.objects.exists()


def test_interest_is_for_suppliers_and_by_post(client, advertised, procurement_officer, supplier):
    url = reverse("notices:interest", args=[advertised.pk])
    anonymous = client.post(url, {"action": "register", "contact_email": "a@b.se"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    client.force_login(procurement_officer)
    assert client.post(url, {"action": "register", "contact_email": "a@b.se"}).status_code == 403
    client.force_login(supplier)
    assert client.get(url).status_code == 405
    assert not InterestedSupplier.objects.exists()


# --- Asking -------------------------------------------------------------------------------------------------


def test_ask_explains_anonymity_and_the_deadlines(english, advertised, supplier):
    english.force_login(supplier)
    page = english.get(reverse("notices:ask", args=[advertised.pk])).content.decode()
    assert "published anonymously" in page
    assert "all suppliers at the same time" in page
    assert "2026-03-31" in page and "may not be answered in time" in page
    assert 'maxlength="5000"' in page
    assert advertised.requirements.get().criterion.title_en in page


def test_asking_gives_a_receipt(english, advertised, supplier):
    english.force_login(supplier)
    lot = advertised.lots.get()
    requirement = advertised.requirements.get()
    response = _ask(english, advertised, text="Räknas lärlingar?", lot=lot.pk, requirement=requirement.pk)
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:receipt", args=[advertised.pk, question.pk])
    assert (question.lot, question.requirement, question.in_good_time) == (lot, requirement, True)
    page = english.get(response["Location"]).content.decode()
    assert "Received" in page and "2026-03-20 10:00" in page
    assert "Räknas lärlingar?" in page
    assert "Yes: received on or before the question deadline" in page
    assert "Not yet published" in page


def test_a_late_question_is_accepted_but_flagged(english, advertised, supplier, time_machine):
    time_machine.move_to(APRIL_8, tick=False)
    english.force_login(supplier)
    response = _ask(english, advertised, text="Sen fråga")
    assert response.status_code == 302
    assert not Question.objects.get().in_good_time
    assert "No: received after the question deadline" in english.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Write your question."),
        ({"text": "   "}, "Write your question."),
        ({"text": "x" * 100_000}, "this has 100000"),
        ({"text": "Fråga", "lot": "999999"}, "Choose one of this procurement&#x27;s lots."),
        ({"text": "Fråga", "lot": "ett"}, "Choose one of this procurement&#x27;s lots."),
        ({"text": "Fråga", "requirement": "999999"}, "Choose one of this procurement&#x27;s social requirements."),
    ],
)
def test_bad_questions_give_clear_messages_and_write_nothing(english, advertised, supplier, data, message):
    english.force_login(supplier)
    response = _ask(english, advertised, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_another_procurements_lot_is_refused(english, advertised, supplier):
    english.force_login(supplier)
    foreign_lot = LotFactory(procurement=ProcurementFactory(status="published"))
    response = _ask(english, advertised, text="Fråga", lot=foreign_lot.pk)
    assert "Choose one of this procurement&#x27;s lots." in response.content.decode()
    assert not Question.objects.exists()


def test_script_in_a_question_is_escaped_everywhere(english, advertised, supplier):
    english.force_login(supplier)
    response = _ask(english, advertised, text=SCRIPT)
    receipt = english.get(response["Location"]).content.decode()
    detail = _detail(english, advertised).content.decode()
    for page in (receipt, detail):
        assert SCRIPT not in page
        assert "&lt;script&gt;" in page
    too_long = _ask(english, advertised, text=SCRIPT * 1000).content.decode()
    assert SCRIPT not in too_long


def test_asking_a_closed_procurement_is_refused(english, advertised, supplier, time_machine):
    time_machine.move_to(APRIL_11, tick=False)
    english.force_login(supplier)
    page = english.get(reverse("notices:ask", args=[advertised.pk])).content.decode()
    assert "The tender deadline has passed" in page
    response = _ask(english, advertised, text="För sent")
    assert response.status_code == 200
    assert "The tender deadline has passed" in response.content.decode()
    assert not Question.objects.exists()


def test_asking_a_draft_is_not_found(client, municipality, procurement_officer, supplier):
    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    client.force_login(supplier)
    assert client.get(reverse("notices:ask", args=[draft.pk])).status_code == 404
    assert _ask(client, draft, text="Fråga").status_code == 404
    assert not Question.objects.exists()


@pytest.mark.parametrize("persona", ["procurement_officer", "matching_officer", "funder"], indirect=True)
def test_only_suppliers_ask(client, advertised, persona):
    client.force_login(persona)
    assert client.get(reverse("notices:ask", args=[advertised.pk])).status_code == 403
    assert _ask(client, advertised, text="Fråga").status_code == 403
    assert not Question.objects.exists()


# --- Own questions and the receipt ----------------------------------------------------------------------


def test_a_supplier_sees_its_own_questions_and_their_status_never_others(
    english, advertised, supplier, other_supplier, procurement_officer
):
    mine = services.ask_question(advertised, user=supplier, text="Min fråga om handledning")
    services.ask_question(advertised, user=other_supplier, text="Konkurrentens fråga")
    english.force_login(supplier)
    page = _detail(english, advertised).content.decode()
    assert "Min fråga om handledning" in page and "Received, not yet answered" in page
    assert "Konkurrentens fråga" not in page
    _publish(advertised, procurement_officer, public_question="Om handledning", text="Svar.", questions=[mine])
    assert "Answered as no. 1" in _detail(english, advertised).content.decode()
    receipt = english.get(reverse("notices:receipt", args=[advertised.pk, mine.pk])).content.decode()
    assert "Published as no. 1" in receipt


@pytest.mark.parametrize(
    "persona", ["other_supplier", "procurement_officer", "administrator", "matching_officer"], indirect=True
)
def test_a_receipt_is_the_askers_alone(client, advertised, supplier, persona):
    question = services.ask_question(advertised, user=supplier, text="Min fråga")
    client.force_login(persona)
    assert client.get(reverse("notices:receipt", args=[advertised.pk, question.pk])).status_code == 404


def test_a_colleague_at_the_asking_supplier_sees_the_receipt(client, advertised, supplier):
    from insteg.accounts.models import Role
    from insteg.accounts.tests.factories import MembershipFactory

    question = services.ask_question(advertised, user=supplier, text="Min fråga")
    colleague = MembershipFactory(organisation=supplier.organisation, role=Role.SUPPLIER_CONTACT).user
    client.force_login(colleague)
    assert client.get(reverse("notices:receipt", args=[advertised.pk, question.pk])).status_code == 200


# --- Anonymity ----------------------------------------------------------------------------------------------


def _asker_traces(asker) -> list[str]:
    organisation = asker.organisation
    return [organisation.name, organisation.org_number, asker.email, asker.get_full_name()]


def _assert_anonymous(text: str, asker) -> None:
    for trace in _asker_traces(asker):
        assert trace not in text, trace
    assert not re.search(rf"\b{re.escape(asker.username)}\b", text), asker.username


@pytest.fixture
def asked_and_answered(advertised, supplier, procurement_officer):
    """Lars's company asked, registered, and got an answer; a correction followed."""
    supplier.first_name, supplier.last_name = "Zebulon", "Frågeställarsson"
    supplier.save()
    InterestedSupplierFactory(procurement=advertised, organisation=supplier.organisation, contact_email=supplier.email)
    question = services.ask_question(advertised, user=supplier, text="Vad menas med handledare?")
    answer = _publish(
        advertised, procurement_officer, public_question="Vad avses med handledare?", text="En anställd.",
        questions=[question],
    )  # fmt: skip
    correction = services.correct_answer(answer, user=procurement_officer, public_question="Vad avses?", text="Rättat.")
    services.publish_answer(correction, user=procurement_officer)
    return question


@pytest.mark.parametrize("viewer", ["anonymous", "other_supplier", "matching_officer", "funder"])
def test_no_page_names_the_asker_or_the_registered(request, client, advertised, asked_and_answered, supplier, viewer):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    urls = [
        reverse("notices:list"),
        reverse("notices:list") + "?q=lokal",
        reverse("notices:detail", args=[advertised.pk]),
        reverse("notices:feed"),
    ]
    if viewer == "other_supplier":
        urls.append(reverse("notices:ask", args=[advertised.pk]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_anonymous(response.content.decode(), supplier)
    receipt = client.get(reverse("notices:receipt", args=[advertised.pk, asked_and_answered.pk]))
    assert receipt.status_code in (302, 404)
    _assert_anonymous(receipt.content.decode(), supplier)
