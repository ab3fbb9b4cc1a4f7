"""Who sees what of the advertising period. The only door to notices, questions, answers and registrations.

The public and suppliers see published procurements and published answers. A supplier also sees its own
questions and its own registration. Who asked and who registered is seen only by the buyer's staff.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from insteg.accounts.models import Role
from insteg.notices.models import Answer, Question
from insteg.procurement import access as procurement_access
from insteg.procurement.models import Procurement


def public_procurements():
    """Everything that has been advertised: open, closed, awarded, completed or cancelled; never drafts, and
    never a draft that was cancelled before it was published."""
    return Procurement.objects.exclude(status=Procurement.Status.DRAFT).exclude(
        status=Procurement.Status.CANCELLED, published_at__isnull=True
    )


def get_public_procurement(pk: int) -> Procurement:
    return get_object_or_404(public_procurements().select_related("organisation"), pk=pk)


def is_buyer_staff(user, procurement: Procurement) -> bool:
    return user.is_authenticated and procurement_access.can_edit_procurement(user, procurement)


def get_staff_procurement(user, pk: int) -> Procurement:
    """For the buyer's officers: 404 when the procurement is not theirs to see, 403 when they may not answer."""
    return procurement_access.get_procurement_for_user(user, pk, write=True)


def is_supplier(user) -> bool:
    return user.is_authenticated and user.has_role(Role.SUPPLIER_CONTACT)


def supplier_organisation_ids(user) -> set[int]:
    return user.organisations_with_role(Role.SUPPLIER_CONTACT) if user.is_authenticated else set()


def published_answers(procurement: Procurement):
    return (
        procurement.answers.filter(status=Answer.Status.PUBLISHED)
        .select_related("lot", "requirement__criterion", "corrects", "correction")
        .order_by("number")
    )


def questions_visible_to(user, procurement: Procurement):
    """Staff: every question with its asker. A supplier: its own organisation's questions. Others: none."""
    questions = procurement.questions.select_related("lot", "requirement__criterion", "answer")
    if is_buyer_staff(user, procurement):
        return questions.select_related("asking_organisation", "asked_by")
    own = supplier_organisation_ids(user)
    return questions.filter(asking_organisation__in=own) if own else questions.none()


def get_own_question(user, procurement: Procurement, pk: int) -> Question:
    return get_object_or_404(questions_visible_to(user, procurement), pk=pk)


def get_staff_answer(user, procurement: Procurement, pk: int) -> Answer:
    if not is_buyer_staff(user, procurement):
        raise PermissionDenied
    return get_object_or_404(procurement.answers.select_related("corrects"), pk=pk)
