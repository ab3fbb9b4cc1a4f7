"""The import pages: upload, preview (every row, with what will happen and what is wrong), import or discard,
and the templates to download. Who may import is decided in access.py, what happens in services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insteg.imports import access, services
from insteg.imports.forms import ParticipantUploadForm, PositionUploadForm
from insteg.imports.models import ImportBatch
from insteg.imports.participants import columns as participant_columns
from insteg.imports.positions import columns as position_columns
from insteg.imports.templates_files import template_columns, template_csv, template_xlsx
from insteg.lib.errors import DomainError

ROWS_PER_PAGE = 200
ERRORS_SHOWN = 500
TEMPLATE_NAMES = {"participants": "insteg-deltagare", "positions": "insteg-platser"}


def _preview_or_errors(request, form, kind, **target):
    """Check the file; a file that cannot be used is an error on the form, a usable one goes to its preview."""
    try:
        checked = services.check_upload(request.user, kind, form.cleaned_data["file"], **target)
    except services.FileProblem as problem:
        form.add_error("file", str(problem))
        return None
    batch = services.save_preview(request.user, checked)
    return redirect("imports:batch", pk=batch.pk)


def participant_import(request):
    access.require_participant_importer(request.user)
    municipalities = access.participant_municipalities(request.user)
    form = ParticipantUploadForm(request.POST or None, request.FILES or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        response = _preview_or_errors(
            request, form, ImportBatch.Kind.PARTICIPANTS, municipality=form.cleaned_data["municipality"]
        )
        if response:
            return response
    return render(request, "imports/upload.html", _upload_context(form, ImportBatch.Kind.PARTICIPANTS))


def position_import(request, pk=None):
    """From the positions list (choose the contract) or from one contract (`pk`)."""
    contract = access.get_position_contract(request.user, pk) if pk is not None else None
    contracts = access.position_contracts(request.user)
    if contract is None and not contracts.exists():
        raise PermissionDenied
    form = PositionUploadForm(request.POST or None, request.FILES or None, contracts=contracts)
    if contract is not None:
        del form.fields["contract"]
    if request.method == "POST" and form.is_valid():
        target = contract or form.cleaned_data["contract"]
        response = _preview_or_errors(request, form, ImportBatch.Kind.POSITIONS, contract=target)
        if response:
            return response
    return render(request, "imports/upload.html", _upload_context(form, ImportBatch.Kind.POSITIONS, contract))


def _upload_context(form, kind, contract=None) -> dict:
    columns = participant_columns() if kind == ImportBatch.Kind.PARTICIPANTS else position_columns(contract)
    return {
        "form": form,
        "kind": kind,
        "contract": contract,
        "columns": [_column_row(column) for column in template_columns(columns)],
    }


def _column_row(column) -> dict:
    return {
        "header": column.header_sv,
        "english": column.header_en,
        "required": column.required,
        "help": column.help,
        "has_codes": column.allowed is not None,
    }


def batch_detail(request, pk):
    batch = access.get_batch_for_user(request.user, pk)
    columns = participant_columns() if batch.kind == ImportBatch.Kind.PARTICIPANTS else position_columns()
    english = (get_language() or "").startswith("en")
    names = {column.key: column.header_en if english else column.header_sv for column in columns}
    results = [
        {**result, "errors": [{**error, "header": names.get(error["column"], "")} for error in result["errors"]]}
        for result in batch.results
    ]
    errors = [{"row": result["row"], **error} for result in results for error in result["errors"]]
    page = Paginator(results, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "batch": batch,
        "page": page,
        "errors": errors[:ERRORS_SHOWN],
        "errors_total": len(errors),
    }
    return render(request, "imports/preview.html", context)


@require_POST
def batch_commit(request, pk):
    batch = access.get_batch_for_user(request.user, pk)
    try:
        created = services.commit(batch, request.user)
    except services.RowsInvalid:
        messages.error(request, _("Some rows have errors now. Nothing was imported."))
    except (services.FileProblem, DomainError) as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, _("Imported: %(created)d new, %(skipped)d already there.") % {
            "created": created, "skipped": batch.total - created,
        })  # fmt: skip
    return redirect("imports:batch", pk=batch.pk)


@require_POST
def batch_discard(request, pk):
    batch = access.get_batch_for_user(request.user, pk)
    try:
        services.discard(batch, request.user)
    except DomainError as problem:
        messages.error(request, str(problem))
        return redirect("imports:batch", pk=batch.pk)
    messages.success(request, _("The upload is discarded. Nothing was imported."))
    if batch.kind == ImportBatch.Kind.PARTICIPANTS:
        return redirect("imports:participants")
    return redirect("imports:positions")


def template_download(request, kind, fmt):
    if kind == ImportBatch.Kind.PARTICIPANTS:
        access.require_participant_importer(request.user)
        columns = participant_columns()
    elif kind == ImportBatch.Kind.POSITIONS:
        if not access.may_import_positions(request.user):
            raise PermissionDenied
        columns = position_columns()
    else:
        raise Http404
    if fmt == "csv":
        response = HttpResponse(template_csv(columns), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(kind, columns),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_NAMES[kind]}.{fmt}"'
    return response
