"""LOU's time limits with real calendar dates across Swedish holidays (domain.md §2.2–2.3)."""

from datetime import date

import pytest
from django.utils import translation

from insteg.rules import deadlines
from insteg.rules.models import TimeLimit

pytestmark = pytest.mark.usefixtures("in_english")

OPEN, RESTRICTED = "open", "restricted"

# (procedure, electronic, PIN, accelerated, notice sent, minimum tender deadline, rule applied, why)
TENDER_PERIODS = [
    (OPEN, False, False, False, date(2026, 1, 12), date(2026, 2, 16), "open-35", "35 days, a Monday"),
    (OPEN, False, False, False, date(2026, 2, 27), date(2026, 4, 7), "open-35", "Långfredag to Tuesday"),
    (OPEN, True, False, False, date(2026, 3, 5), date(2026, 4, 7), "open-electronic-30", "Easter Saturday"),
    (OPEN, True, False, False, date(2026, 5, 20), date(2026, 6, 22), "open-electronic-30", "Midsommarafton"),
    (OPEN, True, False, False, date(2025, 12, 1), date(2026, 1, 2), "open-electronic-30", "Nyårsafton, Nyårsdagen"),
    (OPEN, False, True, False, date(2026, 12, 9), date(2026, 12, 28), "open-pin-15", "Julafton to Monday"),
    (OPEN, True, True, False, date(2026, 3, 2), date(2026, 3, 17), "open-pin-15", "the shortest reduction wins"),
    (OPEN, True, False, True, date(2026, 12, 16), date(2027, 1, 4), "open-accelerated-15", "Nyårsafton"),
    (RESTRICTED, False, False, False, date(2026, 12, 7), date(2027, 1, 7), "restricted-tenders-30", "Trettondagen"),
    (RESTRICTED, True, False, False, date(2026, 12, 7), date(2027, 1, 7), "restricted-tenders-30", "no e-reduction"),
    (RESTRICTED, True, True, False, date(2026, 5, 4), date(2026, 5, 15), "restricted-pin-10", "Kristi himmelsfärd"),
    (RESTRICTED, True, False, True, date(2026, 5, 27), date(2026, 6, 8), "restricted-accelerated-10", "Nationaldagen"),
    (
        "negotiated_with_notice", True, False, False, date(2026, 4, 1), date(2026, 5, 4),
        "negotiated-with-notice-tenders-30", "Första maj",
    ),
    (
        "competitive_dialogue", True, True, False, date(2026, 3, 24), date(2026, 4, 7),
        "competitive-dialogue-pin-10", "Långfredag",
    ),
    (
        "innovation_partnership", True, False, True, date(2026, 12, 21), date(2027, 1, 4),
        "innovation-partnership-accelerated-10", "Nyårsafton",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("procedure", "electronic", "pin", "accelerated", "notice_sent", "minimum", "code", "why"), TENDER_PERIODS
)
def test_minimum_tender_deadline(procedure, electronic, pin, accelerated, notice_sent, minimum, code, why):
    result = deadlines.calculate(
        procedure=procedure,
        electronic_submission=electronic,
        prior_information_notice=pin,
        accelerated=accelerated,
        notice_sent=notice_sent,
    )
    assert result.minimum_tender_deadline == minimum, why
    codes = [rule.code for rule in result.rules]
    assert codes[0] == code
    limit = TimeLimit.objects.get(code=code)
    assert result.rules[0] == deadlines.AppliedRule(code=code, text=limit.text_en, source=limit.source)
    rolled = (minimum - notice_sent).days != limit.days
    assert ("eu-1182-71-tender-period" in codes) == rolled


def test_the_roll_forward_names_the_days_and_the_regulation():
    result = deadlines.calculate(procedure=OPEN, electronic_submission=True, notice_sent=date(2026, 5, 20))
    rule = next(rule for rule in result.rules if rule.code == "eu-1182-71-tender-period")
    assert "Friday 19 June 2026 (Midsummer Eve)" in rule.text
    assert "Monday 22 June 2026" in rule.text
    assert rule.source == "Regulation (EEC, Euratom) No 1182/71, art. 3.4"


@pytest.mark.parametrize("procedure", ["negotiated_without_notice", "direct_award", "below_threshold"])
def test_procedures_without_a_legal_minimum_give_none(procedure):
    result = deadlines.calculate(procedure=procedure, notice_sent=date(2026, 3, 2))
    assert result.minimum_tender_deadline is None
    assert not any(rule.code.startswith(("open-", "restricted-")) for rule in result.rules)


def test_without_a_notice_date_there_is_no_minimum():
    assert deadlines.calculate(procedure=OPEN).minimum_tender_deadline is None


def test_an_administrators_change_to_a_rule_applies_at_once():
    TimeLimit.objects.filter(code="open-electronic-30").update(days=32)
    result = deadlines.calculate(procedure=OPEN, electronic_submission=True, notice_sent=date(2026, 1, 12))
    assert result.minimum_tender_deadline == date(2026, 2, 13)


def test_the_service_reads_the_rules_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        deadlines.calculate(
            procedure=OPEN,
            notice_sent=date(2026, 3, 5),
            tender_deadline=date(2026, 4, 20),
            award_notice_sent=date(2026, 6, 9),
        )


# (tender deadline, accelerated, answers due by, rule, warning expected because the day is not a working day)
ANSWERS = [
    (date(2016, 3, 9), False, date(2016, 3, 3), "answers-6", False),  # Malmö 3487-16: 4 March was too late
    (date(2026, 3, 16), False, date(2026, 3, 10), "answers-6", False),
    (date(2026, 12, 30), False, date(2026, 12, 24), "answers-6", True),  # Julafton: not moved later
    (date(2026, 4, 10), True, date(2026, 4, 6), "answers-accelerated-4", True),  # Annandag påsk: not moved
    (date(2026, 3, 16), True, date(2026, 3, 12), "answers-accelerated-4", False),
]


@pytest.mark.parametrize(("tender_deadline", "accelerated", "due_by", "code", "warned"), ANSWERS)
def test_answers_are_due_six_days_before_four_when_accelerated_never_moved_later(
    tender_deadline, accelerated, due_by, code, warned
):
    result = deadlines.calculate(procedure=OPEN, accelerated=accelerated, tender_deadline=tender_deadline)
    assert result.answers_due_by == due_by
    assert code in [rule.code for rule in result.rules]
    assert any("last day for answers" in warning for warning in result.warnings) == warned


def test_the_malmo_case_supplements_on_4_march_for_a_9_march_deadline_are_too_late():
    result = deadlines.calculate(procedure=OPEN, tender_deadline=date(2016, 3, 9))
    assert date(2016, 3, 4) > result.answers_due_by
    assert date(2016, 3, 3) <= result.answers_due_by


def test_an_answer_day_on_a_holiday_says_which_working_day_to_publish_by():
    result = deadlines.calculate(procedure=OPEN, accelerated=True, tender_deadline=date(2026, 4, 10))
    (warning,) = [warning for warning in result.warnings if "last day for answers" in warning]
    assert "Monday 6 April 2026 (Easter Monday)" in warning
    assert "Thursday 2 April 2026" in warning


# (tender deadline, default question deadline): ten days before, moved back over non-working days
QUESTIONS = [
    (date(2026, 3, 19), date(2026, 3, 9)),
    (date(2026, 6, 29), date(2026, 6, 18)),  # 19 June is Midsommarafton
    (date(2027, 1, 11), date(2026, 12, 30)),  # 1 January, and Nyårsafton before it
    (date(2026, 1, 16), date(2026, 1, 5)),  # Trettondagen
    (date(2026, 4, 16), date(2026, 4, 2)),  # 6 April, Easter back to Skärtorsdagen
]


@pytest.mark.parametrize(("tender_deadline", "question_deadline"), QUESTIONS)
def test_default_question_deadline_is_ten_days_before_moved_back_to_a_working_day(tender_deadline, question_deadline):
    result = deadlines.calculate(procedure=OPEN, tender_deadline=tender_deadline)
    assert result.question_deadline == question_deadline
    codes = [rule.code for rule in result.rules]
    assert "questions-10" in codes
    moved = (tender_deadline - question_deadline).days != 10
    assert ("question-deadline-previous-working-day" in codes) == moved


# (award notice sent, electronically, standstill ends, earliest signing, rule)
STANDSTILL = [
    (date(2026, 3, 2), True, date(2026, 3, 12), date(2026, 3, 13), "standstill-electronic-10"),
    (date(2026, 3, 3), True, date(2026, 3, 13), date(2026, 3, 14), "standstill-electronic-10"),  # a Saturday
    (date(2026, 6, 9), True, date(2026, 6, 22), date(2026, 6, 23), "standstill-electronic-10"),  # Midsommarafton
    (date(2026, 3, 27), True, date(2026, 4, 7), date(2026, 4, 8), "standstill-electronic-10"),  # Annandag påsk
    (date(2026, 12, 10), False, date(2026, 12, 28), date(2026, 12, 29), "standstill-other-15"),  # Juldagen
    (date(2026, 12, 16), False, date(2027, 1, 4), date(2027, 1, 5), "standstill-other-15"),  # Nyårsafton
]


@pytest.mark.parametrize(("sent", "electronic", "ends", "signing", "code"), STANDSTILL)
def test_standstill_and_earliest_contract_signing(sent, electronic, ends, signing, code):
    result = deadlines.calculate(procedure=OPEN, award_notice_sent=sent, award_notice_electronic=electronic)
    assert (result.standstill_ends, result.earliest_contract_signing) == (ends, signing)
    codes = [rule.code for rule in result.rules]
    assert code in codes
    assert ("eu-1182-71-standstill" in codes) == ((ends - sent).days not in (10, 15))


def test_a_direct_award_has_no_standstill_to_calculate():
    result = deadlines.calculate(procedure="direct_award", award_notice_sent=date(2026, 3, 2))
    assert result.standstill_ends is None and result.earliest_contract_signing is None
    assert "no-standstill-direct-award" in [rule.code for rule in result.rules]


# --- tender_deadline_problems ------------------------------------------------------------------------


def _problems(procedure=OPEN, *, notice_sent, tender_deadline, electronic=True, pin=False, accelerated=False):
    return deadlines.tender_deadline_problems(
        procedure=procedure,
        electronic_submission=electronic,
        prior_information_notice=pin,
        accelerated=accelerated,
        notice_sent=notice_sent,
        tender_deadline=tender_deadline,
    )


def test_a_deadline_before_the_legal_minimum_is_an_error_naming_the_minimum_and_the_rule():
    # 5 March + 30 days = Saturday 4 April; Easter moves the minimum to Tuesday 7 April.
    errors, warnings = _problems(notice_sent=date(2026, 3, 5), tender_deadline=date(2026, 4, 6))
    (error,) = errors
    assert "Tuesday 7 April 2026" in error
    assert "11 kap. 6 § LOU" in error
    assert "Monday 6 April 2026 (Easter Monday)" in error


def test_a_deadline_on_the_minimum_that_moved_over_a_holiday_is_allowed_with_a_warning():
    errors, warnings = _problems(notice_sent=date(2026, 3, 5), tender_deadline=date(2026, 4, 7))
    assert errors == []
    (warning,) = warnings
    assert "exactly the legal minimum" in warning
    assert "Saturday 4 April 2026" in warning


@pytest.mark.parametrize(
    ("notice_sent", "tender_deadline"),
    [(date(2026, 3, 5), date(2026, 4, 8)), (date(2026, 1, 12), date(2026, 2, 11))],
)
def test_a_deadline_after_the_minimum_or_on_an_unmoved_minimum_has_no_problems(notice_sent, tender_deadline):
    assert _problems(notice_sent=notice_sent, tender_deadline=tender_deadline) == ([], [])


def test_the_minimum_follows_the_reductions():
    # 15 days with a prior information notice: 2 March → 17 March is lawful, 16 March is not.
    assert _problems(notice_sent=date(2026, 3, 2), tender_deadline=date(2026, 3, 17), pin=True) == ([], [])
    errors, _warnings = _problems(notice_sent=date(2026, 3, 2), tender_deadline=date(2026, 3, 16), pin=True)
    assert "Tuesday 17 March 2026" in errors[0]
    # Without electronic submission the open procedure needs 35 days.
    errors, _warnings = _problems(notice_sent=date(2026, 1, 12), tender_deadline=date(2026, 2, 11), electronic=False)
    assert "Monday 16 February 2026" in errors[0]


@pytest.mark.parametrize(
    ("tender_deadline", "described"),
    [(date(2026, 3, 2), "Monday 2 March 2026"), (date(2026, 2, 27), "Friday 27 February 2026")],
)
def test_a_deadline_on_or_before_the_notice_date_is_an_error(tender_deadline, described):
    errors, _warnings = _problems(
        "negotiated_without_notice", notice_sent=date(2026, 3, 2), tender_deadline=tender_deadline
    )
    assert errors == [
        f"The tender deadline, {described}, must come after the day the notice is sent, Monday 2 March 2026."
    ]


@pytest.mark.parametrize(
    ("tender_deadline", "warned"),
    [(date(2026, 3, 16), True), (date(2026, 3, 22), True), (date(2026, 3, 23), False)],
)
def test_below_the_threshold_a_period_under_the_reasonable_21_days_warns_but_is_allowed(tender_deadline, warned):
    errors, warnings = _problems("below_threshold", notice_sent=date(2026, 3, 2), tender_deadline=tender_deadline)
    assert errors == []
    assert bool(warnings) == warned
    if warned:
        assert "21 days" in warnings[0] and "local policy" in warnings[0]


def test_calculate_lists_the_problems_among_its_warnings():
    result = deadlines.calculate(
        procedure=OPEN, notice_sent=date(2026, 3, 5), tender_deadline=date(2026, 4, 6), award_notice_sent=None
    )
    assert result.minimum_tender_deadline == date(2026, 4, 7)
    assert any("earlier than the legal minimum" in warning for warning in result.warnings)


def test_rules_text_follows_the_language():
    with translation.override("sv"):
        result = deadlines.calculate(procedure=OPEN, notice_sent=date(2026, 1, 12))
    assert result.rules[0].text.startswith("Öppet förfarande")
