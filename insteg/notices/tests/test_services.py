"""The advertising period's rules, with time travel across Easter 2026 (12 kap. 11 § LOU, domain.md §2.2).

The `advertised` procurement: question deadline Tuesday 31 March, answers due by Saturday 4 April, tender
deadline Friday 10 April 2026; Långfredag is 3 April and Annandag påsk 6 April.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from insteg.lib.errors import DomainError
from insteg.notices import access, services
from insteg.notices.models import Answer, DeadlineExtension, Question
from insteg.notices.tests.factories import InterestedSupplierFactory
from insteg.privacy.models import AuditEvent
from insteg.procurement.models import Procurement

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(year, month, day, hour=10):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=STOCKHOLM), tick=False)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def registered(advertised):
    """Three interested suppliers, each with its own contact address."""
    return [
        InterestedSupplierFactory(procurement=advertised, contact_email=f"anbud@leverantor{n}.example")
        for n in range(3)
    ]


def _ask(procurement, user, text="Räknas en lärlingsanställning som uppfyllelse av kravet?"):
    return services.ask_question(procurement, user=user, text=text)


def _draft(procurement, officer, questions=(), **kwargs):
    defaults = {"public_question": "Räknas en lärlingsanställning?", "text": "Ja, alternativ b."}
    kind = Answer.Kind.ANSWER if questions else Answer.Kind.CLARIFICATION
    return services.draft_answer(procurement, user=officer, questions=questions, kind=kind, **{**defaults, **kwargs})


# Asking


@pytest.mark.parametrize(
    ("day", "in_good_time"),
    [
        ((2026, 3, 20), True),
        ((2026, 3, 31), True),  # the question deadline itself
        ((2026, 4, 1), False),
        ((2026, 4, 10), False),  # the tender deadline: still accepted, but not in good time
    ],
)
def test_questions_after_the_question_deadline_are_accepted_but_flagged(advertised, supplier, day, in_good_time):
    with at(*day):
        question = _ask(advertised, supplier)
    assert question.in_good_time is in_good_time
    assert AuditEvent.objects.filter(action="notice.question_received").count() == 1


def test_questions_after_the_tender_deadline_or_to_a_draft_are_refused(advertised, supplier, municipality):
    with at(2026, 4, 11), pytest.raises(DomainError, match="tender deadline has passed"):
        _ask(advertised, supplier)
    Procurement.objects.filter(pk=advertised.pk).update(status=Procurement.Status.DRAFT)
    with at(2026, 3, 20), pytest.raises(DomainError, match="not advertised"):
        _ask(advertised, supplier)
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write the text"), ("   \n ", "Write the text"), ("x" * 100_000, "At most 5000 characters")],
)
def test_empty_or_huge_questions_are_refused_and_nothing_is_written(advertised, supplier, text, message):
    with at(2026, 3, 20), pytest.raises(ValidationError, match=message):
        _ask(advertised, supplier, text)
    assert not Question.objects.exists()


# Publishing within the time limits


def test_an_answer_published_in_time_goes_to_everyone(
    advertised, procurement_officer, supplier, registered, mailoutbox
):
    with at(2026, 3, 20):
        question = _ask(advertised, supplier)
        answer = _draft(advertised, procurement_officer, [question])
        services.publish_answer(answer, user=procurement_officer)
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.is_published and answer.number == 1 and answer.late_reason == ""
    assert question.status == Question.Status.ANSWERED
    assert list(access.published_answers(advertised)) == [answer]
    assert len(mailoutbox) == len(registered)
    advertised.refresh_from_db()
    assert advertised.tender_deadline == datetime.date(2026, 4, 10)


def test_publishing_on_the_last_day_is_in_time(advertised, procurement_officer, supplier):
    with at(2026, 4, 4, 23):
        answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
        services.publish_answer(answer, user=procurement_officer)
    assert Answer.objects.get().is_published


def test_a_late_answer_without_extension_or_reason_is_refused(
    advertised, procurement_officer, supplier, registered, mailoutbox
):
    with at(2026, 4, 1):
        question = _ask(advertised, supplier)
    with at(2026, 4, 7):
        answer = _draft(advertised, procurement_officer, [question])
        with pytest.raises(ValidationError) as refusal:
            services.publish_answer(answer, user=procurement_officer)
    (message,) = refusal.value.message_dict["late_reason"]
    # It names the last day for answers and the earliest extension (6 days on, past the current deadline).
    assert "Saturday 4 April 2026" in message
    assert "Monday 13 April 2026" in message
    answer.refresh_from_db()
    assert not answer.is_published and answer.number is None
    assert mailoutbox == []
    assert not DeadlineExtension.objects.exists()


def test_a_late_answer_is_published_with_an_extension(
    advertised, procurement_officer, supplier, registered, mailoutbox
):
    with at(2026, 4, 7):
        answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
        services.publish_answer(answer, user=procurement_officer, extend_to=datetime.date(2026, 4, 13))
    advertised.refresh_from_db()
    assert advertised.tender_deadline == datetime.date(2026, 4, 13)
    extension = DeadlineExtension.objects.get()
    assert (extension.previous_deadline, extension.new_deadline, extension.answer) == (
        datetime.date(2026, 4, 10),
        datetime.date(2026, 4, 13),
        answer,
    )
    assert len(mailoutbox) == len(registered)
    assert all("2026-04-13" in message.body for message in mailoutbox)


def test_a_late_answer_is_published_with_a_reason(advertised, procurement_officer, supplier, registered, mailoutbox):
    with at(2026, 4, 7):
        answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
        services.publish_answer(answer, user=procurement_officer, late_reason="Svaret upprepar bara underlaget.")
    answer.refresh_from_db()
    assert answer.is_published and answer.late_reason == "Svaret upprepar bara underlaget."
    advertised.refresh_from_db()
    assert advertised.tender_deadline == datetime.date(2026, 4, 10)
    assert len(mailoutbox) == len(registered)


@pytest.mark.parametrize(
    "extend_to", [datetime.date(2026, 4, 9), datetime.date(2026, 4, 10), datetime.date(2026, 4, 11)]
)
def test_an_extension_shorter_than_the_minimum_is_refused(advertised, procurement_officer, supplier, extend_to):
    with at(2026, 4, 7):
        answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
        with pytest.raises(ValidationError) as refusal:
            services.publish_answer(answer, user=procurement_officer, extend_to=extend_to)
    assert "Monday 13 April 2026 (2026-04-13)" in refusal.value.message_dict["extend_to"][0]
    advertised.refresh_from_db()
    assert advertised.tender_deadline == datetime.date(2026, 4, 10)


def test_a_significant_change_requires_an_extension_even_in_time(
    advertised, procurement_officer, registered, mailoutbox
):
    with at(2026, 3, 20):
        answer = _draft(advertised, procurement_officer, significant_change=True)
        with pytest.raises(ValidationError) as refusal:
            services.publish_answer(answer, user=procurement_officer, late_reason="Påverkar inte.")
        assert "extend_to" in refusal.value.message_dict
        services.publish_answer(answer, user=procurement_officer, extend_to=datetime.date(2026, 4, 13))
    advertised.refresh_from_db()
    assert advertised.tender_deadline == datetime.date(2026, 4, 13)
    assert all("2026-04-13" in message.body for message in mailoutbox)


@pytest.mark.parametrize(
    ("tender_deadline", "today", "earliest", "why"),
    [
        ("2026-04-10", "2026-03-20", "2026-04-13", "in time: the day after the deadline, over the weekend"),
        ("2026-04-10", "2026-04-07", "2026-04-13", "6 days on is Monday 13 April"),
        ("2026-04-01", "2026-03-28", "2026-04-07", "3 April is Långfredag, then Easter, then Annandag påsk"),
        ("2026-04-01", "2026-03-31", "2026-04-07", "6 April is Annandag påsk"),
        ("2026-04-24", "2026-04-25", "2026-05-04", "1 May is Första maj, then the weekend"),
        ("2026-05-08", "2026-05-08", "2026-05-15", "14 May is Kristi himmelsfärds dag"),
        ("2026-06-12", "2026-06-13", "2026-06-22", "19 June is Midsommarafton, 20 June Midsommardagen"),
        ("2026-12-15", "2026-12-18", "2026-12-28", "24 December is Julafton, then Juldagen and the weekend"),
        ("2026-12-21", "2026-12-26", "2027-01-04", "31 December is Nyårsafton, 1 January Nyårsdagen"),
    ],
)
def test_the_minimum_extension_rolls_over_swedish_holidays(advertised, tender_deadline, today, earliest, why):
    Procurement.objects.filter(pk=advertised.pk).update(
        tender_deadline=datetime.date.fromisoformat(tender_deadline), question_deadline=None
    )
    advertised.refresh_from_db()
    assert services.minimum_extension(advertised, datetime.date.fromisoformat(today)) == datetime.date.fromisoformat(
        earliest
    ), why


# Simultaneous, anonymous notification


def test_one_email_per_supplier_naming_neither_the_others_nor_the_asker(
    advertised, procurement_officer, supplier, registered, mailoutbox
):
    asker_org = supplier.organisation
    with at(2026, 3, 20):
        question = _ask(advertised, supplier, "Vi på Storsjöbygg AB undrar om lärlingar räknas?")
        answer = _draft(advertised, procurement_officer, [question], public_question="Räknas lärlingar?")
        services.publish_answer(answer, user=procurement_officer)

    addresses = [registration.contact_email for registration in registered]
    assert sorted(address for message in mailoutbox for address in message.to) == sorted(addresses)
    secrets = [asker_org.name, asker_org.org_number, supplier.username, supplier.email, supplier.get_full_name()]
    for message in mailoutbox:
        (own,) = message.to
        assert message.cc == [] and message.bcc == []
        content = " ".join([message.subject, message.body, str(message.extra_headers)])
        assert "Räknas lärlingar?" in message.body and advertised.reference in message.subject
        for other in set(addresses) - {own}:
            assert other not in content
        for secret in filter(None, secrets):
            assert secret not in content, secret


def test_no_email_leaves_when_publishing_is_refused_or_nobody_registered(advertised, procurement_officer, mailoutbox):
    with at(2026, 3, 20):
        services.publish_answer(_draft(advertised, procurement_officer), user=procurement_officer)
    assert mailoutbox == []
    assert Answer.objects.get().is_published


def test_duplicates_are_merged_into_one_answer(advertised, procurement_officer, supplier, other_supplier, mailoutbox):
    with at(2026, 3, 20):
        first = _ask(advertised, supplier, "Räknas lärlingar?")
        second = _ask(advertised, other_supplier, "Kan en lärlingsanställning uppfylla kravet?")
        answer = _draft(advertised, procurement_officer, [first, second])
        services.publish_answer(answer, user=procurement_officer)
    for question in (first, second):
        question.refresh_from_db()
        assert (question.answer, question.status) == (answer, Question.Status.ANSWERED)
    assert Answer.objects.count() == 1


def test_questions_of_another_procurement_or_already_answered_are_refused(advertised, procurement_officer, supplier):
    other = Procurement.objects.get(pk=advertised.pk)
    other.pk = None
    other.reference = "KS 2026/9999"
    other.save()
    with at(2026, 3, 20):
        foreign = _ask(other, supplier)
        with pytest.raises(ValidationError, match="questions of this procurement"):
            _draft(advertised, procurement_officer, [foreign])
        own = _ask(advertised, supplier)
        services.publish_answer(_draft(advertised, procurement_officer, [own]), user=procurement_officer)
        own.refresh_from_db()
        with pytest.raises(ValidationError, match="already answered"):
            _draft(advertised, procurement_officer, [own])
    assert Answer.objects.count() == 1


# Published answers stay


def test_a_published_answer_is_never_changed_or_deleted(advertised, procurement_officer, supplier):
    with at(2026, 3, 20):
        answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
        services.publish_answer(answer, user=procurement_officer)
        with pytest.raises(DomainError, match="never changed"):
            services.update_answer(answer, user=procurement_officer, text="Nej.")
        with pytest.raises(DomainError, match="already published"):
            services.publish_answer(answer, user=procurement_officer)
    with pytest.raises(ValidationError, match="never deleted"):
        Answer.objects.get(pk=answer.pk).delete()
    answer.refresh_from_db()
    assert answer.text == "Ja, alternativ b." and answer.number == 1


def test_a_correction_supersedes_the_answer_and_both_stay(
    advertised, procurement_officer, supplier, registered, mailoutbox
):
    with at(2026, 3, 20):
        answer = _draft(advertised, procurement_officer, [_ask(advertised, supplier)])
        services.publish_answer(answer, user=procurement_officer)
        correction = services.correct_answer(
            answer, user=procurement_officer, public_question="Räknas en lärlingsanställning?", text="Nej, bara a."
        )
        assert not correction.is_published
        with pytest.raises(DomainError, match="already has a correction"):
            services.correct_answer(answer, user=procurement_officer, public_question="X", text="Y")
        services.publish_answer(correction, user=procurement_officer)
    answer.refresh_from_db()
    assert answer.is_superseded and answer.text == "Ja, alternativ b."
    assert [(a.number, a.corrects_id) for a in access.published_answers(advertised)] == [(1, None), (2, answer.pk)]
    # Suppliers are written to in Swedish, the site's language.
    assert "rättelse publicerad (nr 2)" in mailoutbox[-1].subject
    assert "Det här är en rättelse av svar nr 1." in mailoutbox[-1].body


# Extending on its own


def test_extending_the_tender_deadline_on_its_own_tells_every_supplier(
    advertised, procurement_officer, registered, mailoutbox
):
    with at(2026, 3, 20):
        services.extend_tender_deadline(advertised, user=procurement_officer, new_deadline=datetime.date(2026, 4, 20))
        with pytest.raises(ValidationError, match="later than the current one"):
            services.extend_tender_deadline(
                advertised, user=procurement_officer, new_deadline=datetime.date(2026, 4, 15)
            )
    advertised.refresh_from_db()
    assert advertised.tender_deadline == datetime.date(2026, 4, 20)
    assert DeadlineExtension.objects.count() == 1
    assert len(mailoutbox) == len(registered)
    assert all("förlängd från 2026-04-10 till 2026-04-20" in message.body for message in mailoutbox)


@pytest.mark.parametrize("persona_name", ["matching_officer", "supplier", "employment_officer"])
def test_only_the_buyers_officers_answer(request, advertised, persona_name):
    user = request.getfixturevalue(persona_name)
    with at(2026, 3, 20), pytest.raises(DomainError, match="procurement officers"):
        _draft(advertised, user)
    assert not Answer.objects.exists()


def test_a_draft_can_be_discarded_and_its_questions_are_unanswered_again(advertised, procurement_officer):
    from insteg.notices.models import Answer, Question
    from insteg.notices.tests.factories import QuestionFactory

    question = QuestionFactory(procurement=advertised)
    draft = services.draft_answer(
        advertised, user=procurement_officer, questions=[question], public_question="Fråga?", text="Svar."
    )
    services.discard_draft(draft, user=procurement_officer)
    assert not Answer.objects.filter(pk=draft.pk).exists()
    question.refresh_from_db()
    assert question.answer is None
    assert question.status == Question.Status.RECEIVED


def test_a_published_answer_cannot_be_discarded(advertised, procurement_officer):
    from insteg.lib.errors import DomainError
    from insteg.notices.models import Answer
    from insteg.notices.tests.factories import AnswerFactory

    published = AnswerFactory(procurement=advertised, status="published", number=1)
    with pytest.raises(DomainError):
        services.discard_draft(published, user=procurement_officer)
    assert Answer.objects.filter(pk=published.pk).exists()
