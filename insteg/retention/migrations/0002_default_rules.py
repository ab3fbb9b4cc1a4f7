"""The proposed default rules (domain research §6.4), not in force: the archive authority's decision comes first."""

from django.db import migrations


def add_default_rules(apps, schema_editor):
    from insteg.retention.services import ensure_default_rules

    ensure_default_rules(apps.get_model("retention", "RetentionRule"))


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(add_default_rules, migrations.RunPython.noop)]
