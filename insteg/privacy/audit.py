"""The audit trail: `record()` is called by every service, inside its transaction."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from insteg.privacy.models import AuditEvent

# Values in `data` must be ids, codes, numbers or dates: anything that could be free text about a
# person is refused here, so a careless caller fails loudly in tests instead of leaking.
_ALLOWED_TYPES = (int, float, bool, type(None))
_MAX_CODE_LENGTH = 64


def _check_data(data: dict) -> None:
    for key, value in data.items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, _ALLOWED_TYPES):
                continue
            if isinstance(item, str) and len(item) <= _MAX_CODE_LENGTH and " " not in item.strip():
                continue
            raise ValueError(f"Audit data {key!r} must be an id or a code, not free text.")


def record(action: str, *, actor, target: models.Model | None = None, organisation=None, **data) -> AuditEvent:
    """Append one event. `actor` may be None for the system (scheduled jobs) or an anonymous visitor."""
    _check_data(data)
    actor = actor if actor is not None and actor.is_authenticated else None
    if organisation is None and actor is not None:
        organisation = actor.organisation
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        organisation=organisation,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        data=data,
    )
