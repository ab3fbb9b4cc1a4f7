from django.db import migrations

from insteg.privacy.consent_texts import FIRST_VERSIONS

def publish_first_version(apps, schema_editor):
    ConsentText = apps.get_model("privacy", "ConsentText")
    for purpose, (text_sv, text_en) in FIRST_VERSIONS.items():
        ConsentText.objects.get_or_create(purpose=purpose, version=1, defaults={"text_sv": text_sv, "text_en": text_en})


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_consenttext")]

    operations = [migrations.RunPython(publish_first_version, migrations.RunPython.noop)]
