"""Public notice pages, the Atom feed, and the supplier's pages: register interest, ask, see the receipt.

Anonymity (OSL 19 kap. 3 §): nothing here shows who asked or who registered, except a supplier's own
questions and registration, which are read only through `access.py`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.notices import access, services
from insteg.notices.forms import InterestForm, NoticeFilterForm, QuestionForm
from insteg.notices.models import Answer
from insteg.procurement import documents
from insteg.procurement.eforms import codes_for
from insteg.procurement.models import SocialRequirement, Theme

PAGE_SIZE = 25
FEED_SIZE = 50


def _themes(procurement) -> list[str]:
    """The distinct themes of the procurement's social requirements, from the prefetched requirements."""
    codes = {requirement.criterion.theme for requirement in procurement.requirements.all()}
    return [label for value, label in Theme.choices if value in codes]


@login_not_required
def notice_list(request):
    today = timezone.localdate()
    form = NoticeFilterForm(request.GET)
    requirements = SocialRequirement.objects.select_related("criterion").only("procurement_id", "criterion__theme")
    procurements = (
        access.public_procurements()
        .select_related("organisation")
        .prefetch_related(Prefetch("requirements", queryset=requirements))
        .order_by("-published_at", "-created_at", "-pk")
    )
    procurements = form.filter(procurements, today)
    if export_format := exports.requested_format(request):
        columns = _notice_columns(request, today)
        return exports.response(export_format, "notices", columns, procurements, title=_("Notices"))
    page = Paginator(procurements, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"procurement": procurement, "themes": _themes(procurement), "is_open": services.is_open(procurement, today)}
        for procurement in page
    ]
    template = "notices/public/notice_list.html#results" if request.htmx else "notices/public/notice_list.html"
    return render(request, template, {"form": form, "page": page, "rows": rows})


def _notice_columns(request, today) -> list[exports.Column]:
    """The public list's columns, with the address of each notice so a spreadsheet can link back."""
    return [
        exports.Column(_("Title"), lambda p: p.title, 40),
        exports.Column(_("Reference"), lambda p: p.reference, 16),
        exports.Column(_("Buyer"), lambda p: p.organisation.name, 28),
        exports.Column(_("Contract type"), lambda p: p.get_contract_type_display()),
        exports.Column(_("Published"), lambda p: p.published_at, 18),
        exports.Column(_("Tender deadline"), lambda p: p.tender_deadline, 14),
        exports.Column(_("Social requirements"), _themes, 40),
        exports.Column(_("Open for tenders"), lambda p: services.is_open(p, today), 12),
        exports.Column(_("Address"), lambda p: request.build_absolute_uri(reverse("notices:detail", args=[p.pk])), 40),
    ]


def _language() -> str:
    return "en" if (get_language() or "").startswith("en") else "sv"


def _answer_rows(procurement) -> list[dict]:
    """Published answers in number order, each with the published correction that supersedes it, if any."""
    answers = list(access.published_answers(procurement))
    rows = []
    for answer in answers:
        correction = getattr(answer, "correction", None)
        rows.append(
            {
                "answer": answer,
                "corrected_by": correction if correction is not None and correction.is_published else None,
            }
        )
    return rows


def _supplier_context(request, procurement, is_open: bool) -> dict:
    """A supplier contact sees its own registration and its own questions; never anyone else's."""
    user = request.user
    if not access.is_supplier(user) or access.is_buyer_staff(user, procurement):
        return {"is_supplier": False}
    own_organisations = access.supplier_organisation_ids(user)
    registration = procurement.interested.filter(organisation__in=own_organisations).first()
    interest_form = InterestForm(
        initial={
            "action": InterestForm.REGISTER,
            "contact_email": registration.contact_email if registration else user.email,
        }
    )
    return {
        "is_supplier": True,
        "registration": registration,
        "interest_form": interest_form,
        "own_questions": list(access.questions_visible_to(user, procurement)),
        "can_ask": is_open,
    }


@login_not_required
def notice_detail(request, pk):
    procurement = access.get_public_procurement(pk)
    language = _language()
    summary = documents.public_summary(procurement, language)  # also loads requirements and lots
    is_open = services.is_open(procurement)
    context = {
        "procurement": procurement,
        "summary": summary,
        "requirements": list(procurement.requirements.all()),
        "lots": list(procurement.lots.all()),
        "eforms": codes_for(procurement),  # from the requirements loaded above
        "answers_due_by": services.answers_due_by(procurement),
        "extensions": list(procurement.deadline_extensions.all()),
        "answer_rows": _answer_rows(procurement),
        "is_open": is_open,
        "is_staff": access.is_buyer_staff(request.user, procurement),
        **_supplier_context(request, procurement, is_open),
    }
    return render(request, "notices/public/notice_detail.html", context)


@require_POST
def interest(request, pk):
    procurement = access.get_public_procurement(pk)
    if not access.is_supplier(request.user):
        raise PermissionDenied
    form = InterestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("notices:detail", pk=procurement.pk)
    try:
        if form.cleaned_data["action"] == InterestForm.REGISTER:
            services.register_interest(procurement, user=request.user, contact_email=form.cleaned_data["contact_email"])
            messages.success(request, _("You are registered. Every published answer and change is emailed to you."))
        else:
            services.withdraw_interest(procurement, user=request.user)
            messages.success(request, _("You are no longer registered for this procurement."))
    except DomainError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("notices:detail", pk=procurement.pk)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field_name, field_messages in error.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def ask(request, pk):
    procurement = access.get_public_procurement(pk)
    if not access.is_supplier(request.user):
        raise PermissionDenied
    form = QuestionForm(request.POST or None, procurement=procurement)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.ask_question(
                procurement,
                user=request.user,
                text=form.cleaned_data["text"],
                lot=form.cleaned_data.get("lot"),
                requirement=form.cleaned_data.get("requirement"),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your question has been received."))
            return redirect("notices:receipt", pk=procurement.pk, question_pk=question.pk)
    context = {
        "procurement": procurement,
        "form": form,
        "is_open": services.is_open(procurement),
        "answers_due_by": services.answers_due_by(procurement),
    }
    return render(request, "notices/public/ask.html", context)


def receipt(request, pk, question_pk):
    procurement = access.get_public_procurement(pk)
    question = access.get_own_question(request.user, procurement, question_pk)
    # The receipt belongs to the asking supplier alone, not to the buyer's staff who see questions in the inbox.
    if question.asking_organisation_id not in access.supplier_organisation_ids(request.user):
        raise Http404
    published_answer = question.answer if question.answer and question.answer.is_published else None
    return render(
        request,
        "notices/public/receipt.html",
        {"procurement": procurement, "question": question, "answer": published_answer},
    )


@dataclass
class FeedEntry:
    title: str
    link: str
    updated: datetime
    summary: str
    number: int = 0  # answers published in the same second as their notice, or together, in number order
    author: str = ""  # the buyer: Atom wants an author on every entry, and the asker is never one


class NoticeFeed(Feed):
    """New notices and published answers, newest first. Answers carry the public wording only, never the asker."""

    feed_type = Atom1Feed
    login_required = False  # public: LoginRequiredMiddleware reads this attribute of the view
    title = gettext_lazy("Insteg: notices and answers")
    subtitle = gettext_lazy("New procurement notices with social requirements, and answers to suppliers' questions.")
    author_name = "Insteg"

    def link(self):
        return reverse("notices:list")

    def feed_url(self):
        return reverse("notices:feed")

    def items(self):
        entries = [self._notice_entry(procurement) for procurement in self._notices()]
        entries += [self._answer_entry(answer) for answer in self._answers()]
        entries.sort(key=lambda entry: (entry.updated, entry.number), reverse=True)
        return entries[:FEED_SIZE]

    def _notices(self):
        return (
            access.public_procurements()
            .select_related("organisation")
            .order_by("-published_at", "-created_at")[:FEED_SIZE]
        )

    def _answers(self):
        return (
            Answer.objects.filter(status=Answer.Status.PUBLISHED, procurement__in=access.public_procurements())
            .select_related("procurement__organisation", "corrects")
            .order_by("-published_at")[:FEED_SIZE]
        )

    def _notice_entry(self, procurement) -> FeedEntry:
        return FeedEntry(
            title=_("Notice: %(title)s (%(reference)s)")
            % {"title": procurement.title, "reference": procurement.reference},
            link=reverse("notices:detail", args=[procurement.pk]),
            updated=procurement.published_at or procurement.created_at,
            summary=_("%(buyer)s. Tender deadline: %(deadline)s.")
            % {
                "buyer": procurement.organisation.name,
                "deadline": procurement.tender_deadline.isoformat() if procurement.tender_deadline else "–",
            },
            author=procurement.organisation.name,
        )

    def _answer_entry(self, answer) -> FeedEntry:
        procurement = answer.procurement
        if answer.corrects_id:
            heading = _("Correction no. %(number)s (corrects no. %(corrected)s)") % {
                "number": answer.number,
                "corrected": answer.corrects.number,
            }
        elif answer.kind == Answer.Kind.CLARIFICATION:
            heading = _("Clarification no. %(number)s") % {"number": answer.number}
        else:
            heading = _("Answer no. %(number)s") % {"number": answer.number}
        return FeedEntry(
            title=f"{heading}: {procurement.title} ({procurement.reference})",
            link=reverse("notices:detail", args=[procurement.pk]) + f"#answer-{answer.number}",
            updated=answer.published_at,
            summary=Truncator(f"{answer.public_question}\n\n{answer.text}").chars(2000),
            number=answer.number,
            author=procurement.organisation.name,
        )

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        return item.summary

    def item_updateddate(self, item):
        return item.updated

    def item_pubdate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.author


class AnswerFeed(NoticeFeed):
    """One procurement's published answers, clarifications and corrections, newest first: for a supplier who
    follows that procurement in Outlook or a feed reader. Drafts and discarded answers never appear; nor does
    who asked (the answer carries the public wording only)."""

    def get_object(self, request, pk):
        return access.get_public_procurement(pk)  # 404 for a draft, as the notice page

    def title(self, procurement):
        return _("Insteg: answers in %(reference)s %(title)s") % {
            "reference": procurement.reference,
            "title": procurement.title,
        }

    def subtitle(self, procurement):
        return _("Answers to suppliers' questions and clarifications, published to all suppliers at the same time.")

    def link(self, procurement):
        return reverse("notices:detail", args=[procurement.pk])

    def feed_url(self, procurement):
        return reverse("notices:answer_feed", args=[procurement.pk])

    def items(self, procurement):
        answers = (
            procurement.answers.filter(status=Answer.Status.PUBLISHED)
            .select_related("procurement__organisation", "corrects")
            .order_by("-published_at", "-number")[:FEED_SIZE]
        )
        return [self._answer_entry(answer) for answer in answers]
