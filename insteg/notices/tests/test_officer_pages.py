"""The buyer's pages for questions and answers: inbox, drafting, publishing within the time limits, extending."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insteg.notices import services
from insteg.notices.models import Answer, DeadlineExtension, Question
from insteg.notices.tests.factories import InterestedSupplierFactory, QuestionFactory
from insteg.procurement.models import Procurement
from insteg.procurement.tests.factories import ProcurementFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def march_20():
    """Well before the answers are due (Saturday 4 April 2026) unless a test travels on."""
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, tzinfo=STOCKHOLM), tick=False) as traveller:
        yield traveller


@pytest.fixture
def officer_client(client, english, procurement_officer):
    client.force_login(procurement_officer)
    return client


def _ask(procurement, user, text="Räknas en lärlingsanställning som uppfyllelse av kravet?", **kwargs):
    return services.ask_question(procurement, user=user, text=text, **kwargs)


def _draft(procurement, officer, questions, **kwargs):
    return services.draft_answer(
        procurement,
        user=officer,
        questions=questions,
        public_question=kwargs.pop("public_question", "Räknas lärlingar?"),
        text=kwargs.pop("text", "Ja, alternativ b."),
        **kwargs,
    )


def _travel(traveller, client, user, *day):
    """On to another day; the session (eight hours at most) is renewed as a person would sign in again."""
    traveller.move_to(datetime.datetime(*day, 12, tzinfo=STOCKHOLM))
    client.force_login(user)


def _url(name, procurement, **kwargs):
    return reverse(f"notices:{name}", kwargs={"pk": procurement.pk, **kwargs})


# The inbox


def test_the_inbox_shows_the_three_sections_with_the_asker(
    officer_client, advertised, procurement_officer, supplier, other_supplier, march_20
):
    requirement = advertised.requirements.get()
    waiting = _ask(advertised, supplier, "Gäller kravet även underleverantörer?", requirement=requirement)
    march_20.move_to(datetime.datetime(2026, 4, 1, 9, 30, tzinfo=STOCKHOLM))
    late = _ask(advertised, other_supplier, "Får vi lämna anbud på båda områdena?", lot=advertised.lots.get())
    drafted = _draft(advertised, procurement_officer, [_ask(advertised, supplier, "Hur rapporteras?")])
    published = _draft(advertised, procurement_officer, [_ask(advertised, other_supplier)], text="Publicerat svar.")
    services.publish_answer(published, user=procurement_officer)

    officer_client.force_login(procurement_officer)  # twelve days on: the morning's session has ended
    response = officer_client.get(_url("inbox", advertised))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Unanswered questions (2)" in page and "Draft answer (1)" in page and "Published answer (1)" in page
    assert waiting.text in page and late.text in page
    assert supplier.organisation.name in page and other_supplier.organisation.name in page
    assert "Not in good time" in page
    assert "2026-04-01 09:30" in page
    assert requirement.criterion.title in page and "Lot 1. Norra området" in page
    assert "Saturday 4 April 2026" in page
    assert drafted.public_question in page and "Publicerat svar." in page
    assert f'name="questions" value="{waiting.pk}"' in page
    assert "Answer the selected questions together" in page
    assert "?kind=clarification" in page
    assert "Overdue" not in page


@pytest.mark.parametrize(
    ("day", "words"),
    [((2026, 4, 3), None), ((2026, 4, 4), "Due today:"), ((2026, 4, 5), "Overdue:"), ((2026, 4, 7), "Overdue:")],
)
def test_the_inbox_says_in_words_when_answers_are_overdue(
    officer_client, advertised, procurement_officer, supplier, march_20, day, words
):
    _ask(advertised, supplier)
    _travel(march_20, officer_client, procurement_officer, *day)
    page = officer_client.get(_url("inbox", advertised)).content.decode()
    assert "Saturday 4 April 2026" in page
    if words:
        assert words in page
    else:
        assert "Overdue:" not in page and "Due today:" not in page


def test_the_inbox_makes_the_same_number_of_queries_however_many_questions(
    officer_client, advertised, procurement_officer, supplier, other_supplier, django_assert_num_queries
):
    def grow():
        for user in (supplier, other_supplier):
            question = _ask(advertised, user, requirement=advertised.requirements.get())
            _ask(advertised, user, lot=advertised.lots.get())
            answer = _draft(advertised, procurement_officer, [question])
            services.publish_answer(answer, user=procurement_officer)
            services.correct_answer(answer, user=procurement_officer, public_question="X?", text="Y.")

    grow()
    with CaptureQueriesContext(connection) as few:
        assert officer_client.get(_url("inbox", advertised)).status_code == 200
    grow()
    grow()
    with django_assert_num_queries(len(few.captured_queries)):
        response = officer_client.get(_url("inbox", advertised))
    assert "Unanswered questions (6)" in response.content.decode()


# Drafting


def test_answering_two_questions_together(officer_client, advertised, supplier, other_supplier):
    first = _ask(advertised, supplier, "Räknas lärlingar som Storsjöbygg AB anställer?")
    second = _ask(advertised, other_supplier, "Räknas lärlingsanställningar?")
    url = _url("answer_create", advertised)

    page = officer_client.get(url, {"questions": [first.pk, second.pk, "x", 99999]}).content.decode()
    # Prefilled with the first question's words, and a reminder to rewrite them.
    assert "Räknas lärlingar som Storsjöbygg AB anställer?</textarea>" in page
    assert "does not reveal who asked" in page
    assert page.count("checked") == 2

    response = officer_client.post(
        url,
        {"questions": [first.pk, second.pk], "public_question": "Räknas lärlingar?", "text": "Ja, alternativ b."},
    )
    assert response.status_code == 302, response.context["form"].errors
    answer = Answer.objects.get()
    assert response.url == _url("answer_edit", advertised, answer_pk=answer.pk)
    assert set(answer.questions.all()) == {first, second}
    assert not answer.is_published

    page = officer_client.get(response.url).content.decode()
    assert first.text in page and second.text in page and "Publish to every supplier" in page


def test_a_clarification_has_no_questions(officer_client, advertised, supplier):
    _ask(advertised, supplier)
    url = _url("answer_create", advertised) + "?kind=clarification"
    page = officer_client.get(url).content.decode()
    assert 'name="questions"' not in page
    response = officer_client.post(
        url, {"public_question": "Ändrad visning", "text": "Visningen flyttas till 25 mars.", "lot": ""}
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.kind == Answer.Kind.CLARIFICATION and not answer.questions.exists()


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"public_question": "", "text": ""}, "This field is required."),
        ({"public_question": "x" * 100_000, "text": "Ja."}, "Ensure this value has at most 5000 characters"),
        ({"public_question": "Fråga?", "text": "x" * 100_000}, "Ensure this value has at most 20000 characters"),
        ({"public_question": "Fråga?", "text": "Ja.", "questions": []}, "Choose the question or questions"),
        ({"public_question": "Fråga?", "text": "Ja.", "questions": ["abc"]}, "is not a valid value"),
        ({"public_question": "Fråga?", "text": "Ja.", "lot": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_drafts_are_refused_with_a_message_and_nothing_written(
    officer_client, advertised, supplier, data, field_error
):
    question = _ask(advertised, supplier)
    data = {"questions": [question.pk], **data}
    response = officer_client.post(_url("answer_create", advertised), data)
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert not Answer.objects.exists()


def test_questions_of_another_procurement_cannot_be_answered_here(
    officer_client, advertised, procurement_officer, supplier
):
    other = ProcurementFactory(organisation=advertised.organisation, officer=procurement_officer, status="published")
    foreign = _ask(other, supplier)
    response = officer_client.post(
        _url("answer_create", advertised), {"questions": [foreign.pk], "public_question": "F?", "text": "S."}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Answer.objects.exists()
    foreign.refresh_from_db()
    assert foreign.answer is None


def test_script_in_the_text_is_shown_as_text(officer_client, advertised, procurement_officer, supplier):
    script = "<script>alert('x')</script>"
    question = _ask(advertised, supplier, script)
    answer = _draft(advertised, procurement_officer, [question], public_question=script, text=script)
    for url in (_url("inbox", advertised), _url("answer_edit", advertised, answer_pk=answer.pk)):
        page = officer_client.get(url).content.decode()
        assert script not in page
        assert "&lt;script&gt;" in page


def test_a_draft_is_changed_and_a_published_answer_is_read_only(
    officer_client, advertised, procurement_officer, supplier
):
    answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
    url = _url("answer_edit", advertised, answer_pk=answer.pk)
    response = officer_client.post(url, {"public_question": "Räknas lärlingar?", "text": "Nej.", "lot": ""})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.text == "Nej."

    services.publish_answer(answer, user=procurement_officer)
    page = officer_client.get(url).content.decode()
    assert 'name="text"' not in page
    assert _url("answer_correct", advertised, answer_pk=answer.pk) in page
    response = officer_client.post(url, {"public_question": "Ändrad", "text": "Ändrad"})
    assert response.status_code == 409
    answer.refresh_from_db()
    assert answer.text == "Nej."


# Publishing


def test_publishing_in_time_emails_every_supplier(
    officer_client, advertised, procurement_officer, supplier, mailoutbox
):
    for n in range(3):
        InterestedSupplierFactory(procurement=advertised, contact_email=f"anbud@leverantor{n}.example")
    answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
    url = _url("answer_publish", advertised, answer_pk=answer.pk)

    page = officer_client.get(url).content.decode()
    assert "3 interested suppliers are emailed" in page
    assert "Saturday 4 April 2026" in page and "Publishing today is in time." in page
    assert "Monday 13 April 2026" in page
    assert 'name="extend_to" value=""' not in page and 'value="2026-04-13"' not in page

    response = officer_client.post(url, {"extend_to": "", "late_reason": ""}, follow=True)
    assert response.redirect_chain[-1][0] == _url("inbox", advertised)
    assert "Published as no. 1; emailed 3 suppliers." in response.content.decode()
    assert len(mailoutbox) == 3


def test_a_late_answer_is_refused_then_published_with_an_extension(
    officer_client, advertised, procurement_officer, supplier, march_20, mailoutbox
):
    InterestedSupplierFactory(procurement=advertised)
    answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
    _travel(march_20, officer_client, procurement_officer, 2026, 4, 7)
    url = _url("answer_publish", advertised, answer_pk=answer.pk)

    page = officer_client.get(url).content.decode()
    assert "Publishing today is late" in page
    assert 'value="2026-04-13"' in page  # the suggestion is prefilled

    response = officer_client.post(url, {"extend_to": "", "late_reason": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The last day for answers was Saturday 4 April 2026" in page and "Monday 13 April 2026" in page
    answer.refresh_from_db()
    assert not answer.is_published and mailoutbox == []

    response = officer_client.post(url, {"extend_to": "2026-04-10"})
    assert response.status_code == 400
    assert "or later" in response.content.decode()

    response = officer_client.post(url, {"extend_to": "2026-04-13"})
    assert response.status_code == 302
    advertised.refresh_from_db()
    assert advertised.tender_deadline == datetime.date(2026, 4, 13)
    assert DeadlineExtension.objects.get().answer == answer
    assert "2026-04-13" in mailoutbox[0].body


def test_a_late_answer_is_published_with_a_reason(officer_client, advertised, procurement_officer, supplier, march_20):
    answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
    _travel(march_20, officer_client, procurement_officer, 2026, 4, 7)
    response = officer_client.post(
        _url("answer_publish", advertised, answer_pk=answer.pk),
        {"extend_to": "", "late_reason": "Svaret upprepar det som redan står i underlaget."},
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.is_published and answer.late_reason.startswith("Svaret upprepar")


@pytest.mark.parametrize(
    ("extend_to", "message"),
    [
        ("2026-02-30", "Enter a valid date."),
        ("20260-01-01", "Enter a valid date."),
        ("1999-05-01", "between the years"),
    ],
)
def test_impossible_dates_are_refused(officer_client, advertised, procurement_officer, supplier, extend_to, message):
    answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
    response = officer_client.post(_url("answer_publish", advertised, answer_pk=answer.pk), {"extend_to": extend_to})
    assert response.status_code == 400
    assert message in response.content.decode()
    answer.refresh_from_db()
    assert not answer.is_published


def test_a_significant_change_is_prefilled_with_the_extension(
    officer_client, advertised, procurement_officer, supplier
):
    answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)], significant_change=True)
    url = _url("answer_publish", advertised, answer_pk=answer.pk)
    page = officer_client.get(url).content.decode()
    assert "significant change" in page and 'value="2026-04-13"' in page
    response = officer_client.post(url, {"extend_to": "", "late_reason": "Ingen påverkan."})
    assert response.status_code == 400
    assert "requires a later tender deadline" in response.content.decode()


# Corrections


def test_a_correction_is_drafted_from_the_published_answer(officer_client, advertised, procurement_officer, supplier):
    answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
    services.publish_answer(answer, user=procurement_officer)
    url = _url("answer_correct", advertised, answer_pk=answer.pk)
    page = officer_client.get(url).content.decode()
    assert "Ja, alternativ b.</textarea>" in page

    response = officer_client.post(url, {"public_question": "Räknas lärlingar?", "text": "Nej, bara alternativ a."})
    correction = Answer.objects.get(corrects=answer)
    assert response.status_code == 302
    assert response.url == _url("answer_edit", advertised, answer_pk=correction.pk)
    assert not correction.is_published
    # A second try goes to the existing correction rather than making another.
    assert officer_client.get(url).url == response.url

    services.publish_answer(correction, user=procurement_officer)
    page = officer_client.get(_url("inbox", advertised)).content.decode()
    assert "Superseded by the correction no. 2" in page and "corrects no. 1" in page
    assert "Ja, alternativ b." in page and "Nej, bara alternativ a." in page


# Extending and the interested suppliers


def test_extending_the_deadline_on_its_own(officer_client, advertised, mailoutbox):
    InterestedSupplierFactory(procurement=advertised)
    url = _url("extend", advertised)
    assert "Friday 10 April 2026" in officer_client.get(url).content.decode()
    for bad, message in [
        ("2026-04-09", "later than the current one"),
        ("2026-04-10", "later than the current one"),
        ("2026-02-30", "Enter a valid date."),
        ("", "This field is required."),
    ]:
        response = officer_client.post(url, {"new_deadline": bad})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not DeadlineExtension.objects.exists()

    response = officer_client.post(url, {"new_deadline": "2026-04-17"}, follow=True)
    assert "The tender deadline is now 2026-04-17; emailed 1 supplier." in response.content.decode()
    advertised.refresh_from_db()
    assert advertised.tender_deadline == datetime.date(2026, 4, 17)
    assert len(mailoutbox) == 1


def test_the_interested_suppliers_are_listed_for_staff(officer_client, advertised):
    registration = InterestedSupplierFactory(procurement=advertised, contact_email="anbud@frosostad.example")
    page = officer_client.get(_url("interested", advertised)).content.decode()
    assert registration.organisation.name in page and "anbud@frosostad.example" in page


def test_a_draft_procurement_takes_no_answers(officer_client, advertised):
    Procurement.objects.filter(pk=advertised.pk).update(status=Procurement.Status.DRAFT)
    response = officer_client.post(
        _url("answer_create", advertised) + "?kind=clarification", {"public_question": "F", "text": "S"}
    )
    assert response.status_code == 400
    assert "only while the procurement is advertised" in response.content.decode()
    assert not Answer.objects.exists()


# Who may


OFFICER_ROUTES = ["inbox", "answer_create", "answer_edit", "answer_publish", "answer_correct", "extend", "interested"]


def _kwargs(route, answer):
    return {"answer_pk": answer.pk} if route.startswith("answer_") and route != "answer_create" else {}


@pytest.mark.parametrize("route", OFFICER_ROUTES)
@pytest.mark.parametrize(
    ("persona_name", "published_status", "draft_status"),
    [
        ("procurement_officer", 200, 200),
        ("administrator", 200, 200),
        ("matching_officer", 403, 403),
        ("supplier", 403, 404),
        ("other_supplier", 403, 404),
        ("employment_officer", 403, 404),
        ("funder", 403, 404),
    ],
)
def test_only_the_buyers_officers_reach_the_pages(
    request, client, advertised, procurement_officer, route, persona_name, published_status, draft_status
):
    """A published procurement is known to every signed-in user, so others get 403; a draft is hidden (404)."""
    answer = Answer.objects.create(
        procurement=advertised, public_question="F", text="S", written_by=procurement_officer
    )
    if route == "answer_correct":
        services.publish_answer(answer, user=procurement_officer)
    client.force_login(request.getfixturevalue(persona_name))
    url = _url(route, advertised, **_kwargs(route, answer))
    assert client.get(url).status_code == published_status
    Procurement.objects.filter(pk=advertised.pk).update(status=Procurement.Status.DRAFT)
    assert client.get(url).status_code == draft_status


def test_anonymous_visitors_are_sent_to_sign_in(client, advertised):
    assert client.get(_url("inbox", advertised)).status_code == 302


def test_an_answer_of_another_procurement_is_not_found(officer_client, advertised, procurement_officer):
    other = ProcurementFactory(organisation=advertised.organisation, officer=procurement_officer, status="published")
    answer = Answer.objects.create(procurement=other, public_question="F", text="S", written_by=procurement_officer)
    for route in ("answer_edit", "answer_publish", "answer_correct"):
        assert officer_client.get(_url(route, advertised, answer_pk=answer.pk)).status_code == 404


def test_a_supplier_cannot_publish(client, advertised, procurement_officer, supplier):
    question = QuestionFactory(procurement=advertised)
    answer = _draft(advertised, procurement_officer, [question])
    client.force_login(supplier)
    assert client.post(_url("answer_publish", advertised, answer_pk=answer.pk)).status_code == 403
    answer.refresh_from_db()
    assert not answer.is_published
    assert Question.objects.get().status == Question.Status.RECEIVED
