"""Changing a rule row: validated, saved and audited in one transaction; simple-history keeps the versions."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from insteg.privacy import audit

HISTORY_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@transaction.atomic
def save_rule(form, *, by, thing: str):
    """Save a valid ModelForm of a rule row and record `rules.<thing>_changed` in the audit trail."""
    created = form.instance.pk is None
    changed_fields = sorted(form.changed_data)
    instance = form.save()
    audit.record(f"rules.{thing}_changed", actor=by, target=instance, created=created, fields=changed_fields)
    return instance


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    what: str
    fields: list[str]


def history_of(instance) -> list[HistoryEntry]:
    """The row's versions, newest first: who changed it, when, and which fields (one query)."""
    fields = [field for field in instance._meta.fields if field.name != "id"]
    records = list(instance.history.select_related("history_user").order_by("history_date", "history_id"))
    entries, previous = [], None
    for record in records:
        changed = [
            str(field.verbose_name)
            for field in fields
            if previous is not None and getattr(record, field.attname) != getattr(previous, field.attname)
        ]
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user.name if user else str(_("Insteg (reference data)")),
                what=str(HISTORY_TYPES.get(record.history_type, record.history_type)),
                fields=changed,
            )
        )
        previous = record
    return entries[::-1]
