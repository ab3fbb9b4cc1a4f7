"""Pages of the criteria library: everyone signed in reads it, administrators keep it."""

import string

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from insteg.lib import exports
from insteg.procurement import access, criteria_services
from insteg.procurement.criteria_forms import CriterionCreateForm, CriterionFilterForm, CriterionForm
from insteg.procurement.models import CLAUSE_PLACEHOLDERS, Criterion
from insteg.rules.models import ContractType

PAGE_SIZE = 50


def criterion_list(request):
    if not access.can_view_criteria(request.user):
        raise PermissionDenied
    may_include_inactive = access.can_edit_criteria(request.user)
    form = CriterionFilterForm(request.GET or None, may_include_inactive=may_include_inactive)
    form.is_valid()
    criteria = form.filter(Criterion.objects.all())
    if export_format := exports.requested_format(request):
        columns = _criterion_columns(with_in_use=may_include_inactive)
        return exports.response(export_format, "criteria", columns, criteria, title=_("Criteria library"))
    page = Paginator(criteria, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": [(criterion, _contract_type_labels(criterion)) for criterion in page],
        "can_edit": may_include_inactive,
    }
    template = "procurement/criteria/list.html#results" if request.htmx else "procurement/criteria/list.html"
    return render(request, template, context)


def _criterion_columns(*, with_in_use: bool) -> list[exports.Column]:
    columns = [
        exports.Column(_("Criterion"), lambda c: c.title, 40),
        exports.Column(_("Code"), lambda c: c.code, 24),
        exports.Column(_("Theme"), lambda c: c.get_theme_display(), 24),
        exports.Column(_("Level"), lambda c: c.get_level_display()),
        exports.Column(_("Legal instrument"), lambda c: c.get_legal_instrument_display(), 24),
        exports.Column(_("Suits"), _contract_type_labels, 30),
    ]
    if with_in_use:
        columns.append(exports.Column(_("In use"), lambda c: c.is_active, 10))
    return columns


def criterion_detail(request, code):
    criterion = access.get_criterion_for_user(request.user, code)
    names = _placeholders_in_order(criterion.text_sv)
    with translation.override("sv"):
        placeholders = [(name, str(CLAUSE_PLACEHOLDERS.get(name, name))) for name in names]
    context = {
        "criterion": criterion,
        "clause_paragraphs": highlighted_clause(criterion.text_sv),
        "placeholders": placeholders,
        "contract_types": _contract_type_labels(criterion),
        "versions": criteria_services.versions_of(criterion),
        "can_edit": access.can_edit_criteria(request.user),
    }
    return render(request, "procurement/criteria/detail.html", context)


def criterion_create(request):
    if not access.can_edit_criteria(request.user):
        raise PermissionDenied
    form = CriterionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        criterion = criteria_services.create_criterion(form, by=request.user)
        messages.success(request, _("The criterion is added to the library."))
        return redirect(criterion)
    return render(request, "procurement/criteria/form.html", {"form": form, "placeholder_names": _placeholder_names()})


def criterion_edit(request, code):
    criterion = access.get_criterion_for_user(request.user, code, write=True)
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        if criteria_services.change_criterion(form, by=request.user):
            messages.success(request, _("The changes are saved as a new version of the criterion."))
        else:
            messages.info(request, _("Nothing was changed, so no new version was made."))
        return redirect("procurement:criterion", code=criterion.code)
    context = {"form": form, "criterion": criterion, "placeholder_names": _placeholder_names()}
    return render(request, "procurement/criteria/form.html", context)


def highlighted_clause(text: str) -> list[SafeString]:
    """The clause's paragraphs with each placeholder shown as its Swedish name in brackets, marked."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return [escape(paragraph) for paragraph in text.split("\n\n")]
    html = []
    with translation.override("sv"):
        for literal, name, _spec, _conversion in parsed:
            html.append(escape(literal))
            if name is not None:
                html.append(format_html("<mark>[{}]</mark>", CLAUSE_PLACEHOLDERS.get(name, name)))
    return [mark_safe(paragraph) for paragraph in "".join(html).split("\n\n")]  # noqa: S308 - escaped above


def _placeholders_in_order(text: str) -> list[str]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return []
    return list(dict.fromkeys(name for _literal, name, _spec, _conversion in parsed if name))


def _placeholder_names() -> list[tuple[str, str]]:
    return [(name, str(label)) for name, label in CLAUSE_PLACEHOLDERS.items()]


def _contract_type_labels(criterion: Criterion) -> list[str]:
    return [ContractType(value).label for value in criterion.suited_contract_types]
