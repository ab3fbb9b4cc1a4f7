"""Seed the criteria library in a fresh database, with a first version in each criterion's history."""

from django.db import migrations
from django.utils import timezone


def seed_criteria(apps, schema_editor):
    from insteg.procurement.criteria_data import CRITERIA, model_fields

    Criterion = apps.get_model("procurement", "Criterion")
    HistoricalCriterion = apps.get_model("procurement", "HistoricalCriterion")
    # Only the fields this migration's model has, so a later field added to the data cannot break it.
    known = {field.name for field in Criterion._meta.get_fields()}
    now = timezone.now()
    for entry in CRITERIA:
        fields = {name: value for name, value in model_fields(entry).items() if name in known}
        code = fields.pop("code")
        criterion, created = Criterion.objects.get_or_create(code=code, defaults=fields)
        if not created:
            continue
        tracked = {field.attname: getattr(criterion, field.attname) for field in Criterion._meta.concrete_fields}
        HistoricalCriterion.objects.create(
            **tracked, history_date=now, history_type="+", history_change_reason="seed", history_user=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_criteria, migrations.RunPython.noop),
    ]
