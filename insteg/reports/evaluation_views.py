"""The pilot evaluation: a page with a table, a sentence and a chart per figure, and the same report as XLSX, CSV
and PDF. The municipality's staff and the funder read it; the funder's copy hides small counts, everywhere."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from insteg.accounts.models import Role
from insteg.contracts.models import Contract
from insteg.reports import access, charts, documents
from insteg.reports.evaluation_forms import EvaluationForm, bind
from insteg.reports.figures import Evaluation, evaluate

PAGE = "reports/evaluation.html"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def evaluation(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, PAGE, {"form": form}, status=400)
    report = _evaluate(request.user, form)
    context = {
        "form": form,
        "report": report,
        "query": form.query(),
        "all_chosen": _all_chosen(form),
        "selection": [] if _all_chosen(form) else _selection(request.user, report),
        "suppression_note": documents.suppression_note(report),
        "method_notes": documents.method_notes(report),
        "tables": _page_tables(request.user, report),
    }
    return render(request, PAGE, context)


def evaluation_xlsx(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, PAGE, {"form": form}, status=400)
    report = _evaluate(request.user, form)
    content = documents.evaluation_xlsx(report, all_chosen=_all_chosen(form))
    return _attachment(content, XLSX, documents.filename(report, "xlsx"))


def evaluation_csv(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, PAGE, {"form": form}, status=400)
    report = _evaluate(request.user, form)
    return _attachment(
        documents.evaluation_csv(report).encode("utf-8"), "text/csv; charset=utf-8", documents.filename(report, "csv")
    )


def evaluation_pdf(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, PAGE, {"form": form}, status=400)
    report = _evaluate(request.user, form)
    content = documents.evaluation_pdf(report, all_chosen=_all_chosen(form))
    return _attachment(content, "application/pdf", documents.filename(report, "pdf"))


# --- Helpers ------------------------------------------------------------------------------------------------------


def _form(request) -> EvaluationForm:
    if not access.can_read_reports(request.user):
        raise PermissionDenied
    return bind(request)


def _evaluate(user, form: EvaluationForm) -> Evaluation:
    procurements, start, end = form.selection()
    return evaluate(procurements, start, end, access.threshold_for(user))


def _all_chosen(form: EvaluationForm) -> bool:
    return not (form.is_bound and form.cleaned_data.get("procurements"))


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _selection(user, report: Evaluation) -> list[dict]:
    """The procurements reported on; staff may follow them to the procurement."""
    staff = access.is_municipality_staff(user)
    return [
        {
            "text": f"{procurement.reference} {procurement.title}",
            "url": reverse("procurement:detail", args=[procurement.pk]) if staff else None,
        }
        for procurement in report.procurements
    ]


def _page_tables(user, report: Evaluation) -> list[dict]:
    row_urls = _row_urls(user, report)
    lists = _lists_behind(user)
    tables = []
    for table in report.tables:
        chart = charts.chart_for(table)
        tables.append(
            {
                "table": table,
                "shown": documents.shown_table(table, row_urls.get(table.key)),
                "chart": chart,
                "chart_note": "" if chart else charts.not_drawn_note(table),
                "links": lists.get(table.key, []),
            }
        )
    return tables


def _row_urls(user, report: Evaluation) -> dict[str, list]:
    """Links from rows to the records behind them, for the municipality's staff only (a funder reads aggregates).

    The commitments table has a row per contract in the order of `figures._commitments`."""
    if not access.is_municipality_staff(user):
        return {}
    contracts = Contract.objects.filter(procurement__in=[p.pk for p in report.procurements]).order_by(
        "procurement__reference", "pk"
    )
    urls = [reverse("contracts:detail", args=[pk]) for pk in contracts.values_list("pk", flat=True)]
    if len(urls) != len(report.table("commitments").rows):
        return {}
    return {"commitments": urls}


def _lists_behind(user) -> dict[str, list[tuple[str, str]]]:
    """The lists behind a table, for the roles that may open them."""
    if not access.is_municipality_staff(user):
        return {}
    links = {"commitments": [(_("All contracts and their follow-up"), reverse("contracts:list"))]}
    if user.has_role(Role.MATCHING_OFFICER):
        placements = [(_("The placements behind these figures"), reverse("matching:placements"))]
        for key in ("people", "completion", "outcomes", "evidence"):
            links[key] = placements
    if user.has_role(Role.MATCHING_OFFICER, Role.ADMINISTRATOR):
        links["supervisors"] = [(_("Supervisor training sessions and attendance"), reverse("training:manage"))]
    return links
