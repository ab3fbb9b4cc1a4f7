"""The buyer's pages: tenders and award, signing, the contracts and their follow-up (vite or bonus).

Suppliers' contacts see the contract list and a contract's page too, limited to their own company's
contracts by `access.py`; only the buyer's staff amend commitments and decide.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from insteg.contracts import access, services
from insteg.contracts.models import Award, Commitment, ComplianceDecision, Contract, Tender
from insteg.contracts.officer_forms import AwardForm, CommitmentForm, DecisionForm, SignForm, TenderForm
from insteg.core.forms import add_service_errors
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.procurement import access as procurement_access
from insteg.procurement.models import Lot
from insteg.rules import deadlines

PAGE_SIZE = 50

# Status in words (never colour alone), with what it means for the officer.
STATUS_LABELS = {
    services.Compliance.Status.NOT_STARTED: gettext_lazy("Not started"),
    services.Compliance.Status.ON_TRACK: gettext_lazy("On track"),
    services.Compliance.Status.AT_RISK: gettext_lazy("At risk"),
    services.Compliance.Status.BEHIND: gettext_lazy("Behind"),
    services.Compliance.Status.MET: gettext_lazy("Met"),
}
STATUS_EXPLANATIONS = {
    services.Compliance.Status.NOT_STARTED: gettext_lazy("The contract has not started yet."),
    services.Compliance.Status.ON_TRACK: gettext_lazy("The months delivered keep pace with the contract."),
    services.Compliance.Status.AT_RISK: gettext_lazy("Fewer months are delivered than expected by now."),
    services.Compliance.Status.BEHIND: gettext_lazy(
        "Far fewer months are delivered than expected, the first placement started too late, or the contract "
        "ended with months missing."
    ),
    services.Compliance.Status.MET: gettext_lazy("Every committed month is delivered."),
}


# --- Tenders and award ------------------------------------------------------------------------------------


@dataclass
class LotTenders:
    """One lot (or the undivided procurement): its tenders, its award and, while unawarded, the award form."""

    lot: Lot | None
    tenders: list[Tender]
    award: Award | None
    form: AwardForm | None


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _lot_groups(procurement, tenders, awards, bound_form) -> list[LotTenders]:
    lots = list(procurement.lots.all())
    keys: list[Lot | None] = lots or [None]
    if lots and any(tender.lot_id is None for tender in tenders):
        keys = [None, *lots]
    groups = []
    for lot in keys:
        lot_pk = lot.pk if lot else None
        lot_award = next((decision for decision in awards if decision.lot_id == lot_pk), None)
        lot_tenders = [tender for tender in tenders if tender.lot_id == lot_pk]
        form = None
        if lot_award is None and lot_tenders:
            same_lot = bound_form is not None and bound_form.lot_choice == lot
            form = bound_form if same_lot else AwardForm(procurement=procurement, lot=lot)
        groups.append(LotTenders(lot, lot_tenders, lot_award, form))
    return groups


def _render_tenders(request, procurement, *, tender_form=None, award_form=None):
    tenders = list(procurement.tenders.select_related("organisation", "lot"))
    awards = list(procurement.awards.select_related("winner__organisation", "lot", "contract"))
    with deadlines.rules_read_once():
        for decision in awards:
            decision.deadlines = services.standstill(decision)
            decision.signed_contract = getattr(decision, "contract", None)
    groups = _lot_groups(procurement, tenders, awards, award_form)
    if award_form is not None and not any(group.form is award_form for group in groups):
        # The lot was awarded meanwhile (another tab): say why nothing was recorded.
        messages.error(request, _("The award was not recorded: this lot is already awarded or has no tenders."))
    sme_tenders = sum(tender.is_sme for tender in tenders)
    sme_winners = sum(decision.winner.is_sme for decision in awards)
    context = {
        "procurement": procurement,
        "groups": groups,
        "awards": awards,
        "form": tender_form or TenderForm(procurement=procurement),
        "can_record": procurement.status in (procurement.Status.PUBLISHED, procurement.Status.AWARDED),
        "tender_count": len(tenders),
        "sme_tenders": sme_tenders,
        "sme_tender_share": _share(sme_tenders, len(tenders)),
        "winner_count": len(awards),
        "sme_winners": sme_winners,
        "sme_winner_share": _share(sme_winners, len(awards)),
    }
    return render(request, "contracts/officer/tenders.html", context)


def tenders(request, pk):
    procurement = procurement_access.get_procurement_for_user(request.user, pk, write=True)
    form = TenderForm(request.POST or None, procurement=procurement)
    if request.method == "POST" and form.is_valid():
        try:
            tender = services.record_tender(
                procurement,
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                lot=form.cleaned_data.get("lot"),
                price_sek=form.cleaned_data["price_sek"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The tender from %(supplier)s is recorded.") % {"supplier": tender.organisation}
            )
            return redirect("contracts:tenders", pk=procurement.pk)
    return _render_tenders(request, procurement, tender_form=form)


def _posted_lot(procurement, value: str) -> Lot | None:
    return procurement.lots.filter(pk=int(value)).first() if value.isdigit() else None


@require_POST
def award(request, pk):
    procurement = procurement_access.get_procurement_for_user(request.user, pk, write=True)
    lot = _posted_lot(procurement, request.POST.get("lot", ""))
    form = AwardForm(request.POST, procurement=procurement, lot=lot)
    if form.is_valid():
        try:
            decision = services.award(
                procurement,
                user=request.user,
                tender=form.cleaned_data["winner"],
                decided_on=form.cleaned_data["decided_on"],
                notice_sent_on=form.cleaned_data["notice_sent_on"],
                notice_electronic=form.cleaned_data["notice_electronic"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            ends = services.standstill(decision).standstill_ends
            if ends:
                text = _("The award to %(supplier)s is recorded. The standstill period ends on %(end)s.") % {
                    "supplier": decision.winner.organisation,
                    "end": ends.isoformat(),
                }
            else:
                text = _("The award to %(supplier)s is recorded.") % {"supplier": decision.winner.organisation}
            messages.success(request, text)
            return redirect("contracts:tenders", pk=procurement.pk)
    return _render_tenders(request, procurement, award_form=form)


# --- Signing ----------------------------------------------------------------------------------------------


def sign(request, award_pk):
    decision = access.get_award_for_buyer(request.user, award_pk)
    existing = Contract.objects.filter(award=decision).first()
    if existing:
        messages.info(request, _("This award already has a signed contract."))
        return redirect("contracts:detail", pk=existing.pk)
    dates = services.standstill(decision)
    form = SignForm(request.POST or None, initial={"signed_on": dates.earliest_contract_signing})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contract = services.sign_contract(
                decision,
                user=request.user,
                value_sek=data["value_sek"],
                signed_on=data["signed_on"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                options=data["options"],
                early_signing_ground=data["early_signing_ground"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The contract is signed and its social commitments are recorded."))
            return redirect("contracts:detail", pk=contract.pk)
    return render(
        request,
        "contracts/officer/sign.html",
        {"award": decision, "procurement": decision.procurement, "dates": dates, "form": form},
    )


# --- Contracts --------------------------------------------------------------------------------------------


@dataclass
class ContractRow:
    contract: Contract
    state: services.Compliance

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.state.status]


def contract_list(request):
    today = timezone.localdate()
    contracts = (
        access.contracts_visible_to(request.user)
        .select_related("procurement", "supplier", "lot")
        .prefetch_related("commitments", "reports", "positions__placements")
    )
    if export_format := exports.requested_format(request):
        contracts = contracts[: exports.MAX_ROWS]
        rows = (ContractRow(contract, services.compliance(contract, today)) for contract in contracts)
        return exports.response(export_format, "contracts", _contract_columns(), rows, title=_("Contracts"))
    page = Paginator(contracts, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [ContractRow(contract, services.compliance(contract, today)) for contract in page]
    return render(request, "contracts/contract_list.html", {"page": page, "rows": rows})


def _contract_columns() -> list[exports.Column]:
    return [
        exports.Column(_("Reference"), lambda row: row.contract.procurement.reference, 16),
        exports.Column(_("Procurement"), lambda row: row.contract.procurement.title, 40),
        exports.Column(_("Lot"), lambda row: str(row.contract.lot) if row.contract.lot else "", 20),
        exports.Column(_("Supplier"), lambda row: str(row.contract.supplier), 28),
        exports.Column(_("Starts"), lambda row: row.contract.starts_on, 12),
        exports.Column(_("Ends"), lambda row: row.contract.ends_on, 12),
        exports.Column(_("Months delivered"), lambda row: row.state.months_delivered, 12),
        exports.Column(_("Months committed"), lambda row: row.state.months_committed, 12),
        exports.Column(_("Status"), lambda row: row.status_label, 16),
    ]


def _load_for_follow_up(contract: Contract) -> None:
    """Commitments (with their requirement and position types) and reports in a few queries, for compliance."""
    commitments = Commitment.objects.select_related("requirement__criterion").prefetch_related("position_types")
    prefetch_related_objects(
        [contract], Prefetch("commitments", queryset=commitments), "reports", "positions__placements"
    )


def _suggested_decision(state: services.Compliance) -> dict:
    if state.suggested_penalty_sek:
        return {"kind": ComplianceDecision.Kind.PENALTY, "amount_sek": state.suggested_penalty_sek}
    if state.suggested_bonus_sek:
        return {"kind": ComplianceDecision.Kind.BONUS, "amount_sek": state.suggested_bonus_sek}
    return {"kind": ComplianceDecision.Kind.NONE, "amount_sek": 0}


def _amendments(commitment: Commitment) -> list:
    """The commitment's earlier versions that were saved with a reason: what changed, when, by whom and why."""
    return list(
        commitment.history.exclude(history_change_reason__isnull=True)
        .exclude(history_change_reason="")
        .select_related("history_user")
        .order_by("-history_date")
    )


def contract_detail(request, pk):
    contract = access.get_contract_for_user(request.user, pk)
    _load_for_follow_up(contract)
    today = timezone.localdate()
    is_staff = access.is_buyer(request.user, contract)
    is_supplier = access.is_contract_supplier(request.user, contract)
    state = services.compliance(contract, today)
    commitments = list(contract.commitments.all())
    if is_staff:
        for commitment in commitments:
            commitment.amendments = _amendments(commitment)
    context = {
        "contract": contract,
        "commitments": commitments,
        "state": state,
        "status_label": STATUS_LABELS[state.status],
        "status_explanation": STATUS_EXPLANATIONS[state.status],
        "positions": contract.positions.select_related("position_type", "occupation"),
        "reports": contract.reports.all(),
        "due_periods": services.due_periods(contract, today),
        "decisions": contract.decisions.select_related("decided_by"),
        "is_staff": is_staff,
        "is_supplier": is_supplier,
        "can_edit_positions": is_staff or is_supplier,
        "decision_form": DecisionForm(initial=_suggested_decision(state)) if is_staff else None,
    }
    return render(request, "contracts/contract_detail.html", context)


def amend(request, pk, commitment_pk):
    contract = access.get_buyer_contract(request.user, pk)
    commitments = contract.commitments.select_related("requirement__criterion").prefetch_related("position_types")
    commitment = get_object_or_404(commitments, pk=commitment_pk)
    # The form validates a copy: a rejected change must not show as the commitment's current terms.
    form = CommitmentForm(request.POST or None, instance=get_object_or_404(Commitment, pk=commitment.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.amend_commitment(
                commitment, user=request.user, reason=form.cleaned_data["reason"], changes=form.changes()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The commitment is changed and the reason is kept in its history."))
            return redirect("contracts:detail", pk=contract.pk)
    return render(
        request, "contracts/officer/amend.html", {"contract": contract, "commitment": commitment, "form": form}
    )


def decide(request, pk):
    contract = access.get_buyer_contract(request.user, pk)
    _load_for_follow_up(contract)
    state = services.compliance(contract, timezone.localdate())
    form = DecisionForm(request.POST or None, initial=_suggested_decision(state))
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decide(
                contract,
                user=request.user,
                kind=form.cleaned_data["kind"],
                amount_sek=form.cleaned_data["amount_sek"] or 0,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if decision.supplier_notified_at:
                messages.success(request, _("The decision is recorded and the supplier's contacts were emailed."))
            else:
                messages.warning(
                    request,
                    _("The decision is recorded, but the supplier has no contacts in Insteg: tell them another way."),
                )
            return redirect("contracts:detail", pk=contract.pk)
    context = {
        "contract": contract,
        "state": state,
        "status_label": STATUS_LABELS[state.status],
        "status_explanation": STATUS_EXPLANATIONS[state.status],
        "form": form,
    }
    return render(request, "contracts/officer/decide.html", context)
