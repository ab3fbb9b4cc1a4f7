"""The figures on the reports dashboard, one function per role.

- Procurement officers: how many procurements carry social requirements, each contract's months committed
  against delivered, and how promptly suppliers' questions were answered.
- Matching officers: their caseload, open positions, proposals waiting for the host and follow-ups due.
- The funder: this year's aggregates from the pilot evaluation, with small counts hidden and no links to
  individual records.
- Administrators: everything the municipality's staff see, this year's aggregates and the accounts.

A figure links to the list behind it only when the role may open that list (the same rule as the
navigation). The number of queries is the same whatever the amount of data.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count as DbCount
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from insteg.accounts.models import Organisation, Role, User
from insteg.contracts.models import ComplianceReport, Contract, Position
from insteg.contracts.officer_views import STATUS_LABELS
from insteg.contracts.services import compliance
from insteg.core.navigation import MAIN_NAVIGATION
from insteg.followup.services import due_check_ins
from insteg.matching.models import Participant, Placement, Proposal
from insteg.notices.models import Question
from insteg.procurement.models import Procurement
from insteg.reports import access
from insteg.reports.figures import Evaluation, completion, evaluate, in_work_after_90_days, started_placements
from insteg.reports.suppression import Count, share

# Outcomes that count as being in work (the evaluation's "in work 90 days after").


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    url: str = ""  # the list behind the figure, only for roles that may open it
    note: str = ""


@dataclass(frozen=True)
class ContractLine:
    contract: str  # its name: the dashboard is cached, and a contract's related rows would bloat the cache entry
    months_committed: int
    months_delivered: Decimal
    status: str
    url: str


@dataclass(frozen=True)
class InboxLine:
    procurement_reference: str
    procurement_title: str
    waiting: int
    url: str


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure]
    intro: str = ""
    contracts: list[ContractLine] = field(default_factory=list)
    inboxes: list[InboxLine] = field(default_factory=list)


@dataclass
class Dashboard:
    start: datetime.date
    end: datetime.date
    threshold: int
    sections: list[Section]


def cached_dashboard_for(user, today: datetime.date) -> tuple[datetime.datetime, Dashboard]:
    """The dashboard and when it was worked out. The figures run over the whole history, so each person's dashboard
    is kept for INSTEG_DASHBOARD_CACHE_SECONDS (the page says how old it is); 0 works them out every time."""
    seconds = settings.INSTEG_DASHBOARD_CACHE_SECONDS
    if not seconds:
        return timezone.now(), dashboard_for(user, today)
    roles = ",".join(sorted(user.memberships.values_list("role", flat=True)))
    key = f"reports:dashboard:{user.pk}:{roles}:{get_language()}:{today.isoformat()}"
    return cache.get_or_set(key, lambda: (timezone.now(), dashboard_for(user, today)), seconds)


def year_to_date(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return datetime.date(today.year, 1, 1), today


def dashboard_for(user, today: datetime.date) -> Dashboard:
    """The sections for every role the user has (someone with two roles sees both)."""
    start, end = year_to_date(today)
    threshold = access.threshold_for(user)
    procurements = access.reportable_procurements(user)
    # The evaluation's figures (about 19 queries) only for the roles whose sections use them.
    needs_evaluation = user.has_role(Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR, Role.FUNDER_VIEWER)
    needs_contracts = user.has_role(Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR)
    # The started placements are read once, for the evaluation and the contracts' lines alike.
    placed = started_placements(procurements.values("pk")) if needs_contracts else None
    evaluation = evaluate(procurements, start, end, threshold, placed) if needs_evaluation else None
    sections = []
    if needs_contracts:
        sections.append(procurement_section(user, procurements, evaluation, today, placed))
    if user.has_role(Role.MATCHING_OFFICER, Role.ADMINISTRATOR):
        sections.append(matching_section(user, today))
    if user.has_role(Role.FUNDER_VIEWER, Role.ADMINISTRATOR):
        sections.append(year_section(user, evaluation))
    if user.has_role(Role.ADMINISTRATOR):
        sections.append(administration_section(user))
    return Dashboard(start=start, end=end, threshold=threshold, sections=sections)


# --- Links -----------------------------------------------------------------------------------------------------------

_NAVIGATION = {link.url_name: link for link in MAIN_NAVIGATION}


def list_url(user, url_name: str) -> str:
    """The list's address when the navigation offers it to the user, else "" (no link)."""
    link = _NAVIGATION.get(url_name)
    if link is None or not link.allowed(user):
        return ""
    return link.url()


# --- Procurement officers --------------------------------------------------------------------------------------------


def procurement_section(user, procurements, evaluation: Evaluation, today: datetime.date, placed=None) -> Section:
    counts = procurements.aggregate(
        all=DbCount("pk", distinct=True),
        social=DbCount("pk", filter=Q(requirements__isnull=False), distinct=True),
    )
    contracts = commitment_lines(user, procurements, today, placed)
    committed = sum(line.months_committed for line in contracts)
    delivered = sum((line.months_delivered for line in contracts), Decimal(0))
    questions = evaluation.table("questions")
    on_time, late = (values[0] for _label, values in questions.rows)
    return Section(
        key="procurement",
        title=_("Procurement"),
        figures=[
            Figure(
                _("Procurements with social requirements"),
                _("%(social)d of %(all)d") % counts,
                list_url(user, "procurement:list"),
                _("Published, awarded, completed or cancelled procurements."),
            ),
            Figure(
                _("Months of work delivered against committed"),
                _("%(delivered)s of %(committed)s") % {"delivered": localize(delivered), "committed": committed},
                list_url(user, "contracts:list"),
                _("Full-time months, all contracts with employment commitments."),
            ),
            Figure(
                _("Answers published by the answer deadline"),
                share(Count(on_time), Count(on_time + late)),
                "",
                _("%(on_time)d of %(total)d published answers came by the legal answer deadline.")
                % {"on_time": on_time, "total": on_time + late},
            ),
        ],
        contracts=contracts,
        inboxes=waiting_questions(user, procurements),
    )


def commitment_lines(user, procurements, today: datetime.date, placed=None) -> list[ContractLine]:
    """Each contract with employment commitments: months committed against delivered, and its status.

    The contract page's `compliance`, with the started placements read as plain rows (`started_placements`, or
    `placed` when the caller has read them) rather than prefetched as thousands of model instances.
    """
    contracts = (
        Contract.objects.filter(procurement__in=procurements, commitments__isnull=False)
        .distinct()
        .select_related("procurement", "supplier")
        .prefetch_related("commitments", Prefetch("reports", queryset=ComplianceReport.objects.only(*REPORT_COLUMNS)))
        .order_by("procurement__reference", "pk")
    )
    placed = started_placements(procurements.values("pk")) if placed is None else placed
    may_open = bool(list_url(user, "contracts:list"))
    lines = []
    for contract in contracts:
        state = compliance(contract, today, placements=placed.get(contract.pk, []))
        lines.append(
            ContractLine(
                contract=str(contract),
                months_committed=state.months_committed,
                months_delivered=state.months_delivered,
                status=str(STATUS_LABELS[state.status]),
                url=reverse("contracts:detail", args=[contract.pk]) if may_open else "",
            )
        )
    return lines


# What compliance reads of a supplier's report.
REPORT_COLUMNS = (
    "contract", "period_start", "period_end", "months_completed", "people_started", "ended_early", "ended_early_met",
)  # fmt: skip


def waiting_questions(user, procurements) -> list[InboxLine]:
    """Advertised procurements with questions not yet answered, linked to their inbox for the buyer's officers."""
    waiting = (
        Question.objects.filter(
            procurement__in=procurements.filter(status=Procurement.Status.PUBLISHED),
            status=Question.Status.RECEIVED,
        )
        .values("procurement", "procurement__reference", "procurement__title", "procurement__organisation")
        .annotate(n=DbCount("pk"))
        .order_by("procurement__reference")
    )
    answering = user.organisations_with_role(Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR)
    return [
        InboxLine(
            procurement_reference=row["procurement__reference"],
            procurement_title=row["procurement__title"],
            waiting=row["n"],
            url=reverse("notices:inbox", args=[row["procurement"]])
            if row["procurement__organisation"] in answering
            else "",
        )
        for row in waiting
    ]


# --- Matching officers -----------------------------------------------------------------------------------------------


def matching_section(user, today: datetime.date) -> Section:
    municipalities = user.organisations_with_role(Role.MATCHING_OFFICER, Role.ADMINISTRATOR)
    available = Participant.objects.filter(
        municipality__in=municipalities, status=Participant.Status.AVAILABLE, erased_at__isnull=True
    ).count()
    active = Placement.objects.filter(
        participant__municipality__in=municipalities,
        participant__erased_at__isnull=True,
        status=Placement.Status.ACTIVE,
    ).count()
    positions = Position.objects.filter(
        contract__procurement__organisation__in=municipalities, status=Position.Status.OPEN
    ).count()
    proposals = Proposal.objects.filter(
        participant__municipality__in=municipalities,
        participant__erased_at__isnull=True,
        status=Proposal.Status.PROPOSED,
    ).count()
    check_ins = due_check_ins(municipalities=municipalities, today=today).aggregate(
        due=DbCount("pk"), overdue=DbCount("pk", filter=Q(due_on__lt=today))
    )
    return Section(
        key="matching",
        title=_("Matching and follow-up"),
        figures=[
            Figure(_("Participants available"), str(available), list_url(user, "matching:participants")),
            Figure(_("Placements running"), str(active), list_url(user, "matching:placements")),
            Figure(_("Open positions"), str(positions), list_url(user, "contracts:positions")),
            Figure(
                _("Proposals waiting for the host"),
                str(proposals),
                "",
                _("Proposed to the host company, which has not decided yet."),
            ),
            Figure(
                _("Follow-ups due within a week"),
                str(check_ins["due"]),
                _team_due_url(user),
                _("Of which overdue: %(overdue)d.") % {"overdue": check_ins["overdue"]},
            ),
        ],
    )


def _team_due_url(user) -> str:
    url = list_url(user, "followup:due")
    return f"{url}?team=1" if url else ""


# --- The funder (and administrators): this year's aggregates --------------------------------------------------------


def completion_rate(evaluation: Evaluation) -> str:
    """Placements completed as planned among those that ended, as the evaluation's summary computes it."""
    return share(*completion(evaluation))


def year_section(user, evaluation: Evaluation) -> Section:
    """Aggregates only: no links, small counts of people hidden for everyone but the municipality's staff."""
    people = evaluation.table("people").total[1][-1]
    delivered = evaluation.table("commitments").total
    working, followed = in_work_after_90_days(evaluation)
    supervisors = evaluation.table("supervisors").total[1][0]
    return Section(
        key="year",
        title=_("This year in figures"),
        intro=_("Placements that started from %(start)s to %(end)s, in every procurement you may report on.")
        % {"start": evaluation.start.isoformat(), "end": evaluation.end.isoformat()},
        figures=[
            Figure(_("People placed"), str(people)),
            Figure(
                _("Months of work delivered"),
                localize(delivered[1][2] if delivered else 0),
                "",
                _("Full-time months delivered under the contracts so far."),
            ),
            Figure(_("Completion rate"), completion_rate(evaluation), "", _("Completed as planned, of those ended.")),
            Figure(
                _("In work 90 days after"),
                share(working, followed),
                "",
                _("%(working)s of %(followed)s people followed up 90 days after the end.")
                % {"working": working, "followed": followed},
            ),
            Figure(_("Supervisors trained"), str(supervisors), "", _("At the contracted companies.")),
        ],
    )


# --- Administrators --------------------------------------------------------------------------------------------------


def administration_section(user) -> Section:
    users = User.objects.filter(is_active=True).count()
    by_kind = dict(Organisation.objects.values_list("kind").annotate(n=DbCount("pk")).values_list("kind", "n"))
    kinds = "; ".join(f"{label}: {by_kind.get(kind, 0)}" for kind, label in Organisation.Kind.choices)
    return Section(
        key="administration",
        title=_("Accounts and organisations"),
        figures=[
            Figure(_("Active user accounts"), str(users)),
            Figure(_("Organisations"), str(sum(by_kind.values())), list_url(user, "accounts:organisation_list"), kinds),
        ],
    )
