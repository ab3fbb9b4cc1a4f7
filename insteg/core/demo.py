"""`insteg demo` seeds the whole process from these steps, in order. Each app adds its own step."""

from django.db import transaction
from django.utils.module_loading import import_string

SEEDERS = [
    "insteg.accounts.demo.seed",
    "insteg.procurement.demo.seed",
    "insteg.notices.demo.seed",
    "insteg.contracts.demo.seed",
    "insteg.matching.demo.seed",
    "insteg.training.demo.seed",
    "insteg.followup.demo.seed",
    "insteg.reports.demo.seed",
    "insteg.retention.demo.seed",
]


@transaction.atomic
def seed_all() -> dict:
    """Run every seeder; each gets what the earlier ones made and is idempotent."""
    made: dict = {}
    for dotted in SEEDERS:
        made.update(import_string(dotted)(made) or {})
    return made
