from django.db import migrations

from insteg.reports.reference_data import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model("reports", "ImpactParameter"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
