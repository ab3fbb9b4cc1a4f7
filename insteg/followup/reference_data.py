"""The follow-up rules Insteg starts with, as plain data (no model imports, so the migration can use them).

The schedule follows the issue's defaults (after the first week, after one and three months, at the end and
90 days after the end — Statskontoret's measure, domain research §4). The first-response time limits are the
municipality's own routine, not law: Insteg proposes two working days (one for conflict and work environment)
and the municipality sets its own. Loading only creates missing rows and never overwrites an edited one.
"""

DEFAULT_STEPS = [
    # code, name_sv, name_en, anchor, months, days
    ("first-week", "Efter första veckan", "After the first week", "start", 0, 7),
    ("one-month", "Efter en månad", "After one month", "start", 1, 0),
    ("three-months", "Efter tre månader", "After three months", "start", 3, 0),
    ("at-end", "Vid avslut", "At the end", "end", 0, 0),
    ("after-90-days", "90 dagar efter avslut", "90 days after the end", "end", 0, 90),
]

POLICY_SOURCE = "Kommunens rutin för uppföljning av placeringar (Insteg föreslår värdet; kommunen fastställer)"
# For a category without a row (an administrator deleted it): the example.
FALLBACK_RESPONSE_WORKING_DAYS = 2
RESPONSE_LIMITS = {
    "attendance": 2,
    "tasks": 2,
    "supervision": 2,
    "language": 2,
    "transport": 2,
    "conflict": 1,
    "work_environment": 1,
    "other": 2,
}


def load_reference_data(step_model=None, limit_model=None) -> int:
    """Idempotent: creates what is missing, never changes what exists (an administrator may have edited it)."""
    if step_model is None or limit_model is None:
        from insteg.followup.models import CheckInStep, ResponseTimeLimit

        step_model, limit_model = CheckInStep, ResponseTimeLimit
    created = 0
    for code, name_sv, name_en, anchor, months, days in DEFAULT_STEPS:
        _row, made = step_model.objects.get_or_create(
            position_type=None,
            code=code,
            defaults={"name_sv": name_sv, "name_en": name_en, "anchor": anchor, "months": months, "days": days},
        )
        created += made
    for category, days in RESPONSE_LIMITS.items():
        _row, made = limit_model.objects.get_or_create(
            category=category, defaults={"working_days": days, "source": POLICY_SOURCE, "certainty": "secondary"}
        )
        created += made
    return created
