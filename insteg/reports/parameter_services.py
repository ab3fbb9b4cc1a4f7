"""Changing an impact parameter: administrators only, validated by the model (`full_clean`) and the range rule,
saved atomically, versioned by django-simple-history (who and when) and audited with codes and numbers only.
The estimator reads the parameters when it runs, so a change shows in the next estimate."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from insteg.lib.errors import DomainError
from insteg.privacy import audit
from insteg.reports.models import ImpactParameter

FIRST_PRICE_YEAR, LAST_PRICE_YEAR = 1990, 2100
FIELDS = (
    "value_low",
    "value_high",
    "unit",
    "price_year",
    "source_title",
    "source_url",
    "certainty",
    "notes",
    "active",
)


def can_edit_parameters(user) -> bool:
    return user.is_authenticated and user.is_administrator


def _check(parameter: ImpactParameter) -> None:
    errors = {}
    try:
        parameter.full_clean()
    except ValidationError as error:
        errors = error.message_dict
    low, high = parameter.value_low, parameter.value_high
    if isinstance(low, Decimal) and isinstance(high, Decimal) and low > high and "value_high" not in errors:
        errors["value_high"] = [_("The high end must be at least the low end.")]
    year = parameter.price_year
    if isinstance(year, int) and not FIRST_PRICE_YEAR <= year <= LAST_PRICE_YEAR and "price_year" not in errors:
        errors["price_year"] = [
            _("Enter a year from %(first)d to %(last)d.") % {"first": FIRST_PRICE_YEAR, "last": LAST_PRICE_YEAR}
        ]
    if errors:
        raise ValidationError(errors)


def _keep_first_version(parameter: ImpactParameter) -> None:
    """Rows loaded by the migration have no history: store their state as the first version before a change, so
    the history shows what the change replaced."""
    if not parameter.history.exists():
        stored = ImpactParameter.objects.get(pk=parameter.pk)
        stored._history_user = None
        ImpactParameter.history.bulk_history_create([stored], default_change_reason="reference data")


def _changed_fields(parameter: ImpactParameter) -> list[str]:
    stored = ImpactParameter.objects.filter(pk=parameter.pk).values(*FIELDS).first() or {}
    return [name for name in FIELDS if stored.get(name) != getattr(parameter, name)]


@transaction.atomic
def save_parameter(parameter: ImpactParameter, *, user, data: dict) -> ImpactParameter:
    """Change an existing parameter's value range, unit, price year, source, certainty, notes or use."""
    if not can_edit_parameters(user):
        raise DomainError(_("Only administrators change the impact parameters."))
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    parameter = ImpactParameter.objects.select_for_update().get(pk=parameter.pk)
    for name, value in data.items():
        setattr(parameter, name, value)
    _check(parameter)
    changed = _changed_fields(parameter)
    if not changed:
        return parameter
    _keep_first_version(parameter)
    parameter._history_user = user
    parameter.save()
    audit.record(
        "reports.parameter_changed", actor=user, target=parameter, key=parameter.key, fields=changed,
        value_low=float(parameter.value_low), value_high=float(parameter.value_high),
        price_year=parameter.price_year, active=parameter.active,
    )  # fmt: skip
    return parameter


@dataclass(frozen=True)
class Version:
    when: datetime
    who: str
    value_low: Decimal
    value_high: Decimal
    unit: str
    price_year: int
    certainty: str
    active: bool
    fields: list[str]


def history(parameter: ImpactParameter) -> list[Version]:
    """The parameter's versions, newest first, with the values and which fields each changed (one query)."""
    labels = {name: str(ImpactParameter._meta.get_field(name).verbose_name) for name in FIELDS}
    records = list(parameter.history.select_related("history_user").order_by("history_date", "history_id"))
    versions, previous = [], None
    for record in records:
        changed = [labels[name] for name in FIELDS if previous and getattr(record, name) != getattr(previous, name)]
        user = record.history_user
        versions.append(
            Version(
                when=record.history_date,
                who=user.name if user else _("Insteg (reference data)"),
                value_low=record.value_low,
                value_high=record.value_high,
                unit=record.get_unit_display(),
                price_year=record.price_year,
                certainty=record.get_certainty_display(),
                active=record.active,
                fields=changed,
            )
        )
        previous = record
    return versions[::-1]
