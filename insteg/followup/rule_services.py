"""Changing the follow-up rules: the check-in schedule and the first-response time limits.

Only administrators change them. Every change is validated by the model (`full_clean`), saved atomically,
versioned by django-simple-history (who and when) and audited with ids and codes only. A change applies to
placements that start afterwards: check-ins already made keep their name and due date.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from insteg.followup.models import CheckInStep, ResponseTimeLimit, SituationCategory
from insteg.lib.errors import DomainError
from insteg.privacy import audit


def limits_in_category_order() -> list[ResponseTimeLimit]:
    """The time limits in the order the categories are offered (attendance first, other last)."""
    order = {category: number for number, category in enumerate(SituationCategory.values)}
    return sorted(ResponseTimeLimit.objects.all(), key=lambda limit: order.get(limit.category, len(order)))


def _require_administrator(user) -> None:
    if not (user.is_authenticated and user.is_administrator):
        raise DomainError(_("Only administrators change the follow-up rules."))


def code_in_use(step: CheckInStep) -> bool:
    """Another step of the same schedule (the same position type, or the default) has the step's code."""
    return (
        CheckInStep.objects.filter(position_type_id=step.position_type_id, code=step.code).exclude(pk=step.pk).exists()
    )


def _code_in_use_error() -> ValidationError:
    return ValidationError({"code": _("This schedule already has a step with this code. Choose another code.")})


def _validate_step(step: CheckInStep) -> None:
    """The model's own validation, with a taken code said in words (the constraint's message names itself)."""
    duplicate = code_in_use(step)
    errors = {}
    try:
        step.full_clean(exclude={"code"} if duplicate else None)
    except ValidationError as error:
        errors = error.message_dict
    if duplicate:
        errors.setdefault("code", []).extend(_code_in_use_error().messages)
    if errors:
        raise ValidationError(errors)


def _keep_first_version(row) -> None:
    """Rows loaded by a migration have no history: store their state as the first version before a change,
    so the history shows what the change replaced."""
    if row.pk is not None and not row.history.exists():
        stored = type(row).objects.get(pk=row.pk)
        stored._history_user = None
        type(row).history.bulk_history_create([stored], default_change_reason="reference data")


def _changed_fields(row, fields) -> list[str]:
    if row.pk is None:
        return list(fields)
    stored = type(row).objects.filter(pk=row.pk).values(*fields).first() or {}
    return [field for field in fields if stored.get(field) != getattr(row, field)]


STEP_FIELDS = ("position_type_id", "code", "name_sv", "name_en", "anchor", "months", "days")
LIMIT_FIELDS = ("working_days", "source", "certainty")


@transaction.atomic
def save_step(step: CheckInStep, *, user) -> CheckInStep:
    """Create or change a check-in step. A position type's first step of its own replaces the default schedule
    for that type."""
    _require_administrator(user)
    _validate_step(step)
    change = "created" if step.pk is None else "changed"
    changed = _changed_fields(step, STEP_FIELDS)
    _keep_first_version(step)
    step._history_user = user
    try:
        with transaction.atomic():
            step.save()
    except IntegrityError:
        # Someone saved the same code a moment ago.
        raise _code_in_use_error() from None
    audit.record(
        "followup.rule_changed", actor=user, target=step, rule="check_in_step", change=change, code=step.code,
        position_type=step.position_type_id, fields=changed,
    )  # fmt: skip
    return step


@transaction.atomic
def delete_step(step: CheckInStep, *, user) -> None:
    """Check-ins already made from the step stay (they keep their name and due date)."""
    _require_administrator(user)
    step = CheckInStep.objects.select_for_update().get(pk=step.pk)
    _keep_first_version(step)
    audit.record(
        "followup.rule_changed", actor=user, target=step, rule="check_in_step", change="deleted", code=step.code,
        position_type=step.position_type_id,
    )  # fmt: skip
    step._history_user = user
    step.delete()


@transaction.atomic
def save_limit(limit: ResponseTimeLimit, *, user) -> ResponseTimeLimit:
    """Change a category's first-response time limit; it applies to situations reported afterwards."""
    _require_administrator(user)
    limit.full_clean()
    change = "created" if limit.pk is None else "changed"
    changed = _changed_fields(limit, LIMIT_FIELDS)
    _keep_first_version(limit)
    limit._history_user = user
    limit.save()
    audit.record(
        "followup.rule_changed", actor=user, target=limit, rule="response_time_limit", change=change,
        code=limit.category, working_days=limit.working_days, fields=changed,
    )  # fmt: skip
    return limit
