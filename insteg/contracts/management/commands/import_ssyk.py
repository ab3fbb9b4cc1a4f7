"""`insteg import_ssyk FILE`: load a newer official SSYK 2012 list from SCB (code;label_sv)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from insteg.contracts.models import Occupation
from insteg.contracts.reference_data import read_ssyk


class Command(BaseCommand):
    help = "Import SSYK 2012 unit groups from an SCB file (semicolon-separated: code;label_sv)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            rows = read_ssyk(file)
        except (OSError, ValueError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        created = updated = 0
        with transaction.atomic():
            for code, title in rows:
                _occupation, was_created = Occupation.objects.update_or_create(code=code, defaults={"title_sv": title})
                created += was_created
                updated += not was_created
        self.stdout.write(f"{created} occupations added, {updated} updated, {len(rows)} in the file.")
