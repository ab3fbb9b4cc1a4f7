"""Workflows of the criteria library: an administrator creates and changes criteria. Atomic, audited, versioned."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from simple_history.utils import get_history_manager_for_model

from insteg.privacy import audit
from insteg.procurement.criteria_forms import CriterionCreateForm, CriterionForm
from insteg.procurement.models import Criterion


@transaction.atomic
def create_criterion(form: CriterionCreateForm, *, by) -> Criterion:
    criterion = form.save(commit=False)
    criterion._history_user = by
    criterion.save()
    audit.record("criterion.created", actor=by, target=criterion, code=criterion.code)
    return criterion


@transaction.atomic
def change_criterion(form: CriterionForm, *, by) -> list[str]:
    """Save the administrator's changes as a new version; returns the names of the fields that changed."""
    stored = Criterion.objects.select_for_update().get(pk=form.instance.pk)
    changed = form.changed_fields(stored)
    if not changed:
        return []
    _keep_first_version(stored)
    criterion = form.save(commit=False)
    criterion._history_user = by
    criterion.save()
    audit.record("criterion.changed", actor=by, target=criterion, code=criterion.code, fields=changed)
    return changed


def _keep_first_version(stored: Criterion) -> None:
    """A criterion created without history (bulk or raw SQL) gets its stored state as version 1 before a change."""
    history = get_history_manager_for_model(Criterion)
    if not history.filter(id=stored.pk).exists():
        stored._history_user = None
        history.bulk_history_create([stored], default_change_reason="seed", default_date=stored.updated_at)


def with_version(criteria):
    """Annotate `version`: the number of stored versions, in the same query (the list must not grow per row)."""
    versions = (
        get_history_manager_for_model(Criterion)
        .filter(id=OuterRef("pk"))
        .order_by()
        .values("id")
        .annotate(count=Count("history_id"))
        .values("count")
    )
    return criteria.annotate(version=Coalesce(Subquery(versions, output_field=IntegerField()), Value(0)))


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: object
    new: object


@dataclass(frozen=True)
class Version:
    number: int
    record: object
    changes: list[FieldChange]

    @property
    def is_first(self) -> bool:
        return self.number == 1


def _display(name: str, value) -> str:
    """A stored value as a person reads it: choices by their label, booleans as yes or no."""
    field = Criterion._meta.get_field(name)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return value


def versions_of(criterion: Criterion) -> list[Version]:
    """Every stored version, newest first, each with what changed since the one before (one query)."""
    records = list(criterion.history.select_related("history_user").order_by("history_date", "history_id"))
    versions = []
    for number, record in enumerate(records, start=1):
        changes = []
        if number > 1:
            delta = record.diff_against(records[number - 2])
            changes = [
                FieldChange(
                    field=change.field,
                    label=str(Criterion._meta.get_field(change.field).verbose_name),
                    old=_display(change.field, change.old),
                    new=_display(change.field, change.new),
                )
                for change in delta.changes
            ]
        versions.append(Version(number=number, record=record, changes=changes))
    return list(reversed(versions))
