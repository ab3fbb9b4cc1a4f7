"""The pilot evaluation: every figure the funder asked for, computed from the records that created it.

`evaluate(procurements, start, end, threshold)` returns tables. Each table knows its columns, its rows and
how to read it in a sentence; counts of people go through small-cell suppression (`suppression.py`) with
the viewer's threshold (0 for the municipality's staff, INSTEG_REPORT_MIN_CELL for everyone else). Counts of
procurements, contracts, slots and months are not about people and are shown as they are.

Statistics survive retention: people are counted from fields that erasure and anonymisation keep (age band,
gender, target group, placement dates and outcomes; a training registration's company and attendance).
The number of queries is the same whatever the amount of data.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count as DbCount
from django.db.models import Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.contracts.models import Award, Commitment, ComplianceReport, Contract, Tender
from insteg.followup.services import PLACEMENT_TERMS_COLUMNS, PlacementTerms, contract_delivery
from insteg.matching.models import Gender, Placement
from insteg.notices.models import Answer
from insteg.procurement.models import Level, Procurement, SocialRequirement
from insteg.reports.suppression import Count, part_of, share, suppress_column, suppress_grid
from insteg.rules import deadlines
from insteg.training.models import Registration

IN_WORK = (Placement.Outcome.JOB_AT_HOST, Placement.Outcome.OTHER_JOB, Placement.Outcome.SUBSIDISED_JOB)
AGE_BANDS = ["15–24", "25–29", "30–39", "40–49", "50–59", "60–80"]
NOT_STATED = "not_stated"


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list]]  # label, one value per column (Count, number or text)
    total: tuple[str, list] | None = None
    summary: str = ""
    about_people: bool = False
    chart: str = ""  # "bar" or "stacked" when a chart helps; every chart also has this table
    notes: list[str] = field(default_factory=list)


@dataclass
class Evaluation:
    start: datetime.date
    end: datetime.date
    procurements: list[Procurement]
    threshold: int
    tables: list[Table]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def evaluate(procurements, start: datetime.date, end: datetime.date, threshold: int, placed=None) -> Evaluation:
    """`placed`: the procurements' `started_placements` when the caller has already read them."""
    ids = procurements.values("pk")  # a subquery: no list of thousands of ids to compile into every query
    procurements = list(procurements.order_by("reference", "pk"))
    placements = Placement.objects.filter(position__contract__procurement__in=ids, starts_on__range=(start, end))
    placements = placements.exclude(status=Placement.Status.PLANNED)
    tables = [
        _requirements(ids, len(procurements)),
        _commitments(ids, end, placed),
        _people(placements, threshold),
        _completion(placements, threshold),
        _outcomes(placements, threshold),
        _evidence(placements, threshold),
        _supervisors(ids, start, end, threshold),
        _smes(ids),
        _questions(ids),
    ]
    return Evaluation(start=start, end=end, procurements=procurements, threshold=threshold, tables=tables)


def in_work_after_90_days(evaluation: Evaluation) -> tuple[Count, Count]:
    """People in work 90 days after their placement, and everyone followed up then (suppressed as the tables)."""
    outcomes = evaluation.table("outcomes")
    after_90 = dict(zip(Placement.Outcome.values, (values[1] for _label, values in outcomes.rows), strict=True))
    followed = outcomes.total[1][1]
    return part_of(sum(after_90[o].value for o in IN_WORK), followed, evaluation.threshold), followed


def completion(evaluation: Evaluation) -> tuple[Count, Count]:
    """Placements completed as planned, and all that ended (suppressed as the tables)."""
    table = evaluation.table("completion")
    cells = [values[0] for _label, values in table.rows]
    ended = sum(cell.value for cell in cells[: len(Placement.EndReason.values)])
    return cells[0], part_of(ended, table.total[1][0], evaluation.threshold)


# --- Requirements and commitments (not about people) ----------------------------------------------------------------


def _requirements(ids, procurement_count: int) -> Table:
    counts = (
        SocialRequirement.objects.filter(procurement__in=ids)
        .values("criterion__title_sv", "criterion__title_en", "criterion__level")
        .annotate(n=DbCount("pk"), procurements=DbCount("procurement", distinct=True))
        .order_by("criterion__level", "criterion__title_sv")
    )
    english = _("Employment opportunities") == "Employment opportunities"
    levels = dict(Level.choices)
    rows = [
        (
            row["criterion__title_en" if english else "criterion__title_sv"],
            [str(levels.get(row["criterion__level"], "")), row["n"], row["procurements"]],
        )
        for row in counts
    ]
    total = sum(row["n"] for row in counts)
    return Table(
        key="requirements",
        title=_("Social requirements set"),
        columns=[_("Level"), _("Requirements"), _("Procurements")],
        rows=rows,
        total=(_("Total"), ["", total, procurement_count]) if rows else None,
        summary=_("Social requirements set: %(count)d, in procurements: %(procurements)d.")
        % {"count": total, "procurements": procurement_count},
        chart="bar",
    )


def started_placements(ids) -> dict[int, list[PlacementTerms]]:
    """The procurements' placements that have started (any status but planned), by contract: the plain values
    months delivered are worked out from, read as rows in one query (no model instances: there are thousands)."""
    placed = defaultdict(list)
    rows = (
        Placement.objects.filter(position__contract__procurement__in=ids)
        .exclude(status=Placement.Status.PLANNED)
        .values_list("position__contract", *PLACEMENT_TERMS_COLUMNS)
    )
    for contract_id, *terms in rows:
        placed[contract_id].append(PlacementTerms._make(terms))
    return placed


def _commitments(ids, end: datetime.date, placed=None) -> Table:
    """Per contract: the commitments' slots and months, and the months delivered — from the placements when
    any has started (with the early-end rule), else from the supplier's reports. Aggregated in the database;
    only the started placements are read, because the early-end rule is worked out per placement."""
    contracts = list(
        Contract.objects.filter(procurement__in=ids)
        .select_related("procurement", "supplier")
        .only("pk", "procurement__reference", "supplier__name")
        .order_by("procurement__reference", "pk")
    )
    clause_default = Commitment._meta.get_field("early_end_threshold_percent").default
    terms = {
        row["contract"]: row
        for row in Commitment.objects.filter(contract__procurement__in=ids)
        .values("contract")
        .annotate(slots=Sum("slots"), months=Sum("months_fulltime"), threshold=Min("early_end_threshold_percent"))
    }
    reported = dict(
        ComplianceReport.objects.filter(contract__procurement__in=ids)
        .values_list("contract")
        .annotate(months=Sum("months_completed"))
        .values_list("contract", "months")
    )
    placed = started_placements(ids) if placed is None else placed
    until = min(end, timezone.localdate())
    rows, slots, committed, delivered = [], 0, 0, Decimal(0)
    for contract in contracts:
        term = terms.get(contract.pk, {})
        contract_slots, contract_months = term.get("slots") or 0, term.get("months") or 0
        if placed.get(contract.pk):
            threshold = term.get("threshold") or clause_default
            months = contract_delivery(placed[contract.pk], threshold, until)["months"]
            source = _("placements")
        else:
            months, source = reported.get(contract.pk) or Decimal(0), _("supplier's reports")
        slots += contract_slots
        committed += contract_months
        delivered += months
        rows.append((str(contract), [contract_slots, contract_months, months, source]))
    return Table(
        key="commitments",
        title=_("Slots and months committed and delivered"),
        columns=[_("Slots"), _("Months committed"), _("Months delivered"), _("Source")],
        rows=rows,
        total=(_("Total"), [slots, committed, delivered, ""]) if rows else None,
        summary=_("Months of full-time work delivered: %(delivered)s of %(committed)s committed.")
        % {"delivered": delivered, "committed": committed},
        chart="bar",
    )


# --- People (suppressed) --------------------------------------------------------------------------------------------


def _people(placements, threshold: int) -> Table:
    genders = [*Gender.values, NOT_STATED]
    counts = placements.values("participant__age_band", "participant__gender").annotate(n=DbCount("pk"))
    grid = {(band, gender): 0 for band in [*AGE_BANDS, ""] for gender in genders}
    for row in counts:
        band = row["participant__age_band"] if row["participant__age_band"] in AGE_BANDS else ""
        gender = row["participant__gender"] or NOT_STATED
        grid[(band, gender)] += row["n"]
    bands = [*AGE_BANDS, ""]
    cells, row_totals, column_totals, grand = suppress_grid(
        [[grid[(band, gender)] for gender in genders] for band in bands], threshold
    )
    labels = {**dict(Gender.choices), NOT_STATED: _("Not stated")}
    rows = [
        (band or _("Age not known"), [*cells[index], row_totals[index]])
        for index, band in enumerate(bands)
        if row_totals[index].value
    ]
    return Table(
        key="people",
        title=_("People placed, by age band and gender"),
        columns=[*(str(labels[g]) for g in genders), _("Total")],
        rows=rows,
        total=(_("Total"), [*column_totals, grand]),
        summary=_("People who started a placement in the period: %(count)s.") % {"count": grand},
        about_people=True,
        chart="stacked",
    )


def _completion(placements, threshold: int) -> Table:
    reasons = [*Placement.EndReason.values, "ongoing"]
    counts = dict(
        placements.annotate(reason=_reason_or_ongoing())
        .values_list("reason")
        .annotate(n=DbCount("pk"))
        .values_list("reason", "n")
    )
    cells, total = suppress_column([counts.get(reason, 0) for reason in reasons], threshold)
    labels = {**dict(Placement.EndReason.choices), "ongoing": _("Still running")}
    ended = part_of(sum(counts.get(r, 0) for r in Placement.EndReason.values), total, threshold)
    rate = share(cells[0], ended)
    return Table(
        key="completion",
        title=_("How placements ended"),
        columns=[_("Placements")],
        rows=[(str(labels[reason]), [cells[index]]) for index, reason in enumerate(reasons)],
        total=(_("Total"), [total]),
        summary=_("Completion rate among ended placements: %(rate)s.") % {"rate": rate},
        about_people=True,
        chart="bar",
    )


def _reason_or_ongoing():
    from django.db.models import Case, CharField, F, Value, When

    return Case(
        When(end_reason="", then=Value("ongoing")), default=F("end_reason"), output_field=CharField(max_length=20)
    )


def _outcomes(placements, threshold: int) -> Table:
    outcomes = Placement.Outcome.values
    at_end = dict(
        placements.exclude(outcome_at_end="")
        .values_list("outcome_at_end")
        .annotate(n=DbCount("pk"))
        .values_list("outcome_at_end", "n")
    )
    at_90 = dict(
        placements.exclude(outcome_90="")
        .values_list("outcome_90")
        .annotate(n=DbCount("pk"))
        .values_list("outcome_90", "n")
    )
    cells, _rows, columns, _grand = suppress_grid([[at_end.get(o, 0), at_90.get(o, 0)] for o in outcomes], threshold)
    labels = dict(Placement.Outcome.choices)
    employed_90 = part_of(sum(at_90.get(o, 0) for o in IN_WORK), columns[1], threshold)
    return Table(
        key="outcomes",
        title=_("Outcomes at the end and 90 days after"),
        columns=[_("At the end"), _("After 90 days")],
        rows=[(str(labels[o]), cells[index]) for index, o in enumerate(outcomes)],
        total=(_("Total"), columns),
        summary=_("In work 90 days after the end: %(share)s of those followed up.")
        % {"share": share(employed_90, columns[1])},
        about_people=True,
        chart="bar",
    )


def _evidence(placements, threshold: int) -> Table:
    levels = [*Placement.Evidence.values, ""]
    at_end = dict(
        placements.exclude(outcome_at_end="")
        .values_list("outcome_at_end_evidence")
        .annotate(n=DbCount("pk"))
        .values_list("outcome_at_end_evidence", "n")
    )
    at_90 = dict(
        placements.exclude(outcome_90="")
        .values_list("outcome_90_evidence")
        .annotate(n=DbCount("pk"))
        .values_list("outcome_90_evidence", "n")
    )
    cells, _rows, columns, _grand = suppress_grid([[at_end.get(e, 0), at_90.get(e, 0)] for e in levels], threshold)
    labels = {**dict(Placement.Evidence.choices), "": _("No evidence (outcome unknown)")}
    verified = cells[levels.index(Placement.Evidence.REGISTER_VERIFIED)][1]
    return Table(
        key="evidence",
        title=_("How the outcomes are known"),
        columns=[_("At the end"), _("After 90 days")],
        rows=[(str(labels[e]), cells[index]) for index, e in enumerate(levels)],
        total=(_("Total"), columns),
        summary=_("Outcomes after 90 days verified in a register: %(share)s.") % {"share": share(verified, columns[1])},
        about_people=True,
    )


def _supervisors(ids, start: datetime.date, end: datetime.date, threshold: int) -> Table:
    """Supervisors of the contracts' companies who attended the training in the period (kept after retention:
    an anonymised registration keeps its company and attendance)."""
    suppliers = Contract.objects.filter(procurement__in=ids).values("supplier")
    attended = Registration.objects.filter(
        attended=True, organisation__in=suppliers, session__starts_at__date__range=(start, end)
    )
    counts = dict(
        attended.values_list("organisation__name").annotate(n=DbCount("pk")).values_list("organisation__name", "n")
    )
    names = sorted(counts)
    cells, total = suppress_column([counts[name] for name in names], threshold)
    return Table(
        key="supervisors",
        title=_("Supervisors trained, by company"),
        columns=[_("Supervisors")],
        rows=[(name, [cells[index]]) for index, name in enumerate(names)],
        total=(_("Total"), [total]),
        summary=_("Supervisors of the contracted companies who took the supervisor training: %(count)s.")
        % {"count": total},
        about_people=True,
    )


# --- Competition and the advertising period (not about people) ------------------------------------------------------


def _smes(ids) -> Table:
    tenders = Tender.objects.filter(procurement__in=ids).aggregate(
        all=DbCount("pk"), sme=DbCount("pk", filter=Q(is_sme=True))
    )
    winners = Award.objects.filter(procurement__in=ids).aggregate(
        all=DbCount("pk"), sme=DbCount("pk", filter=Q(winner__is_sme=True))
    )
    rows = [
        (_("Tenderers"), [tenders["sme"], tenders["all"], share(Count(tenders["sme"]), Count(tenders["all"]))]),
        (_("Winners"), [winners["sme"], winners["all"], share(Count(winners["sme"]), Count(winners["all"]))]),
    ]
    return Table(
        key="smes",
        title=_("Small and medium-sized enterprises"),
        columns=[_("SMEs"), _("All"), _("Share")],
        rows=rows,
        summary=_("SMEs were %(tenderers)s of the tenderers and %(winners)s of the winners.")
        % {"tenderers": rows[0][1][2], "winners": rows[1][1][2]},
        chart="bar",
    )


def _questions(ids) -> Table:
    """Answers published by the LOU answer deadline (6 days before the tender deadline, 4 when accelerated).

    The deadline is worked out only for the procurements with a published answer, and once for each set of
    inputs the deadline rules read (many procurements share one)."""
    from insteg.procurement.services import procurement_deadlines

    answers = Answer.objects.filter(
        procurement__in=ids, status=Answer.Status.PUBLISHED, corrects__isnull=True
    ).values_list("procurement_id", "published_at")
    procurements = (
        Procurement.objects.filter(pk__in=answers.values("procurement"))
        .exclude(tender_deadline__isnull=True)
        .only(*DEADLINE_INPUTS)
    )
    due, by_inputs = {}, {}
    with deadlines.rules_read_once():
        for procurement in procurements:
            inputs = tuple(getattr(procurement, name) for name in DEADLINE_INPUTS)
            if inputs not in by_inputs:
                by_inputs[inputs] = procurement_deadlines(procurement).answers_due_by
            due[procurement.pk] = by_inputs[inputs]
    on_time = late = 0
    for procurement_id, published_at in answers:
        limit = due.get(procurement_id)
        if limit is None or published_at is None:
            continue
        if published_at.date() <= limit:
            on_time += 1
        else:
            late += 1
    total = on_time + late
    return Table(
        key="questions",
        title=_("Questions answered on time"),
        columns=[_("Answers")],
        rows=[(_("By the answer deadline"), [on_time]), (_("After it"), [late])],
        total=(_("Total"), [total]),
        summary=_("%(share)s of the published answers came by the legal answer deadline.")
        % {"share": share(Count(on_time), Count(total))},
    )


# What procurement.services.procurement_deadlines reads (a field missing here costs a query per procurement).
DEADLINE_INPUTS = (
    "procedure", "electronic_submission", "prior_information_notice", "accelerated", "notice_sent", "tender_deadline",
)  # fmt: skip
