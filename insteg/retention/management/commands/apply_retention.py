"""`insteg apply_retention --dry-run | --apply [--by USERNAME]`: carry out the approved disposal proposals."""

from django.core.management.base import BaseCommand, CommandError

from insteg.accounts.models import User
from insteg.retention import services


class Command(BaseCommand):
    help = (
        "Carry out approved disposal proposals. --dry-run shows each rule and what would happen and changes "
        "nothing; --apply disposes of the approved records (checking legal holds again) and logs each disposal."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="Show what would happen; change nothing.")
        mode.add_argument("--apply", action="store_true", help="Carry out the approved proposals.")
        parser.add_argument("--by", metavar="USERNAME", help="The person carrying it out, for the disposal record.")

    def handle(self, *args, dry_run=False, apply=False, by=None, **options):
        if not (dry_run or apply):
            raise CommandError("Say --dry-run (show what would happen) or --apply (carry out approved proposals).")
        user = self._user(by)
        if dry_run:
            for status in services.rule_statuses():
                self.stdout.write(services.status_line(status))
                self.stdout.write(f"  {status.summary}")
        outcomes = services.apply_approved(by=user, dry_run=dry_run)
        for outcome in outcomes:
            self.stdout.write(outcome.describe(dry_run))
        if not outcomes:
            self.stdout.write("No approved proposals are waiting.")
        elif dry_run:
            self.stdout.write("Dry run: nothing was changed.")

    def _user(self, username):
        if username is None:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if not user.is_administrator:
            raise CommandError(f"{username!r} is not an administrator; disposals are carried out by administrators.")
        return user
