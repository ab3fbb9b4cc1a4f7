"""Workflows of the advertising period: register interest, ask, answer, publish to all at once, correct, extend.

Time limits come from insteg.rules.deadlines (Swedish working days, 12 kap. 11 § LOU); every workflow is
atomic and audited, and every email leaves through the task queue in the same transaction.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from insteg.accounts.models import Role
from insteg.lib.errors import DomainError
from insteg.notices.models import MAX_QUESTION_LENGTH, Answer, DeadlineExtension, InterestedSupplier, Question
from insteg.privacy import audit
from insteg.procurement.models import Procurement
from insteg.procurement.services import procurement_deadlines
from insteg.rules import calendar


def answers_due_by(procurement: Procurement) -> datetime.date | None:
    return procurement_deadlines(procurement).answers_due_by


def is_open(procurement: Procurement, today: datetime.date | None = None) -> bool:
    """Advertised, and the tender deadline has not passed: suppliers may still ask and register."""
    today = today or timezone.localdate()
    return procurement.status == Procurement.Status.PUBLISHED and (
        procurement.tender_deadline is None or today <= procurement.tender_deadline
    )


def _require_open(procurement: Procurement) -> None:
    if procurement.status != Procurement.Status.PUBLISHED:
        raise DomainError(_("This procurement is not advertised, so it takes no questions or registrations."))
    if not is_open(procurement):
        raise DomainError(_("The tender deadline has passed; the procurement no longer takes questions."))


def _supplier_organisation(user):
    organisations = [m.organisation for m in user.active_memberships if m.role == Role.SUPPLIER_CONTACT]
    if not organisations:
        raise DomainError(_("Only a supplier's contact can do this."))
    return organisations[0]


def _clean_text(text: str, *, field: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("Write the text.")})
    if len(text) > limit:
        raise ValidationError(
            {field: _("At most %(limit)d characters; this has %(length)d.") % {"limit": limit, "length": len(text)}}
        )
    return text


@transaction.atomic
def register_interest(procurement: Procurement, *, user, contact_email: str) -> InterestedSupplier:
    _require_open(procurement)
    organisation = _supplier_organisation(user)
    interest, created = InterestedSupplier.objects.update_or_create(
        procurement=procurement,
        organisation=organisation,
        defaults={"contact_email": contact_email.strip().lower(), "registered_by": user},
    )
    interest.full_clean()
    audit.record(
        "notice.interest_registered" if created else "notice.interest_changed",
        actor=user,
        target=procurement,
        organisation=organisation,
    )
    return interest


@transaction.atomic
def withdraw_interest(procurement: Procurement, *, user) -> None:
    organisation = _supplier_organisation(user)
    deleted, _rows = InterestedSupplier.objects.filter(procurement=procurement, organisation=organisation).delete()
    if deleted:
        audit.record("notice.interest_withdrawn", actor=user, target=procurement, organisation=organisation)


@transaction.atomic
def ask_question(procurement: Procurement, *, user, text: str, lot=None, requirement=None) -> Question:
    """Accepted until the tender deadline; after the question deadline it is flagged as not in good time."""
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_open(procurement)
    organisation = _supplier_organisation(user)
    _check_belongs(procurement, lot=lot, requirement=requirement)
    today = timezone.localdate()
    question = Question.objects.create(
        procurement=procurement,
        lot=lot,
        requirement=requirement,
        text=_clean_text(text, field="text", limit=MAX_QUESTION_LENGTH),
        asked_by=user,
        asking_organisation=organisation,
        in_good_time=procurement.question_deadline is None or today <= procurement.question_deadline,
    )
    audit.record(
        "notice.question_received",
        actor=user,
        target=procurement,
        organisation=organisation,
        question=question.pk,
        in_good_time=question.in_good_time,
    )
    return question


def _check_belongs(procurement, *, lot=None, requirement=None) -> None:
    if lot is not None and lot.procurement_id != procurement.pk:
        raise ValidationError({"lot": _("Choose one of this procurement's lots.")})
    if requirement is not None and requirement.procurement_id != procurement.pk:
        raise ValidationError({"requirement": _("Choose one of this procurement's social requirements.")})


def _require_staff(procurement: Procurement, user) -> None:
    if not Procurement.objects.editable_by(user).filter(pk=procurement.pk).exists():
        raise DomainError(_("Only the buyer's procurement officers can answer."))


@transaction.atomic
def draft_answer(
    procurement: Procurement,
    *,
    user,
    public_question: str,
    text: str,
    questions=(),
    kind: str = Answer.Kind.ANSWER,
    lot=None,
    requirement=None,
    significant_change: bool = False,
) -> Answer:
    """One answer to one or several questions (duplicates merged), or a clarification with no question."""
    _require_staff(procurement, user)
    if procurement.status != Procurement.Status.PUBLISHED:
        raise DomainError(_("Answers are published only while the procurement is advertised."))
    questions = list(questions)
    _check_belongs(procurement, lot=lot, requirement=requirement)
    if any(question.procurement_id != procurement.pk for question in questions):
        raise ValidationError({"questions": _("Choose questions of this procurement.")})
    if kind == Answer.Kind.ANSWER and not questions:
        raise ValidationError({"questions": _("Choose the question or questions this answers.")})
    if any(question.answer_id and question.answer.is_published for question in questions):
        raise ValidationError({"questions": _("One of the questions is already answered.")})
    answer = Answer.objects.create(
        procurement=procurement,
        kind=kind,
        public_question=_clean_text(public_question, field="public_question", limit=MAX_QUESTION_LENGTH),
        text=_clean_text(text, field="text", limit=20000),
        lot=lot,
        requirement=requirement,
        significant_change=significant_change,
        written_by=user,
    )
    Question.objects.filter(pk__in=[question.pk for question in questions]).update(answer=answer)
    audit.record(
        "notice.answer_drafted",
        actor=user,
        target=procurement,
        organisation=procurement.organisation,
        answer=answer.pk,
        questions=[question.pk for question in questions],
    )
    return answer


@transaction.atomic
def update_answer(answer: Answer, *, user, **changes) -> Answer:
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    _require_staff(answer.procurement, user)
    if answer.is_published:
        raise DomainError(_("A published answer is never changed; publish a correction instead."))
    allowed = {"public_question", "text", "significant_change", "late_reason", "lot", "requirement"}
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError({name: _("This field cannot be set.")})
        if name in {"public_question", "text"}:
            value = _clean_text(value, field=name, limit=MAX_QUESTION_LENGTH if name == "public_question" else 20000)
        setattr(answer, name, value)
    _check_belongs(answer.procurement, lot=answer.lot, requirement=answer.requirement)
    answer.save()
    audit.record(
        "notice.answer_changed", actor=user, target=answer.procurement, organisation=answer.procurement.organisation,
        answer=answer.pk,
    )  # fmt: skip
    return answer


@transaction.atomic
def discard_draft(answer: Answer, *, user) -> None:
    """Throw away a draft answer; its questions go back to the unanswered ones. Published answers stay forever."""
    answer = Answer.objects.select_for_update().select_related("procurement").get(pk=answer.pk)
    _require_staff(answer.procurement, user)
    if answer.is_published:
        raise DomainError(_("A published answer is never deleted; publish a correction instead."))
    procurement, pk = answer.procurement, answer.pk
    answer.questions.update(answer=None)
    answer.delete()
    audit.record(
        "notice.draft_discarded", actor=user, target=procurement, organisation=procurement.organisation, answer=pk
    )


def minimum_extension(procurement: Procurement, today: datetime.date | None = None) -> datetime.date:
    """The earliest tender deadline that leaves the answer in time: today plus the answer period, a working day."""
    today = today or timezone.localdate()
    days = _answer_days(procurement)
    earliest = calendar.next_working_day_on_or_after(today + datetime.timedelta(days=days))
    if procurement.tender_deadline and earliest <= procurement.tender_deadline:
        earliest = calendar.next_working_day_on_or_after(procurement.tender_deadline + datetime.timedelta(days=1))
    return earliest


def _answer_days(procurement: Procurement) -> int:
    due = answers_due_by(procurement)
    return (procurement.tender_deadline - due).days if due and procurement.tender_deadline else 6


@transaction.atomic
def publish_answer(answer: Answer, *, user, extend_to: datetime.date | None = None, late_reason: str = "") -> Answer:
    """Publish to everyone at once. Late answers need an extension or a reason; a significant change an extension."""
    answer = Answer.objects.select_for_update().select_related("procurement").get(pk=answer.pk)
    procurement = Procurement.objects.select_for_update().get(pk=answer.procurement_id)
    _require_staff(procurement, user)
    if answer.is_published:
        raise DomainError(_("This answer is already published."))
    if procurement.status != Procurement.Status.PUBLISHED:
        raise DomainError(_("Answers are published only while the procurement is advertised."))
    _check_time_limits(procurement, answer, extend_to=extend_to, late_reason=late_reason)
    if extend_to:
        _extend(procurement, user=user, new_deadline=extend_to, answer=answer)
    answer.late_reason = late_reason.strip() if not extend_to else ""
    answer.number = (procurement.answers.aggregate(Max("number"))["number__max"] or 0) + 1
    answer.status = Answer.Status.PUBLISHED
    answer.published_at = timezone.now()
    answer.published_by = user
    answer.save()
    answer.questions.update(status=Question.Status.ANSWERED)
    audit.record(
        "notice.answer_published",
        actor=user,
        target=procurement,
        organisation=procurement.organisation,
        answer=answer.pk,
        number=answer.number,
        corrects=answer.corrects_id,
        extended_to=extend_to.isoformat() if extend_to else None,
    )
    _notify(procurement, "answer_published", {"answer": answer, "extension": extend_to})
    return answer


def _check_time_limits(procurement, answer, *, extend_to, late_reason) -> None:
    today = timezone.localdate()
    due = answers_due_by(procurement)
    minimum = minimum_extension(procurement, today)
    suggestion = {"date": minimum.isoformat(), "day": calendar.describe(minimum)}
    if extend_to is not None and extend_to < minimum:
        raise ValidationError(
            {"extend_to": _("Extend the tender deadline to %(day)s (%(date)s) or later.") % suggestion}
        )
    if answer.significant_change and extend_to is None:
        raise ValidationError(
            {
                "extend_to": _(
                    "A significant change to the procurement documents requires a later tender deadline; "
                    "the earliest is %(day)s (%(date)s)."
                )
                % suggestion
            }
        )
    if due is not None and today > due and extend_to is None and not late_reason.strip():
        raise ValidationError(
            {
                "late_reason": _(
                    "The last day for answers was %(due)s. Extend the tender deadline (at the earliest to %(day)s) "
                    "or say why this information does not affect the preparation of tenders."
                )
                % {"due": calendar.describe(due), **suggestion}
            }
        )


def _extend(procurement, *, user, new_deadline, answer=None) -> DeadlineExtension:
    extension = DeadlineExtension.objects.create(
        procurement=procurement,
        previous_deadline=procurement.tender_deadline,
        new_deadline=new_deadline,
        answer=answer,
        decided_by=user,
    )
    procurement.tender_deadline = new_deadline
    procurement.save(update_fields=["tender_deadline", "updated_at"])
    audit.record(
        "procurement.deadline_extended",
        actor=user,
        target=procurement,
        organisation=procurement.organisation,
        previous=extension.previous_deadline.isoformat(),
        new=new_deadline.isoformat(),
    )
    return extension


@transaction.atomic
def extend_tender_deadline(procurement: Procurement, *, user, new_deadline: datetime.date) -> DeadlineExtension:
    """A change suppliers must hear about: recorded, audited and sent to every interested supplier."""
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_staff(procurement, user)
    if procurement.status != Procurement.Status.PUBLISHED:
        raise DomainError(_("Only an advertised procurement's tender deadline can be extended."))
    if procurement.tender_deadline and new_deadline <= procurement.tender_deadline:
        raise ValidationError({"new_deadline": _("The new tender deadline must be later than the current one.")})
    extension = _extend(procurement, user=user, new_deadline=new_deadline)
    _notify(procurement, "deadline_extended", {"extension": extension})
    return extension


@transaction.atomic
def correct_answer(answer: Answer, *, user, public_question: str, text: str, significant_change=False) -> Answer:
    """A new draft that, once published, supersedes the published answer; both stay visible."""
    answer = Answer.objects.select_for_update().select_related("procurement").get(pk=answer.pk)
    _require_staff(answer.procurement, user)
    if not answer.is_published:
        raise DomainError(_("Only a published answer is corrected; change the draft instead."))
    if Answer.objects.filter(corrects=answer).exists():
        raise DomainError(_("This answer already has a correction."))
    correction = Answer.objects.create(
        procurement=answer.procurement,
        kind=answer.kind,
        public_question=_clean_text(public_question, field="public_question", limit=MAX_QUESTION_LENGTH),
        text=_clean_text(text, field="text", limit=20000),
        lot=answer.lot,
        requirement=answer.requirement,
        significant_change=significant_change,
        corrects=answer,
        written_by=user,
    )
    audit.record(
        "notice.correction_drafted",
        actor=user,
        target=answer.procurement,
        organisation=answer.procurement.organisation,
        answer=correction.pk,
        corrects=answer.pk,
    )
    return correction


def _notify(procurement: Procurement, template: str, context: dict) -> int:
    """One email per interested supplier, addressed to that supplier alone (no one sees another's address)."""
    recipients = list(procurement.interested.values_list("contact_email", flat=True))
    if not recipients:
        return 0
    url = settings.INSTEG_SITE_URL.rstrip("/") + reverse("notices:detail", args=[procurement.pk])
    with translation.override(settings.LANGUAGE_CODE):
        context = {"procurement": procurement, "url": url, **context}
        subject = " ".join(render_to_string(f"notices/email/{template}_subject.txt", context).split())
        body = render_to_string(f"notices/email/{template}.txt", context)
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
    # Queued in this transaction (insteg.lib.mail): a rollback sends nothing, a commit sends to all.
    return get_connection().send_messages(messages)
