from django.core.management.base import BaseCommand

from insteg.core.scheduled import JOBS


class Command(BaseCommand):
    help = "Run the daily jobs. Idempotent: safe to run from cron more often than daily."

    def handle(self, **options):
        for job in JOBS:
            job()
            self.stdout.write(f"{job.__name__}: done")
