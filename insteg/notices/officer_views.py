"""The buyer's pages for supplier questions: the inbox, answers, publishing within LOU's time limits, extensions.

Only the buyer's procurement officers and administrators reach them (`access.get_staff_procurement`); they are
the only pages that show who asked and who registered interest.
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from insteg.core.forms import add_service_errors
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.notices import access, services
from insteg.notices.models import Answer
from insteg.notices.officer_forms import AnswerForm, CorrectionForm, ExtendForm, PublishForm
from insteg.rules import calendar

MAX_SELECTED_QUESTIONS = 200


def _ids(values) -> list[int]:
    """Whole numbers from a query string; anything else is ignored rather than an error."""
    return [int(value) for value in values[:MAX_SELECTED_QUESTIONS] if value.isascii() and value.isdigit()]


def _questions(request, procurement):
    """Every question with its asker: the inbox is for the buyer's staff only."""
    return access.questions_visible_to(request.user, procurement).select_related("asked_by")


def _unanswered(request, procurement):
    return _questions(request, procurement).filter(answer__isnull=True)


def _deadline_state(procurement) -> dict:
    today = timezone.localdate()
    due = services.answers_due_by(procurement)
    return {
        "today": today,
        "due": due,
        "due_description": calendar.describe(due) if due else "",
        "overdue": due is not None and today > due,
        "due_today": due is not None and today == due,
    }


def inbox(request, pk):
    procurement = access.get_staff_procurement(request.user, pk)
    if export_format := exports.requested_format(request):
        questions = _questions(request, procurement).order_by("received_at", "pk")
        stem = f"questions-{procurement.pk}"
        return exports.response(export_format, stem, _question_columns(), questions, title=_("Questions"))
    questions = list(_questions(request, procurement))
    by_answer = defaultdict(list)
    for question in questions:
        by_answer[question.answer_id].append(question)
    answers = list(
        procurement.answers.select_related("lot", "requirement__criterion", "corrects", "correction").order_by(
            "number", "created_at", "pk"
        )
    )
    for answer in answers:
        answer.received_questions = by_answer.get(answer.pk, [])
    unanswered = by_answer.get(None, [])
    drafts = [answer for answer in answers if not answer.is_published]
    context = {
        "procurement": procurement,
        "unanswered": unanswered,
        "drafts": drafts,
        "published": [answer for answer in answers if answer.is_published],
        "interested_count": procurement.interested.count(),
        "is_open": services.is_open(procurement),
        "pending": bool(unanswered or drafts),
        **_deadline_state(procurement),
    }
    return render(request, "notices/officer/inbox.html", context)


def _concerns(question) -> str:
    if question.requirement:
        return question.requirement.criterion.title
    if question.lot:
        return _("Lot %(lot)s") % {"lot": question.lot}
    return _("The whole procurement")


def _answer_state(question) -> str:
    if question.answer is None:
        return _("Unanswered")
    return _("Published") if question.answer.is_published else _("Draft")


def _question_columns() -> list[exports.Column]:
    """Every question with its asker: the inbox, and so its export, is for the buyer's staff only."""
    return [
        exports.Column(_("Received"), lambda q: q.received_at, 18),
        exports.Column(_("In good time"), lambda q: q.in_good_time, 10),
        exports.Column(_("Asking supplier"), lambda q: q.asking_organisation.name, 28),
        exports.Column(_("Asked by"), lambda q: q.asked_by.name, 20),
        exports.Column(_("Concerns"), _concerns, 28),
        exports.Column(_("Question"), lambda q: q.text, 60),
        exports.Column(_("Answer no."), lambda q: q.answer.number if q.answer else None, 10),
        exports.Column(_("Answer"), _answer_state, 14),
    ]


def answer_create(request, pk):
    procurement = access.get_staff_procurement(request.user, pk)
    kind = Answer.Kind.CLARIFICATION if request.GET.get("kind") == Answer.Kind.CLARIFICATION else Answer.Kind.ANSWER
    unanswered = _unanswered(request, procurement)
    chosen_ids = _ids((request.POST if request.method == "POST" else request.GET).getlist("questions"))
    chosen = list(unanswered.filter(pk__in=chosen_ids)) if kind == Answer.Kind.ANSWER else []
    initial = {"questions": [question.pk for question in chosen]}
    if chosen:
        # The first question's own words as a starting point; the officer rewrites them to hide the asker.
        first = chosen[0]
        initial.update(public_question=first.text, lot=first.lot_id, requirement=first.requirement_id)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        procurement=procurement,
        questions=unanswered,
        kind=kind,
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                answer = services.draft_answer(
                    procurement,
                    user=request.user,
                    public_question=data["public_question"],
                    text=data["text"],
                    questions=data.get("questions") or [],
                    kind=kind,
                    lot=data["lot"],
                    requirement=data["requirement"],
                    significant_change=data["significant_change"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The draft is saved. Check it, then publish it to every supplier."))
                return redirect("notices:answer_edit", pk=procurement.pk, answer_pk=answer.pk)
        status = 400
    context = {
        "procurement": procurement,
        "form": form,
        "kind": kind,
        "chosen": chosen,
        "is_clarification": kind == Answer.Kind.CLARIFICATION,
    }
    return render(request, "notices/officer/answer_create.html", context, status=status)


def answer_edit(request, pk, answer_pk):
    procurement = access.get_staff_procurement(request.user, pk)
    answer = access.get_staff_answer(request.user, procurement, answer_pk)
    context = {
        "procurement": procurement,
        "answer": answer,
        "questions": list(_questions(request, procurement).filter(answer=answer)),
        "correction": getattr(answer, "correction", None),
        "form": None,
    }
    if answer.is_published:
        if request.method == "POST":
            context["refused"] = _("A published answer is never changed; publish a correction instead.")
            return render(request, "notices/officer/answer_edit.html", context, status=409)
        return render(request, "notices/officer/answer_edit.html", context)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        procurement=procurement,
        kind=answer.kind,
        initial={
            "public_question": answer.public_question,
            "text": answer.text,
            "lot": answer.lot_id,
            "requirement": answer.requirement_id,
            "significant_change": answer.significant_change,
        },
    )
    context["form"] = form
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_answer(
                    answer,
                    user=request.user,
                    public_question=data["public_question"],
                    text=data["text"],
                    lot=data["lot"],
                    requirement=data["requirement"],
                    significant_change=data["significant_change"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The draft is saved."))
                return redirect("notices:answer_edit", pk=procurement.pk, answer_pk=answer.pk)
        status = 400
    return render(request, "notices/officer/answer_edit.html", context, status=status)


def answer_publish(request, pk, answer_pk):
    procurement = access.get_staff_procurement(request.user, pk)
    answer = access.get_staff_answer(request.user, procurement, answer_pk)
    if answer.is_published:
        messages.info(request, _("This answer is already published."))
        return redirect("notices:answer_edit", pk=procurement.pk, answer_pk=answer.pk)
    state = _deadline_state(procurement)
    minimum = services.minimum_extension(procurement, state["today"])
    needs_extension = state["overdue"] or answer.significant_change
    form = PublishForm(
        request.POST if request.method == "POST" else None, initial={"extend_to": minimum} if needs_extension else {}
    )
    interested_count = procurement.interested.count()
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                answer = services.publish_answer(
                    answer,
                    user=request.user,
                    extend_to=form.cleaned_data["extend_to"],
                    late_reason=form.cleaned_data["late_reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except DomainError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(
                    request,
                    ngettext(
                        "Published as no. %(number)d; emailed %(count)d supplier.",
                        "Published as no. %(number)d; emailed %(count)d suppliers.",
                        interested_count,
                    )
                    % {"number": answer.number, "count": interested_count},
                )
                return redirect("notices:inbox", pk=procurement.pk)
    context = {
        "procurement": procurement,
        "answer": answer,
        "form": form,
        "interested_count": interested_count,
        "minimum": minimum,
        "minimum_description": calendar.describe(minimum),
        **state,
    }
    return render(request, "notices/officer/answer_publish.html", context, status=status)


def answer_correct(request, pk, answer_pk):
    procurement = access.get_staff_procurement(request.user, pk)
    answer = access.get_staff_answer(request.user, procurement, answer_pk)
    existing = getattr(answer, "correction", None)
    if existing is not None:
        messages.info(request, _("This answer already has a correction; continue with it."))
        return redirect("notices:answer_edit", pk=procurement.pk, answer_pk=existing.pk)
    if not answer.is_published:
        messages.info(request, _("Only a published answer is corrected; change the draft instead."))
        return redirect("notices:answer_edit", pk=procurement.pk, answer_pk=answer.pk)
    form = CorrectionForm(
        request.POST if request.method == "POST" else None,
        initial={"public_question": answer.public_question, "text": answer.text},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                correction = services.correct_answer(answer, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("The correction is saved as a draft. Publish it to replace answer no. %(number)d.")
                    % {"number": answer.number},
                )  # fmt: skip
                return redirect("notices:answer_edit", pk=procurement.pk, answer_pk=correction.pk)
        status = 400
    context = {"procurement": procurement, "answer": answer, "form": form}
    return render(request, "notices/officer/answer_correct.html", context, status=status)


def extend_deadline(request, pk):
    procurement = access.get_staff_procurement(request.user, pk)
    form = ExtendForm(request.POST if request.method == "POST" else None, current=procurement.tender_deadline)
    interested_count = procurement.interested.count()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                extension = services.extend_tender_deadline(
                    procurement, user=request.user, new_deadline=form.cleaned_data["new_deadline"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    ngettext(
                        "The tender deadline is now %(date)s; emailed %(count)d supplier.",
                        "The tender deadline is now %(date)s; emailed %(count)d suppliers.",
                        interested_count,
                    )
                    % {"date": date_format(extension.new_deadline, "Y-m-d"), "count": interested_count},
                )
                return redirect("notices:inbox", pk=procurement.pk)
        status = 400
    context = {
        "procurement": procurement,
        "form": form,
        "interested_count": interested_count,
        "current_description": calendar.describe(procurement.tender_deadline) if procurement.tender_deadline else "",
    }
    return render(request, "notices/officer/extend.html", context, status=status)


def interested(request, pk):
    procurement = access.get_staff_procurement(request.user, pk)
    registrations = procurement.interested.select_related("organisation").order_by("created_at", "pk")
    if export_format := exports.requested_format(request):
        columns = [
            exports.Column(_("Supplier"), lambda r: r.organisation.name, 32),
            exports.Column(_("Organisation number"), lambda r: r.organisation.org_number, 16),
            exports.Column(_("Contact email"), lambda r: r.contact_email, 32),
            exports.Column(_("Registered"), lambda r: r.created_at, 18),
        ]
        stem = f"interested-{procurement.pk}"
        return exports.response(export_format, stem, columns, registrations, title=_("Interested suppliers"))
    return render(
        request, "notices/officer/interested.html", {"procurement": procurement, "registrations": list(registrations)}
    )


@require_POST
def answer_discard(request, pk, answer_pk):
    """A draft can be thrown away; its questions return to the unanswered list."""
    procurement = access.get_staff_procurement(request.user, pk)
    answer = access.get_staff_answer(request.user, procurement, answer_pk)
    try:
        services.discard_draft(answer, user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("notices:answer_edit", pk=procurement.pk, answer_pk=answer.pk)
    messages.success(request, _("The draft is discarded; its questions are unanswered again."))
    return redirect("notices:inbox", pk=procurement.pk)
