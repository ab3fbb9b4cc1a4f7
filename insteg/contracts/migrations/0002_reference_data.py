from django.db import migrations

from insteg.contracts.reference_data import load_reference_data


def forwards(apps, schema_editor):
    load_reference_data(apps.get_model("contracts", "PositionType"), apps.get_model("contracts", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("contracts", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
