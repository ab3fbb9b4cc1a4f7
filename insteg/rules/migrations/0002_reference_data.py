"""Data only: the reference rows of insteg.rules.reference_data, with the historical models."""

from django.db import migrations
from django.utils import timezone

from insteg.rules import reference_data


def create_reference_rows(apps, schema_editor):
    def record_created(instance):
        # The first version in the row's history, as simple-history would have written it outside a migration.
        history_model = apps.get_model("rules", f"Historical{instance.__class__.__name__}")
        values = {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}
        history_model.objects.create(**values, history_date=timezone.now(), history_type="+", history_user=None)

    reference_data.create_missing_rows(
        threshold_model=apps.get_model("rules", "Threshold"),
        exchange_rate_model=apps.get_model("rules", "ExchangeRate"),
        time_limit_model=apps.get_model("rules", "TimeLimit"),
        preset_model=apps.get_model("rules", "ProportionalityPreset"),
        record_created=record_created,
    )


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]

    # Reversing keeps the rows: an administrator may have edited them, and the history refers to them.
    operations = [migrations.RunPython(create_reference_rows, migrations.RunPython.noop)]
