from django.db import migrations

from insteg.followup.reference_data import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model("followup", "CheckInStep"), apps.get_model("followup", "ResponseTimeLimit"))


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
