"""The one deadlines service: LOU's time limits (domain.md §2.2–2.3), read from the TimeLimit rows.

Every period is counted in calendar days. Forward periods (tender period, standstill) that end on a
Saturday, Sunday, public holiday, Midsommarafton, Julafton or Nyårsafton run to the end of the next working
day (EU Regulation 1182/71 art. 3.4) when their row says so. Limits counted backwards from the tender
deadline ("at the latest N days before") are never moved later: that would shorten the suppliers' time.
Where several rows apply (a reduction and the base period), the shortest one is the legal minimum.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from insteg.rules import calendar
from insteg.rules.models import Procedure, TimeLimit

Kind = TimeLimit.Kind
Condition = TimeLimit.Condition

ROLL_FORWARD_SOURCE = "Regulation (EEC, Euratom) No 1182/71, art. 3.4"
# Direct awards are not advertised and end without an award notice that starts a standstill period.
NO_STANDSTILL = {Procedure.DIRECT_AWARD}


@dataclass(frozen=True)
class AppliedRule:
    code: str
    text: str
    source: str


@dataclass
class Deadlines:
    minimum_tender_deadline: date | None
    question_deadline: date | None
    answers_due_by: date | None
    standstill_ends: date | None
    earliest_contract_signing: date | None
    rules: list[AppliedRule] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Period:
    """A forward period: where it ended by counting, and where it ends after moving over non-working days."""

    limit: TimeLimit
    counted_end: date
    end: date

    @property
    def moved(self) -> bool:
        return self.end != self.counted_end


def _rule(limit: TimeLimit) -> AppliedRule:
    return AppliedRule(code=limit.code, text=limit.text, source=limit.source)


# Within `rules_read_once()`, every calculation shares one read of the time-limit table (a list of many
# procurements would otherwise read it once per row); outside it, each calculation reads the table afresh.
_shared_limits: ContextVar[list[TimeLimit] | None] = ContextVar("shared_time_limits", default=None)


@contextmanager
def rules_read_once():
    token = _shared_limits.set(list(TimeLimit.objects.all()))
    try:
        yield
    finally:
        _shared_limits.reset(token)


def _load_limits() -> list[TimeLimit]:
    shared = _shared_limits.get()
    return shared if shared is not None else list(TimeLimit.objects.all())


def _flags(*, electronic: bool, prior_information_notice: bool = False, accelerated: bool = False) -> dict:
    return {
        Condition.ALWAYS: True,
        Condition.ELECTRONIC: electronic,
        Condition.NOT_ELECTRONIC: not electronic,
        Condition.PRIOR_INFORMATION_NOTICE: prior_information_notice,
        Condition.ACCELERATED: accelerated,
    }


def _shortest(limits: list[TimeLimit], kind: str, procedure: str, flags: dict) -> TimeLimit | None:
    """The shortest period of this kind that applies to the procedure in this situation."""
    applicable = [
        limit
        for limit in limits
        if limit.kind == kind and limit.procedure in ("", procedure) and flags.get(limit.condition, False)
    ]
    return min(applicable, key=lambda limit: (limit.days, limit.code), default=None)


def _forward(limit: TimeLimit, start: date) -> _Period:
    counted_end = start + timedelta(days=limit.days)
    end = calendar.next_working_day_on_or_after(counted_end) if limit.rolls_forward else counted_end
    return _Period(limit=limit, counted_end=counted_end, end=end)


def _roll_forward_rule(code: str, period: _Period) -> AppliedRule:
    return AppliedRule(
        code=code,
        text=_(
            "The period ended on %(end)s, which is not a working day, so it runs to the end of the next working "
            "day, %(next)s."
        )
        % {"end": calendar.describe(period.counted_end), "next": calendar.describe(period.end)},
        source=ROLL_FORWARD_SOURCE,
    )


def _tender_period(limits, *, procedure, electronic_submission, prior_information_notice, accelerated, notice_sent):
    """The minimum tender period, or None where the law sets none (or the notice date is unknown)."""
    if notice_sent is None:
        return None
    flags = _flags(
        electronic=electronic_submission, prior_information_notice=prior_information_notice, accelerated=accelerated
    )
    limit = _shortest(limits, Kind.TENDER_PERIOD, procedure, flags)
    return _forward(limit, notice_sent) if limit else None


def _reasonable_limit(limits, procedure: str) -> TimeLimit | None:
    return _shortest(limits, Kind.REASONABLE_PERIOD, procedure, _flags(electronic=True))


def _problems(
    limits, *, procedure, electronic_submission, prior_information_notice, accelerated, notice_sent, tender_deadline
) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    if tender_deadline is None or notice_sent is None:
        return errors, warnings
    if tender_deadline <= notice_sent:
        errors.append(
            _("The tender deadline, %(deadline)s, must come after the day the notice is sent, %(notice)s.")
            % {"deadline": calendar.describe(tender_deadline), "notice": calendar.describe(notice_sent)}
        )
        return errors, warnings
    period = _tender_period(
        limits,
        procedure=procedure,
        electronic_submission=electronic_submission,
        prior_information_notice=prior_information_notice,
        accelerated=accelerated,
        notice_sent=notice_sent,
    )
    if period and tender_deadline < period.end:
        errors.append(
            _(
                "The tender deadline, %(deadline)s, is earlier than the legal minimum, %(minimum)s. "
                "Rule: %(rule)s Source: %(source)s."
            )
            % {
                "deadline": calendar.describe(tender_deadline),
                "minimum": calendar.describe(period.end),
                "rule": period.limit.text,
                "source": period.limit.source,
            }
        )
    elif period and tender_deadline == period.end and period.moved:
        warnings.append(
            _(
                "The tender deadline is exactly the legal minimum: the %(days)d-day period ended on %(end)s, not a "
                "working day, and so runs to %(minimum)s. Consider giving the suppliers more time."
            )
            % {
                "days": period.limit.days,
                "end": calendar.describe(period.counted_end),
                "minimum": calendar.describe(period.end),
            }
        )
    reasonable = _reasonable_limit(limits, procedure)
    given_days = (tender_deadline - notice_sent).days
    if reasonable and given_days < reasonable.days:
        warnings.append(
            _(
                "The tender period is %(given)d days, shorter than the reasonable period of %(days)d days set for "
                "procurements below the threshold (%(source)s). The law asks for a reasonable time, not a fixed "
                "minimum: make sure the suppliers can prepare good tenders."
            )
            % {"given": given_days, "days": reasonable.days, "source": reasonable.source}
        )
    return errors, warnings


def tender_deadline_problems(
    *, procedure, electronic_submission, prior_information_notice, accelerated, notice_sent, tender_deadline
) -> tuple[list[str], list[str]]:
    """(errors, warnings) about a tender deadline: errors make publishing unlawful, warnings deserve a look."""
    return _problems(
        _load_limits(),
        procedure=procedure,
        electronic_submission=electronic_submission,
        prior_information_notice=prior_information_notice,
        accelerated=accelerated,
        notice_sent=notice_sent,
        tender_deadline=tender_deadline,
    )


def _question_deadline(limits, procedure: str, tender_deadline: date, rules: list[AppliedRule]) -> date | None:
    limit = _shortest(limits, Kind.QUESTIONS_BEFORE_DEADLINE, procedure, _flags(electronic=True))
    if limit is None:
        return None
    rules.append(_rule(limit))
    counted = tender_deadline - timedelta(days=limit.days)
    day = calendar.previous_working_day_on_or_before(counted)
    if day != counted:
        # Our choice, not law: the default is only a suggestion, and an earlier day keeps the answers'
        # 6 days intact, where a later one could leave too little time to answer.
        rules.append(
            AppliedRule(
                code="question-deadline-previous-working-day",
                text=_(
                    "The default question deadline, %(counted)s, is not a working day, so it is set to the working "
                    "day before, %(day)s."
                )
                % {"counted": calendar.describe(counted), "day": calendar.describe(day)},
                source=_("Insteg's choice: an earlier day leaves the full time to answer"),
            )
        )
    return day


def _answers_due_by(limits, procedure: str, tender_deadline: date, *, accelerated: bool, rules, warnings):
    flags = _flags(electronic=True, accelerated=accelerated)
    limit = _shortest(limits, Kind.ANSWERS_BEFORE_DEADLINE, procedure, flags)
    if limit is None:
        return None
    rules.append(_rule(limit))
    # "At the latest N days before": the deadline day is not counted (Malmö 3487-16), and the day is never
    # moved later over a holiday.
    day = tender_deadline - timedelta(days=limit.days)
    if not calendar.is_working_day(day):
        warnings.append(
            _("The last day for answers, %(day)s, is not a working day: publish the answers by %(before)s.")
            % {
                "day": calendar.describe(day),
                "before": calendar.describe(calendar.previous_working_day_on_or_before(day)),
            }
        )
    return day


def _standstill(limits, procedure, award_notice_sent: date, electronic: bool, rules) -> _Period | None:
    if procedure in NO_STANDSTILL:
        rules.append(
            AppliedRule(
                code="no-standstill-direct-award",
                text=_("A direct award has no standstill period to calculate."),
                source="20 kap. LOU",
            )
        )
        return None
    limit = _shortest(limits, Kind.STANDSTILL, procedure, _flags(electronic=electronic))
    if limit is None:
        return None
    period = _forward(limit, award_notice_sent)
    rules.append(_rule(limit))
    if period.moved:
        rules.append(_roll_forward_rule("eu-1182-71-standstill", period))
    return period


def calculate(
    *,
    procedure: str,
    electronic_submission: bool = True,
    prior_information_notice: bool = False,
    accelerated: bool = False,
    notice_sent: date | None = None,
    tender_deadline: date | None = None,
    award_notice_sent: date | None = None,
    award_notice_electronic: bool = True,
) -> Deadlines:
    """Every date the inputs determine, with the rules applied and their sources; one query."""
    limits = _load_limits()
    result = Deadlines(None, None, None, None, None)
    situation = {
        "procedure": procedure,
        "electronic_submission": electronic_submission,
        "prior_information_notice": prior_information_notice,
        "accelerated": accelerated,
        "notice_sent": notice_sent,
    }
    period = _tender_period(limits, **situation)
    if period:
        result.minimum_tender_deadline = period.end
        result.rules.append(_rule(period.limit))
        if period.moved:
            result.rules.append(_roll_forward_rule("eu-1182-71-tender-period", period))
    reasonable = _reasonable_limit(limits, procedure)
    if reasonable:
        result.rules.append(_rule(reasonable))
    if tender_deadline:
        errors, warnings = _problems(limits, **situation, tender_deadline=tender_deadline)
        result.warnings += errors + warnings
        result.question_deadline = _question_deadline(limits, procedure, tender_deadline, result.rules)
        result.answers_due_by = _answers_due_by(
            limits, procedure, tender_deadline, accelerated=accelerated, rules=result.rules, warnings=result.warnings
        )
    if award_notice_sent:
        standstill = _standstill(limits, procedure, award_notice_sent, award_notice_electronic, result.rules)
        if standstill:
            result.standstill_ends = standstill.end
            result.earliest_contract_signing = standstill.end + timedelta(days=1)
    return result
